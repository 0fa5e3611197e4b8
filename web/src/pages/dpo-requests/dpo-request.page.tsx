import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconCheck } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams } from 'react-router'
import type { DpoRequestView } from '../../../../common/contracts/dpo-requests.contracts'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { useFormat } from '../../i18n/format'
import '../registers/registers.css'
import { DpoRequestActions } from './dpo-request-actions'
import { DpoRequestDeadline } from './dpo-request-deadline'

/** One data-subject request: its deadline, what was asked and decided, and what the DPO does next. */
export function DpoRequestPage() {
  const { t } = useTranslation()
  const { requestId = '' } = useParams()
  const location = useLocation()
  const request = useQuery({
    queryKey: ['dpo-requests', 'one', requestId],
    queryFn: () => api.get('/api/dpo/requests/{requestId}', { path: { requestId } }),
  })
  if (!request.data) return request.error ? <ErrorAlert error={request.error} /> : <Loading />
  const r = request.data
  const recorded = (location.state as { recorded?: boolean } | null)?.recorded
  return (
    <Stack gap="lg" maw={960}>
      <Group>
        <Button component={Link} to="/dpo/requests" variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} px={4}>
          {t('dpoRequests.detail.back')}
        </Button>
      </Group>
      <PageHeader
        title={t('dpoRequests.detail.title', { code: r.code })}
        description={
          <Group component="span" gap="xs" wrap="wrap">
            <Badge component="span" variant="light" size="lg">
              {t(`dpoRequests.kinds.${r.kind}`)}
            </Badge>
            <Badge component="span" variant="outline" color="gray.8" size="lg" data-testid="dpo-request-status">
              {t(`dpoRequests.statuses.${r.status}`)}
            </Badge>
          </Group>
        }
      />
      <div className="live-region" aria-live="polite">
        {recorded ? (
          <Alert color="green" variant="light" role="status" icon={<IconCheck aria-hidden />}>
            {t('dpoRequests.detail.saved')}
          </Alert>
        ) : null}
      </div>
      <DpoRequestDeadline request={r} />
      <Facts r={r} />
      <NextSteps r={r} />
      <DpoRequestActions request={r} />
    </Stack>
  )
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  )
}

function Facts({ r }: { r: DpoRequestView }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <Paper component="section" aria-labelledby="dpo-request-facts" withBorder p="md">
      <Title order={2} size="h4" id="dpo-request-facts" mb="sm">
        {t('dpoRequests.detail.facts')}
      </Title>
      <dl className="register-dl" data-testid="dpo-request-facts">
        <Fact label={t('dpoRequests.detail.person')}>
          {r.person ? <span className="mono">{r.person.code}</span> : t('dpoRequests.detail.noPerson')}
        </Fact>
        <Fact label={t('dpoRequests.form.requester')}>{t(`dpoRequests.requesters.${r.requester}`)}</Fact>
        <Fact label={t('dpoRequests.form.channel')}>{t(`dpoRequests.channels.${r.channel}`)}</Fact>
        <Fact label={t('dpoRequests.form.identityCheck')}>{t(`dpoRequests.identityChecks.${r.identityCheck}`)}</Fact>
        <Fact label={t('dpoRequests.form.receivedOn')}>{fmt.date(r.receivedOn)}</Fact>
        <Fact label={t('dpoRequests.detail.dueOn')}>{fmt.date(r.dueOn)}</Fact>
        {r.details ? (
          <Fact label={t('dpoRequests.form.details')}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{r.details}</Text>
          </Fact>
        ) : null}
        {r.extendedTo ? (
          <>
            <Fact label={t('dpoRequests.detail.extendedTo')}>{fmt.date(r.extendedTo)}</Fact>
            <Fact label={t('dpoRequests.detail.extensionReason')}>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{r.extensionReason}</Text>
            </Fact>
          </>
        ) : null}
        {r.decision ? (
          <>
            <Fact label={t('dpoRequests.detail.decision')}>
              <span data-testid="dpo-request-decision">{t(`dpoRequests.decisions.${r.decision}`)}</span>
            </Fact>
            {r.decisionReason ? (
              <Fact label={t('dpoRequests.detail.decisionReason')}>
                <Text style={{ whiteSpace: 'pre-wrap' }}>{r.decisionReason}</Text>
              </Fact>
            ) : null}
          </>
        ) : null}
        {r.closedOn ? <Fact label={t('dpoRequests.detail.closedOn')}>{fmt.date(r.closedOn)}</Fact> : null}
        {r.kind === 'rectification' ? (
          <Fact label={t('dpoRequests.kinds.rectification')}>
            {r.rectification
              ? t('dpoRequests.detail.rectified', { name: r.rectification.by.displayName, date: fmt.date(r.rectification.at) })
              : t('dpoRequests.detail.rectificationPending')}
          </Fact>
        ) : null}
        <Fact label={t('dpoRequests.detail.createdBy')}>{r.createdBy.displayName}</Fact>
      </dl>
    </Paper>
  )
}

/** Access and portability are answered by an export; a granted erasure is carried out elsewhere. */
function NextSteps({ r }: { r: DpoRequestView }) {
  const { t } = useTranslation()
  const exportable = r.kind === 'access' || r.kind === 'portability'
  const erasable = r.kind === 'erasure' && (r.decision === 'granted' || r.decision === 'partly_granted')
  if (!exportable && !erasable) return null
  const search = `?request=${encodeURIComponent(r.id)}`
  return (
    <Paper component="section" aria-labelledby="dpo-request-next" withBorder p="md">
      <Title order={2} size="h4" id="dpo-request-next" mb="sm">
        {t('dpoRequests.next.title')}
      </Title>
      {exportable ? (
        <Anchor component={Link} to={`/dpo/exports${search}`} data-testid="dpo-request-export">
          {t('dpoRequests.next.export')}
        </Anchor>
      ) : (
        <Anchor component={Link} to={`/dpo/erasures${search}`} data-testid="dpo-request-erasure">
          {t('dpoRequests.next.erasure')}
        </Anchor>
      )}
    </Paper>
  )
}
