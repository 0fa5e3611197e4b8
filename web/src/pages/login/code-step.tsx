import { Button, Group, Stack, TextInput } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'

/** Second factor: the 6-digit code from the authenticator app. */
export function CodeStep({ onDone, onRestart }: { onDone: () => Promise<void>; onRestart: () => void }) {
  const { t } = useTranslation()
  const [code, setCode] = useState('')
  const [local, setLocal] = useState<FieldIssue[]>([])

  const verify = useMutation({
    mutationFn: () => api.post('/api/auth/mfa/verify', { body: { code }, quiet401: true }),
    onSuccess: onDone,
    onError: () => setCode(''),
  })
  const restart = useMutation({
    mutationFn: () => api.post('/api/auth/logout', { quiet401: true }),
    onSettled: onRestart,
  })
  const fields = useFieldErrors(verify.error, local)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const ok = /^\d{6}$/.test(code)
    setLocal(ok ? [] : [{ field: 'code', code: 'otp_format' }])
    if (ok) verify.mutate()
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div className="live-region" aria-live="assertive">
          <ErrorAlert error={verify.error} />
        </div>
        <TextInput
          data-testid="login-code"
          label={t('login.code')}
          description={t('login.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
          error={fields.of('code')}
          classNames={{ input: 'mono' }}
          required
          autoFocus
        />
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => restart.mutate()} loading={restart.isPending}>
            {t('login.otherAccount')}
          </Button>
          <Button type="submit" loading={verify.isPending} size="md">
            {t('login.verify')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
