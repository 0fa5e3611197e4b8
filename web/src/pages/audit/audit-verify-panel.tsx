import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core'
import { IconCircleCheck, IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useFormat } from '../../i18n/format'

/** Recomputes the hash chain on the server and shows whether the log is unaltered. */
export function AuditVerifyPanel() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const verify = useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: () => api.get('/api/audit/verify'),
    enabled: false,
    gcTime: 0,
  })
  const r = verify.data

  return (
    <Paper component="section" aria-labelledby="audit-verify-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="audit-verify-title">
          {t('audit.verifyTitle')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('audit.verifyIntro')}
        </Text>
        <div>
          <Button
            variant="light"
            leftSection={<IconShieldCheck size={18} aria-hidden />}
            onClick={() => void verify.refetch()}
            loading={verify.isFetching}
          >
            {t('audit.verify')}
          </Button>
        </div>
        <div className="live-region" aria-live="polite" data-testid="audit-verify-result">
          {verify.isFetching ? null : verify.error ? (
            <ErrorAlert error={verify.error} />
          ) : r ? (
            r.ok ? (
              <Alert color="green" variant="light" role="status" icon={<IconCircleCheck aria-hidden />} title={t('audit.chainOk')}>
                {t('audit.chainOkBody', { count: r.entries, entries: fmt.number(r.entries), ms: fmt.number(Math.round(r.durationMs)) })}
              </Alert>
            ) : (
              <Alert color="red" variant="filled" role="alert" icon={<IconAlertTriangle aria-hidden />} title={t('audit.chainBroken')}>
                <Stack gap={4}>
                  <Text size="sm">
                    {r.firstBadSeq !== null ? t('audit.chainBrokenAt', { seq: r.firstBadSeq }) : t('audit.chainBrokenUnknown')}
                  </Text>
                  {r.reason ? <Text size="sm">{t('audit.reason', { reason: r.reason })}</Text> : null}
                  <Text size="sm">{t('audit.chainBrokenHelp')}</Text>
                </Stack>
              </Alert>
            )
          ) : null}
        </div>
      </Stack>
    </Paper>
  )
}
