import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { checkNewPassword, NewPasswordFields } from '../../components/new-password-fields'
import { focusFirstError } from '../../components/focus-error'

export function ChangePassword() {
  const { t } = useTranslation()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [confirm, setConfirm] = useState('')
  const [local, setLocal] = useState<FieldIssue[]>([])

  const change = useMutation({
    mutationFn: () => api.post('/api/me/password', { body: { currentPassword: current, newPassword: next }, quiet401: true }),
    onSuccess: () => {
      setCurrent('')
      setNext('')
      setConfirm('')
    },
  })
  const fields = useFieldErrors(change.error, local)
  const incorrect = isApiError(change.error, 'auth.password_incorrect')
  const rejected = isApiError(change.error, 'auth.password_rejected')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues = checkNewPassword(next, confirm, 'newPassword')
    if (!current) issues.push({ field: 'currentPassword', code: 'required' })
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length === 0) change.mutate()
    else change.reset()
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={480}>
        <div className="live-region" aria-live="polite">
          {change.isSuccess ? (
            <Alert color="green" variant="light" role="status">
              {t('account.passwordChanged')}
            </Alert>
          ) : incorrect || rejected ? null : (
            <ErrorAlert error={change.error} />
          )}
        </div>
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={fields.of('currentPassword') ?? (incorrect ? t('errors.auth.password_incorrect') : undefined)}
          required
        />
        <NewPasswordFields
          value={next}
          confirm={confirm}
          onChange={setNext}
          onConfirmChange={setConfirm}
          error={fields.of('newPassword') ?? (rejected ? t('errors.auth.password_rejected') : undefined)}
          confirmError={fields.of('confirm')}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('account.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
