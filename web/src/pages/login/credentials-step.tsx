import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core'
import { IconClockPause } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import type { LoginResult } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { focusFirstError } from '../../components/focus-error'

export function CredentialsStep({ onDone }: { onDone: (status: LoginResult['status']) => Promise<void> }) {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [local, setLocal] = useState<FieldIssue[]>([])

  const login = useMutation({
    mutationFn: () => api.post('/api/auth/login', { body: { email: email.trim(), password }, quiet401: true }),
    onSuccess: (r) => onDone(r.status),
  })
  const fields = useFieldErrors(login.error, local)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = []
    if (!email.trim()) issues.push({ field: 'email', code: 'required' })
    if (!password) issues.push({ field: 'password', code: 'required' })
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length === 0) login.mutate()
  }

  const throttled = isApiError(login.error, 'auth.throttled') || isApiError(login.error, 'rate.limited')

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div className="live-region" aria-live="assertive">
          {throttled ? (
            <Alert color="orange" variant="light" role="alert" title={t('login.throttledTitle')} icon={<IconClockPause aria-hidden />}>
              {t('errors.auth.throttled')}
            </Alert>
          ) : (
            <ErrorAlert error={login.error} />
          )}
        </div>
        <TextInput
          data-testid="login-email"
          label={t('login.email')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fields.of('email')}
          required
          autoFocus
        />
        <PasswordInput
          data-testid="login-password"
          label={t('login.password')}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fields.of('password')}
          required
        />
        <Button type="submit" loading={login.isPending} fullWidth size="md">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  )
}
