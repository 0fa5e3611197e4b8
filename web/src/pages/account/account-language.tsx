import { Group, Radio, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { LANGUAGES } from '../../../../common/roles'
import { useChooseLanguage } from '../../auth/account-language'
import { useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { isLanguage } from '../../i18n'

/** Each language in its own words, as someone who does not read the current one looks for it. */
const NATIVE_NAMES = { fr: 'Français', nl: 'Nederlands', de: 'Deutsch', en: 'English' } as const

/**
 * The account's language (issue 12): the interface switches at once and the choice is stored, to
 * be applied at every sign-in and used for the account's e-mails.
 */
export function AccountLanguageSection() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const { choose, store } = useChooseLanguage()
  const chosen = me?.language ?? null
  return (
    <Stack gap="md">
      <Text>{t('accountSettings.languageIntro')}</Text>
      {chosen ? null : (
        <Text size="sm" c="gray.7">
          {t('accountSettings.languageNotChosen')}
        </Text>
      )}
      <Radio.Group
        label={t('accountSettings.languageLabel')}
        value={chosen}
        onChange={(v) => {
          if (isLanguage(v)) void choose(v).catch(() => undefined)
        }}
        data-testid="account-language"
      >
        <Group mt="xs" gap="lg">
          {LANGUAGES.map((l) => (
            <Radio key={l} value={l} label={<span lang={l}>{NATIVE_NAMES[l]}</span>} data-testid={`account-language-${l}`} />
          ))}
        </Group>
      </Radio.Group>
      <ErrorAlert error={store.error} />
      <div className="live-region" aria-live="polite">
        {store.isSuccess ? (
          <Text size="sm" c="green.9" role="status">
            {t('accountSettings.languageSaved')}
          </Text>
        ) : null}
      </div>
    </Stack>
  )
}
