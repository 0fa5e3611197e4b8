import { Switch } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { usePrivacyChoice } from './privacy-screen-toggle'

/** The privacy screen as a labelled switch, in the phone menu (privacy-screen-toggle.tsx). */
export function PrivacyScreenSwitch() {
  const { t } = useTranslation()
  const { masked, loaded, choose } = usePrivacyChoice()
  return (
    <Switch
      size="sm"
      checked={masked}
      disabled={!loaded}
      onChange={(e) => choose(e.currentTarget.checked)}
      label={t('names.privacyScreen')}
      data-testid="privacy-screen"
    />
  )
}
