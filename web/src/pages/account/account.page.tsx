import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { EmailAddress } from '../../components/email-address'
import { can, ME_KEY, useMe } from '../../auth/use-me'
import { Loading } from '../../components/loading'
import { MfaEnrolment } from '../../components/mfa-enrolment'
import { PageHeader } from '../../components/page-header'
import { AccountLanguageSection } from './account-language'
import { CalendarFeedSection } from './calendar-feed'
import { ChangePassword } from './change-password'
import { NotificationPreferencesSection } from './notification-preferences'
import { PrivacyScreenChoice } from './privacy-screen-choice'

export function AccountPage() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const { data: me } = useMe()
  if (!me) return <Loading />

  return (
    <Stack gap="xl" maw={860}>
      <PageHeader title={t('account.title')} />
      <Paper component="section" aria-labelledby="account-identity">
        <Title order={2} size="h3" id="account-identity" mb="md">
          {t('account.identity')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" component="dl" m={0}>
          <div>
            <Text component="dt" size="sm" c="gray.7">
              {t('account.name')}
            </Text>
            <Text component="dd" m={0} fw={500}>
              {me.displayName}
            </Text>
          </div>
          <div>
            <Text component="dt" size="sm" c="gray.7">
              {t('account.email')}
            </Text>
            <Text component="dd" m={0} fw={500} className="break-anywhere">
              <EmailAddress email={me.email} />
            </Text>
          </div>
          <div>
            <Text component="dt" size="sm" c="gray.7">
              {t('account.roles')}
            </Text>
            <Group component="dd" m={0} gap={6}>
              {me.roles.map((r) => (
                <Badge key={r} variant="light" radius="sm">
                  {t(`roles.${r}`)}
                </Badge>
              ))}
            </Group>
          </div>
          <div>
            <Text component="dt" size="sm" c="gray.7">
              {t('account.teams')}
            </Text>
            <Text component="dd" m={0} fw={500}>
              {me.teams.length ? me.teams.map((team) => team.name).join(', ') : t('account.noTeam')}
            </Text>
          </div>
        </SimpleGrid>
      </Paper>

      <Paper component="section" aria-labelledby="account-language">
        <Title order={2} size="h3" id="account-language" mb="md">
          {t('accountSettings.languageTitle')}
        </Title>
        <AccountLanguageSection />
      </Paper>

      <Paper component="section" aria-labelledby="account-notifications">
        <Title order={2} size="h3" id="account-notifications" mb="md">
          {t('accountSettings.notificationsTitle')}
        </Title>
        <NotificationPreferencesSection />
      </Paper>

      {can(me, 'accompaniment.read') ? (
        <Paper component="section" aria-labelledby="account-privacy">
          <Title order={2} size="h3" id="account-privacy" mb="md">
            {t('accountSettings.privacyTitle')}
          </Title>
          <PrivacyScreenChoice />
        </Paper>
      ) : null}

      {can(me, 'calendar.feed') ? (
        <Paper component="section" aria-labelledby="account-calendar-feed">
          <Title order={2} size="h3" id="account-calendar-feed" mb="md">
            {t('accountSettings.feedTitle')}
          </Title>
          <CalendarFeedSection />
        </Paper>
      ) : null}

      <Paper component="section" aria-labelledby="account-password">
        <Title order={2} size="h3" id="account-password" mb="md">
          {t('account.passwordTitle')}
        </Title>
        <ChangePassword />
      </Paper>

      <Paper component="section" aria-labelledby="account-mfa">
        <Group justify="space-between" mb="md">
          <Title order={2} size="h3" id="account-mfa">
            {t('mfa.title')}
          </Title>
          <Badge color={me.mfaEnabled ? 'green' : 'orange'} variant="light" size="lg" radius="sm" data-testid="mfa-status">
            {t(me.mfaEnabled ? 'mfa.statusOn' : 'mfa.statusOff')}
          </Badge>
        </Group>
        {me.mfaEnabled ? (
          <Text>{t('mfa.activeHelp')}</Text>
        ) : (
          <MfaEnrolment headingLevel={3} onDone={() => queryClient.invalidateQueries({ queryKey: ME_KEY })} />
        )}
      </Paper>
    </Stack>
  )
}
