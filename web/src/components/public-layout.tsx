import { Box, Container, Group } from '@mantine/core'
import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Outlet, useLocation } from 'react-router'
import { LanguageSwitch } from './language-switch'
import { Loading } from './loading'
import { RenderErrorBoundary } from './render-error'
import { MAIN_ID, SkipLink } from './skip-link'

/** Sign-in, activation and MFA enrolment: a quiet, centred page. */
export function PublicLayout() {
  const { t } = useTranslation()
  const { pathname } = useLocation()
  return (
    <>
      <SkipLink />
      <Box component="header" bg="white" px="md" h={64} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group h="100%" justify="space-between">
          <Link to="/" className="app-brand">
            {t('app.name')}
          </Link>
          <LanguageSwitch />
        </Group>
      </Box>
      <Container component="main" id={MAIN_ID} tabIndex={-1} size={480} py={48}>
        <RenderErrorBoundary resetKey={pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </RenderErrorBoundary>
      </Container>
    </>
  )
}
