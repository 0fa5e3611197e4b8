import { PasswordInput, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { FieldIssue } from './field-errors'

export const PASSWORD_MIN = 12
export const PASSWORD_MAX = 128

/** Client-side checks that mirror the server's rules (length, confirmation). */
export function checkNewPassword(password: string, confirm: string, field = 'password'): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) issues.push({ field, code: 'password_length' })
  else if (password !== confirm) issues.push({ field: 'confirm', code: 'password_mismatch' })
  return issues
}

/** A new password with its hint and a confirmation field. */
export function NewPasswordFields(props: {
  value: string
  confirm: string
  onChange: (v: string) => void
  onConfirmChange: (v: string) => void
  error?: string
  confirmError?: string
  label?: string
}) {
  const { t } = useTranslation()
  return (
    <Stack gap="md">
      <PasswordInput
        label={props.label ?? t('password.new')}
        description={t('password.hint', { min: PASSWORD_MIN, max: PASSWORD_MAX })}
        autoComplete="new-password"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        error={props.error}
        maxLength={PASSWORD_MAX}
        required
      />
      <PasswordInput
        label={t('password.confirm')}
        autoComplete="new-password"
        value={props.confirm}
        onChange={(e) => props.onConfirmChange(e.currentTarget.value)}
        error={props.confirmError}
        maxLength={PASSWORD_MAX}
        required
      />
    </Stack>
  )
}
