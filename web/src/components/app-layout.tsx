import { AppShell, Burger, Group, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useQueryClient } from '@tanstack/react-query'
import { Suspense, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Navigate, Outlet, useLocation } from 'react-router'
import { can, SESSION_ENDED_KEY, useMe } from '../auth/use-me'
import { DemoBadge } from './demo-badge'
import { ErrorAlert } from './error-alert'
import { UserMenu } from './header-parts'
import { LanguageSwitch } from './language-switch'
import { NotificationsMenu } from '../pages/notifications/notifications-menu'
import { GlobalSearch } from '../pages/search/global-search'
import { Loading } from './loading'
import { MainNav } from './main-nav'
import { useNoMachineTranslation } from './no-machine-translation'
import { PrivacyScreenToggle } from './privacy-screen-toggle'
import { RenderErrorBoundary } from './render-error'
import { useMedia } from './use-media'
import { MAIN_ID, SkipLink } from './skip-link'

/** The signed-in frame: header, navigation and main region. */
export function AppLayout() {
  const { t } = useTranslation()
  const location = useLocation()
  const me = useMe()
  const queryClient = useQueryClient()
  const [opened, { toggle, close }] = useDisclosure(false)
  // Below the `sm` breakpoint, the language switch and sign-out move into the menu. Read at the
  // first render (no server rendering here): read after it, a phone drew the whole desktop header
  // once, then the compact one.
  const compact = useMedia('(max-width: 47.99em)')
  // Between a phone and a wide screen the header keeps every control but drops words: the
  // tagline and the user's name from below `xl`, the search's and sign-out's labels below `lg`.
  const wide = useMedia('(min-width: 88em)')
  const roomy = useMedia('(min-width: 75em)')
  // On the narrowest phones (320 px) the badge says "Demo" alone; its hint says the rest.
  const narrow = useMedia('(max-width: 24em)')

  useEffect(close, [location.pathname, close])
  useNoMachineTranslation()

  if (me.isPending) {
    return (
      <main id={MAIN_ID}>
        <Loading />
      </main>
    )
  }
  if (me.isError) {
    return (
      <main id={MAIN_ID}>
        <ErrorAlert error={me.error} />
      </main>
    )
  }
  const user = me.data
  if (!user || user.sessionState === 'mfa_pending') {
    const expired = queryClient.getQueryData(SESSION_ENDED_KEY) === true
    return <Navigate to="/login" replace state={{ from: location.pathname, expired }} />
  }
  if (user.sessionState === 'mfa_enrolment') return <Navigate to="/mfa/enrol" replace />
  // Whoever sees clients' names where they work (My day, the calendar, the dashboard) can hide them in one click.
  const seesNames = can(user, 'accompaniment.read')

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding={{ base: 'md', sm: 'xl' }}
      >
        {/* Above the navigation (101), so that a header hint may overlap it. */}
        <AppShell.Header px="md" zIndex={102}>
          <Group h="100%" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t(opened ? 'nav.close' : 'nav.open')}
                aria-expanded={opened}
                aria-controls="main-nav"
              />
              <Link to="/" className="app-brand">
                {t('app.name')}
              </Link>
              <Text size="sm" c="gray.7" visibleFrom="xl">
                {t('app.tagline')}
              </Text>
              {user.demo ? <DemoBadge size={wide ? 'full' : narrow ? 'tiny' : 'short'} /> : null}
            </Group>
            {compact ? (
              <GlobalSearch me={user} compact />
            ) : (
              <Group gap="sm" wrap="nowrap">
                <GlobalSearch me={user} compact={!roomy} />
                <NotificationsMenu me={user} />
                {seesNames ? <PrivacyScreenToggle compact /> : null}
                <LanguageSwitch />
                <UserMenu me={user} showName={wide} iconOnly={!roomy} />
              </Group>
            )}
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" id="main-nav" aria-label={t('nav.label')}>
          <MainNav me={user} />
          {compact ? (
            <Stack gap="sm" mt="lg" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
              <NotificationsMenu me={user} />
              {seesNames ? <PrivacyScreenToggle /> : null}
              {/* Mounted with the open menu only: its moving indicator measures the layout on every
                  change of it, which on a phone's first paint cost about 100 ms of a slowed CPU. */}
              {opened ? <LanguageSwitch /> : null}
              <UserMenu me={user} />
            </Stack>
          ) : null}
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          <RenderErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </RenderErrorBoundary>
        </AppShell.Main>
      </AppShell>
    </>
  )
}
