import { Alert, Badge, Button, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, type ResponseOf } from '../../api/client'
import { DateField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { RetentionRunsPanel } from './retention-runs.panel'

type Schedule = ResponseOf<'/api/dpo/retention/schedules', 'get'>['items'][number]
type Hold = ResponseOf<'/api/dpo/legal-holds', 'get'>['items'][number]

/** The DPO's retention: terms per record kind, what is due now, legal holds, and runs. */
export function RetentionPage() {
  const { t } = useTranslation()
  return (
    <Stack gap="xl">
      <PageHeader title={t('retention.title')} description={t('retention.intro')} />
      <SchedulesSection />
      <DueSection />
      <HoldsSection />
      <RetentionRunsPanel />
    </Stack>
  )
}

function useRefresh() {
  const qc = useQueryClient()
  return () => qc.invalidateQueries({ queryKey: ['retention'] })
}

function SchedulesSection() {
  const { t } = useTranslation()
  const list = useQuery({ queryKey: ['retention', 'schedules'], queryFn: () => api.get('/api/dpo/retention/schedules') })
  // Kept here: a saved row is drawn anew from the new version, and must still say it was saved.
  const [saved, setSaved] = useState<string | null>(null)
  return (
    <Stack gap="sm" component="section" aria-labelledby="retention-schedules">
      <Title order={2} size="h3" id="retention-schedules">
        {t('retention.schedules.title')}
      </Title>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : (
        list.data?.items.map((s) => (
          <ScheduleRow key={`${s.kind}-${s.version}`} schedule={s} saved={saved === `${s.kind}-${s.version}`} onSaved={setSaved} />
        ))
      )}
    </Stack>
  )
}

function ScheduleRow({ schedule, saved, onSaved }: { schedule: Schedule; saved: boolean; onSaved: (key: string) => void }) {
  const { t } = useTranslation()
  const refresh = useRefresh()
  const [months, setMonths] = useState<number | string>(schedule.months ?? '')
  const [reason, setReason] = useState(schedule.legalReason)
  const save = useMutation({
    mutationFn: () =>
      api.put('/api/dpo/retention/schedules/{kind}', {
        path: { kind: schedule.kind },
        body: { months: months === '' ? null : Number(months), legalReason: reason },
        ifMatch: schedule.version,
      }),
    onSuccess: () => {
      onSaved(`${schedule.kind}-${schedule.version + 1}`)
      void refresh()
    },
  })
  const kind = t(`retention.kinds.${schedule.kind}`)
  return (
    <Paper withBorder p="sm" data-testid={`schedule-${schedule.kind}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          save.mutate()
        }}
      >
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap">
            <Text fw={600}>{kind}</Text>
            <Text size="sm" c="gray.7">
              {t(`retention.triggers.${schedule.trigger}`)}
            </Text>
          </Group>
          <Group align="flex-end" wrap="wrap">
            <NumberInput
              label={t('retention.schedules.months')}
              description={t('retention.schedules.monthsHint')}
              min={0}
              max={1200}
              value={months}
              onChange={setMonths}
              w={180}
              disabled={schedule.kind === 'audit_log'}
            />
            <Textarea
              label={t('retention.schedules.legalReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={1}
              maxLength={2000}
              style={{ flex: 1, minWidth: 220 }}
              disabled={schedule.kind === 'audit_log'}
            />
            {schedule.kind !== 'audit_log' && (
              <Button type="submit" loading={save.isPending} aria-label={t('retention.schedules.saveKind', { kind })}>
                {t('common.save')}
              </Button>
            )}
          </Group>
          {schedule.kind === 'audit_log' && <Text size="sm">{t('retention.schedules.auditKept')}</Text>}
          <ErrorAlert error={save.error} />
          {saved && (
            <Text size="sm" role="status">
              {t('retention.schedules.saved')}
            </Text>
          )}
        </Stack>
      </form>
    </Paper>
  )
}

function DueSection() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const due = useQuery({ queryKey: ['retention', 'due'], queryFn: () => api.get('/api/dpo/retention/due') })
  const data = due.data
  const total = data?.kinds.reduce((n, k) => n + k.due, 0) ?? 0
  return (
    <Stack gap="sm" component="section" aria-labelledby="retention-due">
      <Title order={2} size="h3" id="retention-due">
        {t('retention.due.title')}
      </Title>
      <ErrorAlert error={due.error} />
      {due.isPending ? (
        <Loading />
      ) : data ? (
        <>
          <Text>{t('retention.due.summary', { count: total, date: fmt.date(data.asOf) })}</Text>
          <ScrollTable label={t('retention.due.caption')}>
            <Table data-testid="retention-due" verticalSpacing="xs">
              <Table.Caption>{t('retention.due.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('retention.due.kind')}</Table.Th>
                  <Table.Th scope="col">{t('retention.due.count')}</Table.Th>
                  <Table.Th scope="col">{t('retention.due.held')}</Table.Th>
                  <Table.Th scope="col">{t('retention.due.items')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.kinds
                  .filter((k) => k.months !== null && k.kind !== 'audit_log')
                  .map((k) => (
                    <Table.Tr key={k.kind}>
                      <Table.Th scope="row">{t(`retention.kinds.${k.kind}`)}</Table.Th>
                      <Table.Td>{k.due}</Table.Td>
                      <Table.Td>{k.held}</Table.Td>
                      <Table.Td>
                        {data.items
                          .filter((i) => i.kind === k.kind && !i.held)
                          .slice(0, 20)
                          .map((i) => i.code ?? t('retention.due.noCode'))
                          .join(', ')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      ) : null}
    </Stack>
  )
}

function HoldsSection() {
  const { t } = useTranslation()
  const refresh = useRefresh()
  const holds = useQuery({ queryKey: ['retention', 'holds'], queryFn: () => api.get('/api/dpo/legal-holds') })
  const [caseCode, setCaseCode] = useState('')
  const [reason, setReason] = useState('')
  const [reviewOn, setReviewOn] = useState<string | null>(null)
  const place = useMutation({
    mutationFn: () => api.post('/api/dpo/legal-holds', { body: { caseCode, reason, reviewOn: reviewOn ?? '' } }),
    onSuccess: () => {
      setCaseCode('')
      setReason('')
      setReviewOn(null)
      void refresh()
    },
  })
  return (
    <Stack gap="sm" component="section" aria-labelledby="retention-holds">
      <Title order={2} size="h3" id="retention-holds">
        {t('retention.holds.title')}
      </Title>
      <Text size="sm">{t('retention.holds.intro')}</Text>
      <Paper withBorder p="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault()
            place.mutate()
          }}
        >
          <Stack gap="xs">
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('retention.holds.caseCode')}
                value={caseCode}
                onChange={(e) => setCaseCode(e.currentTarget.value)}
                required
                maxLength={40}
                w={200}
              />
              <DateField label={t('retention.holds.reviewOn')} value={reviewOn} onChange={setReviewOn} required w={200} />
            </Group>
            <Textarea
              label={t('retention.holds.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required
              maxLength={2000}
              autosize
              minRows={2}
            />
            <Group>
              <Button type="submit" loading={place.isPending}>
                {t('retention.holds.place')}
              </Button>
            </Group>
            <ErrorAlert error={place.error} />
          </Stack>
        </form>
      </Paper>
      <ErrorAlert error={holds.error} />
      {holds.data && holds.data.items.length === 0 && (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />}>
          {t('retention.holds.empty')}
        </Alert>
      )}
      {holds.data?.items.map((h) => (
        <HoldRow key={`${h.id}-${h.version}`} hold={h} />
      ))}
    </Stack>
  )
}

function HoldRow({ hold }: { hold: Hold }) {
  const { t } = useTranslation()
  const refresh = useRefresh()
  const [reason, setReason] = useState('')
  const lift = useMutation({
    mutationFn: () =>
      api.post('/api/dpo/legal-holds/{holdId}/lift', { path: { holdId: hold.id }, body: { reason }, ifMatch: hold.version }),
    onSuccess: () => refresh(),
  })
  return (
    <Paper withBorder p="sm" data-testid={`hold-${hold.case.code}`}>
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{hold.case.code}</Text>
          {hold.liftedAt ? (
            <Badge color="gray">{t('retention.holds.lifted')}</Badge>
          ) : (
            <Badge color="orange">{t('retention.holds.current')}</Badge>
          )}
          {hold.reviewDue && <Badge color="red">{t('retention.holds.reviewDue')}</Badge>}
        </Group>
        <Text size="sm">{hold.reason}</Text>
        <Text size="sm" c="gray.7">
          {t('retention.holds.reviewOnValue', { date: hold.reviewOn })}
        </Text>
        {hold.liftReason && <Text size="sm">{t('retention.holds.liftReasonValue', { reason: hold.liftReason })}</Text>}
        {!hold.liftedAt && (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              lift.mutate()
            }}
          >
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('retention.holds.liftReason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                required
                maxLength={2000}
                style={{ flex: 1, minWidth: 200 }}
              />
              <Button
                type="submit"
                variant="default"
                loading={lift.isPending}
                aria-label={t('retention.holds.liftCase', { code: hold.case.code })}
              >
                {t('retention.holds.lift')}
              </Button>
            </Group>
            <ErrorAlert error={lift.error} />
          </form>
        )}
      </Stack>
    </Paper>
  )
}
