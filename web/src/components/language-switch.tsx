import { SegmentedControl } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { LANGUAGES } from '../../../common/roles'
import { useChooseLanguage } from '../auth/account-language'
import { currentLanguage, isLanguage } from '../i18n'

/** FR / NL / DE / EN. Each option is also named in its own language for screen readers. */
const NATIVE_NAMES = { fr: 'Français', nl: 'Nederlands', de: 'Deutsch', en: 'English' } as const

/** Signed in, the choice is also stored on the account (issue 12) and applied at the next sign-in. */
export function LanguageSwitch() {
  const { t } = useTranslation()
  const { choose } = useChooseLanguage()
  return (
    <SegmentedControl
      data-testid="language-switch"
      aria-label={t('language.label')}
      size="xs"
      value={currentLanguage()}
      onChange={(v) => {
        // A choice the server did not store still holds on this page; the account page shows why.
        if (isLanguage(v)) void choose(v).catch(() => undefined)
      }}
      data={LANGUAGES.map((l) => ({
        value: l,
        label: (
          <span lang={l} title={NATIVE_NAMES[l]}>
            {l.toUpperCase()}
          </span>
        ),
      }))}
    />
  )
}
