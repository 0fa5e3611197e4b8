import { SegmentedControl } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { LANGUAGES } from '../../../common/roles'
import { currentLanguage, isLanguage, switchLanguage } from '../i18n'

/** FR / NL / DE / EN. Each option is also named in its own language for screen readers. */
const NATIVE_NAMES = { fr: 'Français', nl: 'Nederlands', de: 'Deutsch', en: 'English' } as const

export function LanguageSwitch() {
  const { t } = useTranslation()
  return (
    <SegmentedControl
      data-testid="language-switch"
      aria-label={t('language.label')}
      size="xs"
      value={currentLanguage()}
      onChange={(v) => {
        if (isLanguage(v)) void switchLanguage(v)
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
