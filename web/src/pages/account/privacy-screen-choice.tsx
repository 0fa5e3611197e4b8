import { Radio, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { usePrivacyScreen, useSetPrivacyScreen } from '../../components/person-name.hooks'

type Choice = 'service' | 'names' | 'initials'

/**
 * The privacy screen on the account page (issue 12): the same setting as the header's switch,
 * explained, with the one choice the switch cannot make: going back to the service's setting.
 */
export function PrivacyScreenChoice() {
  const { t } = useTranslation()
  const { data, error } = usePrivacyScreen()
  const set = useSetPrivacyScreen()
  if (error) return <ErrorAlert error={error} />
  if (!data) return <Loading />
  const value: Choice = !data.own ? 'service' : data.masked ? 'initials' : 'names'
  const current = t(data.serviceDefault === 'initials' ? 'accountSettings.serviceInitials' : 'accountSettings.serviceNames')
  return (
    <Stack gap="md">
      <Text>{t('accountSettings.privacyIntro')}</Text>
      <Radio.Group
        label={t('accountSettings.privacyLabel')}
        value={value}
        onChange={(v) => set.mutate(v === 'service' ? null : v === 'initials')}
        data-testid="privacy-screen-choice"
      >
        <Stack mt="xs" gap="sm">
          <Radio value="service" label={t('accountSettings.privacyService', { current })} />
          <Radio value="names" label={t('accountSettings.privacyNames')} />
          <Radio value="initials" label={t('accountSettings.privacyInitials')} />
        </Stack>
      </Radio.Group>
      <ErrorAlert error={set.error} />
    </Stack>
  )
}
