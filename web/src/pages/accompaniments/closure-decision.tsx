import { Alert, Button, Group, List, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { ClosureContext, FOLLOW_UPS } from '../../../../common/contracts/accompaniments.contracts'
import { api, isApiError } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { focusFirstError } from '../../components/focus-error'

type FollowUp = (typeof FOLLOW_UPS)[number]
type Context = z.infer<typeof ClosureContext>
export type Decision = 'approve_closure' | 'refuse_closure'
/** The case to decide on, at the version the opener showed (the case page or the lead's dashboard). */
export type ClosureTarget = { id: string; code: string; version: number }

/** What the worker asked and what is still open on the case: the lead reads it before deciding. */
function Facts({ c }: { c: Context }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const m = c.mandate
  return (
    <Stack gap="xs" data-testid="closure-context">
      <Title order={3} size="h5">
        {t('closure.request')}
      </Title>
      <Text size="sm">
        {c.outcome ? t(`lifecycle.outcome.${c.outcome}`) : t('closure.noOutcome')}
        {c.requestedAt
          ? ` · ${t('closure.requestedBy', { name: c.requestedBy?.name ?? t('timeline.system'), at: fmt.dateTime(c.requestedAt) })}`
          : null}
      </Text>
      {c.reason ? (
        <Text
          component="blockquote"
          size="sm"
          m={0}
          pl="sm"
          className="pre-wrap"
          style={{ borderLeft: '3px solid var(--mantine-color-gray-4)' }}
          data-testid="closure-reason"
        >
          {c.reason}
        </Text>
      ) : null}
      <Text size="sm">
        {c.lastSession
          ? t('closure.lastSession', {
              at: fmt.dateTime(c.lastSession.startsAt),
              modality: t(`sessions.modality.${c.lastSession.modality}`),
            })
          : t('closure.noSession')}
      </Text>
      <Text size="sm">
        {m.framework === 'judicial'
          ? m.mandateEnd
            ? t(m.ended ? 'closure.mandateEnded' : 'closure.mandateRuns', { date: fmt.date(m.mandateEnd) })
            : t('closure.mandateOpenEnded')
          : t('closure.voluntary')}
      </Text>
      {m.framework === 'judicial' ? (
        <Text size="sm">
          {t('closure.reports', { count: c.reports.count })}
          {c.reports.lastSentAt ? ` ${t('closure.lastReport', { date: fmt.date(c.reports.lastSentAt.slice(0, 10)) })}` : ''}
          {c.reports.nextDue
            ? ` ${t(c.reports.overdue ? 'closure.reportOverdue' : 'closure.nextReport', { date: fmt.date(c.reports.nextDue) })}`
            : ''}
        </Text>
      ) : null}
      <Title order={3} size="h5" mt="xs">
        {t('closure.openTasks', { count: c.openTasks.length })}
      </Title>
      {c.openTasks.length ? (
        <List size="sm" data-testid="closure-open-tasks">
          {c.openTasks.map((task) => (
            <List.Item key={task.id}>
              {t('closure.task', { title: task.title, date: fmt.date(task.dueDate), name: task.assigneeName ?? '' })}
              {task.overdue ? ` (${t('closure.overdue')})` : ''}
            </List.Item>
          ))}
        </List>
      ) : null}
      <Title order={3} size="h5" mt="xs">
        {t('closure.plannedSessions', { count: c.plannedSessions.length })}
      </Title>
      {c.plannedSessions.length ? (
        <List size="sm" data-testid="closure-planned-sessions">
          {c.plannedSessions.map((s) => (
            <List.Item key={s.id}>
              {t('closure.session', {
                at: fmt.dateTime(s.startsAt),
                modality: t(`sessions.modality.${s.modality}`),
                name: s.workerName ?? '',
              })}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  )
}

function FollowUpChoice({
  name,
  value,
  onChange,
}: {
  name: 'openTasks' | 'plannedSessions'
  value: FollowUp
  onChange: (v: FollowUp) => void
}) {
  const { t } = useTranslation()
  return (
    <Radio.Group label={t(`closure.choice.${name}`)} value={value} onChange={(v) => onChange(v as FollowUp)} name={name}>
      <Stack gap={6} mt={6}>
        {(['cancel', 'hand_over', 'keep'] as const).map((f) => (
          <Radio key={f} value={f} label={t(`closure.followUp.${f}`)} data-testid={`${name}-${f}`} />
        ))}
      </Stack>
    </Radio.Group>
  )
}

/**
 * The lead's decision on a closure, with its context: the worker's outcome and reason, the last
 * session, the mandate and reports, and what is still open. When tasks or planned sessions remain
 * a warning says so, and approving asks what becomes of them (cancelled, handed over, kept).
 * The one dialog for it, opened from the case page and from the lead's dashboard alike.
 */
export function ClosureDecisionModal({ a, decision, onClose }: { a: ClosureTarget; decision: Decision; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const context = useQuery({
    queryKey: ['accompaniments', a.id, 'closure', a.version],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/closure', { path: { id: a.id }, signal }),
  })
  const [note, setNote] = useState('')
  const [tasks, setTasks] = useState<FollowUp>('cancel')
  const [sessions, setSessions] = useState<FollowUp>('cancel')
  const [to, setTo] = useState<string | null>(null)
  const [local, setLocal] = useState<FieldIssue[]>([])
  const c = context.data
  const approve = decision === 'approve_closure'
  const hasTasks = !!c?.openTasks.length
  const hasSessions = !!c?.plannedSessions.length
  const handing = approve && ((hasTasks && tasks === 'hand_over') || (hasSessions && sessions === 'hand_over'))
  const mutation = useMutation({
    mutationFn: () =>
      api.post('/api/accompaniments/{id}/closure/decision', {
        path: { id: a.id },
        ifMatch: a.version,
        body: {
          approve,
          note: note.trim() || null,
          openTasks: hasTasks ? tasks : 'keep',
          plannedSessions: hasSessions ? sessions : 'keep',
          handOverTo: handing ? to : null,
        },
      }),
    onSuccess: (view) => {
      queryClient.setQueryData(['accompaniments', a.id], view)
      void queryClient.invalidateQueries({ queryKey: ['accompaniments'] })
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] })
      onClose()
    },
  })
  const fields = useFieldErrors(mutation.error, local)
  const stale = isApiError(mutation.error, 'version.mismatch')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = []
    if (!approve && !note.trim()) issues.push({ field: 'note', code: 'required' })
    if (handing && !to) issues.push({ field: 'handOverTo', code: 'required' })
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length === 0) mutation.mutate()
  }
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['accompaniments', a.id] })
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] })
    onClose()
  }
  return (
    <AppModal opened onClose={onClose} title={`${t(`lifecycle.title.${decision}`)} — ${a.code}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div className="live-region" aria-live="assertive">
            {stale ? (
              <Alert color="orange" variant="light" role="alert" title={t('lifecycle.staleTitle')}>
                <Stack gap="xs" align="flex-start">
                  <span>{t('lifecycle.staleBody')}</span>
                  <Button size="xs" variant="light" onClick={reload}>
                    {t('lifecycle.reload')}
                  </Button>
                </Stack>
              </Alert>
            ) : (
              <ErrorAlert error={mutation.error ?? context.error} />
            )}
          </div>
          {c ? <Facts c={c} /> : context.isPending ? <Loading /> : null}
          {c && (hasTasks || hasSessions) ? (
            <Alert color="orange" variant="light" title={t('closure.stillOpenTitle')} data-testid="closure-warning">
              {t('closure.stillOpen', {
                what: [
                  hasTasks ? t('timeline.handedOverTasks', { count: c.openTasks.length }) : null,
                  hasSessions ? t('timeline.handedOverSessions', { count: c.plannedSessions.length }) : null,
                ]
                  .filter(Boolean)
                  .join(', '),
              })}
            </Alert>
          ) : null}
          {approve && c && hasTasks ? <FollowUpChoice name="openTasks" value={tasks} onChange={setTasks} /> : null}
          {approve && c && hasSessions ? <FollowUpChoice name="plannedSessions" value={sessions} onChange={setSessions} /> : null}
          {handing && c ? (
            <Select
              label={t('closure.handOverTo')}
              data={c.handOverTo.map((w) => ({ value: w.userId, label: w.name }))}
              value={to}
              onChange={setTo}
              error={fields.of('handOverTo')}
              required
              data-testid="closure-hand-over-to"
            />
          ) : null}
          <Textarea
            label={t('lifecycle.note')}
            description={t(`lifecycle.hint.${decision}`)}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fields.of('note')}
            required={!approve}
            autosize
            minRows={2}
            maxLength={2000}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={!c} color={approve ? undefined : 'orange'}>
              {t(`lifecycle.submit.${decision}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  )
}
