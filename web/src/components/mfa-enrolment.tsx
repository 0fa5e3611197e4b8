import { Alert, Anchor, Button, Group, Image, List, Stack, Text, TextInput, Title } from '@mantine/core'
import { useMutation } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../api/client'
import { ErrorAlert } from './error-alert'
import { useFieldErrors, type FieldIssue } from './field-errors'

function svgDataUri(svg: string): string {
  const bytes = new TextEncoder().encode(svg)
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return `data:image/svg+xml;base64,${btoa(binary)}`
}

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`, easier to type by hand. */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')
}

/** Setting up an authenticator app: QR code or key, then one code to confirm. */
export function MfaEnrolment({ onDone, headingLevel = 2 }: { onDone: () => void | Promise<void>; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation()
  const [code, setCode] = useState('')
  const [local, setLocal] = useState<FieldIssue[]>([])

  const start = useMutation({ mutationFn: () => api.post('/api/me/mfa/enrol') })
  const confirm = useMutation({
    mutationFn: () => api.post('/api/me/mfa/confirm', { body: { code } }),
    onSuccess: onDone,
    onError: () => setCode(''),
  })
  const fields = useFieldErrors(confirm.error, local)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const ok = /^\d{6}$/.test(code)
    setLocal(ok ? [] : [{ field: 'code', code: 'otp_format' }])
    if (ok) confirm.mutate()
  }

  const enrolment = start.data
  if (!enrolment) {
    return (
      <Stack gap="md" align="flex-start">
        <Text>{t('mfa.intro')}</Text>
        <div className="live-region" aria-live="assertive">
          <ErrorAlert error={start.error} />
        </div>
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          {t('mfa.start')}
        </Button>
      </Stack>
    )
  }

  return (
    <Stack gap="lg">
      <List type="ordered" spacing="md">
        <List.Item>{t('mfa.step1')}</List.Item>
        <List.Item>
          <Stack gap="sm">
            <Text>{t('mfa.step2')}</Text>
            <Image src={svgDataUri(enrolment.qrSvg)} alt={t('mfa.qrAlt')} className="qr-code" w={200} h={200} />
            <Text size="sm">{t('mfa.manualKey')}</Text>
            <Text className="mono" fw={600} fz="lg" data-testid="mfa-secret" aria-label={t('mfa.secretLabel')}>
              {groupSecret(enrolment.secret)}
            </Text>
            <Anchor href={enrolment.otpauthUri} size="sm">
              {t('mfa.openApp')}
            </Anchor>
          </Stack>
        </List.Item>
        <List.Item>{t('mfa.step3')}</List.Item>
      </List>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={headingLevel} size="h4">
            {t('mfa.confirmTitle')}
          </Title>
          <div className="live-region" aria-live="assertive">
            <ErrorAlert error={confirm.error} />
          </div>
          <TextInput
            label={t('mfa.code')}
            description={t('login.codeHint')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
            error={fields.of('code')}
            classNames={{ input: 'mono' }}
            maw={240}
            required
          />
          <Group>
            <Button type="submit" loading={confirm.isPending}>
              {t('mfa.confirm')}
            </Button>
          </Group>
          {confirm.isSuccess ? (
            <Alert color="green" variant="light" role="status">
              {t('mfa.enabled')}
            </Alert>
          ) : null}
        </Stack>
      </form>
    </Stack>
  )
}
