import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/**
 * Says once, above a form that mixes required and optional fields, what the asterisk beside a
 * label means: the asterisk itself is hidden from screen readers, which announce the field's
 * `required` state instead.
 */
export function RequiredNote() {
  const { t } = useTranslation()
  return (
    <Text size="sm" c="dimmed" data-testid="required-note">
      {t('forms.requiredNote')}
    </Text>
  )
}
