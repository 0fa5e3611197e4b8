import { Alert, Button, Paper, Stack, Text } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { api, isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { checkNewPassword, NewPasswordFields } from '../../components/new-password-fields'
import { PageHeader } from '../../components/page-header'

/** The token travels in the URL fragment, which browsers never send to a server. */
function readToken(): string {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''))
  return params.get('token') ?? ''
}

/** First password of an account created by an administrator (also used after a reset). */
export function ActivatePage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [token] = useState(readToken)
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [local, setLocal] = useState<FieldIssue[]>([])

  // Keep the token out of the address bar and the history once read.
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname)
  }, [])

  const activate = useMutation({
    mutationFn: () => api.post('/api/auth/activate', { body: { token, password }, quiet401: true }),
    onSuccess: () => void navigate('/login', { replace: true, state: { activated: true } }),
  })
  const fields = useFieldErrors(activate.error, local)
  const rejected = isApiError(activate.error, 'auth.password_rejected')
  const invalid = isApiError(activate.error, 'auth.activation_invalid')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues = checkNewPassword(password, confirm)
    setLocal(issues)
    if (issues.length === 0) activate.mutate()
  }

  if (!token) {
    return (
      <Stack>
        <PageHeader title={t('activate.title')} />
        <Alert color="orange" variant="light" role="alert" title={t('activate.noTokenTitle')}>
          {t('activate.noToken')}
        </Alert>
        <Button component={Link} to="/login" variant="light">
          {t('activate.toLogin')}
        </Button>
      </Stack>
    )
  }

  return (
    <Stack>
      <PageHeader title={t('activate.title')} description={t('activate.intro')} />
      <Paper shadow="xs">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <div className="live-region" aria-live="assertive">
              {invalid ? (
                <Alert color="red" variant="light" role="alert" title={t('activate.invalidTitle')}>
                  {t('errors.auth.activation_invalid')}
                </Alert>
              ) : rejected ? null : (
                <ErrorAlert error={activate.error} />
              )}
            </div>
            <NewPasswordFields
              value={password}
              confirm={confirm}
              onChange={setPassword}
              onConfirmChange={setConfirm}
              error={fields.of('password') ?? (rejected ? t('errors.auth.password_rejected') : undefined)}
              confirmError={fields.of('confirm')}
            />
            <Text size="sm" c="gray.7">
              {t('activate.privacy')}
            </Text>
            <Button type="submit" loading={activate.isPending} size="md">
              {t('activate.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  )
}
