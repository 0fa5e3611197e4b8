import { Alert, Button, Group, NativeSelect, Paper, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  DPO_REQUEST_CHANNELS,
  DPO_REQUEST_DECISIONS,
  DPO_REQUEST_IDENTITY_CHECKS,
  DPO_REQUEST_REQUESTERS,
  type DpoRequestDecision,
  type DpoRequestView,
} from '../../../../common/contracts/dpo-requests.contracts'
import { api, isApiError } from '../../api/client'
import { DateField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { useFormat } from '../../i18n/format'
import { addMonths, serviceToday } from './dpo-request.dates'

/** Every change carries the version read (If-Match); a stale one says so and shows the current request. */
function useRequestChange<B>(request: DpoRequestView, send: (body: B, version: number) => Promise<DpoRequestView>) {
  const queryClient = useQueryClient()
  const mutation = useMutation({
    mutationFn: (body: B) => send(body, request.version),
    onSuccess: (r) => {
      queryClient.setQueryData(['dpo-requests', 'one', r.id], r)
      void queryClient.invalidateQueries({ queryKey: ['dpo-requests'], exact: false, predicate: (q) => q.queryKey[1] !== 'one' })
    },
    onError: (e) => {
      if (isApiError(e, 'version.mismatch')) void queryClient.invalidateQueries({ queryKey: ['dpo-requests', 'one', request.id] })
    },
  })
  return mutation
}

function ActionForm(props: {
  id: string
  title: string
  hint?: string
  submit: string
  error: unknown
  fieldErrors: boolean
  pending: boolean
  onSubmit: () => void
  children: ReactNode
}) {
  const { t } = useTranslation()
  const stale = isApiError(props.error, 'version.mismatch')
  return (
    <Paper component="section" aria-labelledby={props.id} withBorder p="md">
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault()
          props.onSubmit()
        }}
      >
        <Stack gap="sm" maw={720}>
          <Title order={2} size="h4" id={props.id}>
            {props.title}
          </Title>
          {props.hint ? (
            <Text size="sm" c="gray.7">
              {props.hint}
            </Text>
          ) : null}
          {props.children}
          <div className="live-region" aria-live="polite">
            {stale ? (
              <Alert color="orange" variant="light" role="alert" data-testid="dpo-request-stale">
                {t('dpoRequests.detail.stale')}
              </Alert>
            ) : props.fieldErrors ? (
              <Alert color="red" variant="light" role="alert">
                {t('dpoRequests.detail.fixFields')}
              </Alert>
            ) : props.error ? (
              <ErrorAlert error={props.error} />
            ) : null}
          </div>
          <Group>
            <Button type="submit" loading={props.pending}>
              {props.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

/** What the DPO may still do, in the order the law runs: extend, decide, close. */
export function DpoRequestActions({ request }: { request: DpoRequestView }) {
  const unanswered = request.status === 'received' || request.status === 'in_progress'
  return (
    <>
      {unanswered ? <CorrectForm request={request} /> : null}
      {unanswered && !request.extendedTo ? <ExtendForm request={request} /> : null}
      {unanswered ? <DecideForm request={request} /> : null}
      {request.status === 'decided' ? <CloseForm request={request} /> : null}
    </>
  )
}

function ExtendForm({ request }: { request: DpoRequestView }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const latest = addMonths(request.receivedOn, 3)
  const [extendedTo, setExtendedTo] = useState(latest)
  const [reason, setReason] = useState('')
  const change = useRequestChange(request, (body: { extendedTo: string; reason: string }, version) =>
    api.post('/api/dpo/requests/{requestId}/extension', { path: { requestId: request.id }, body, ifMatch: version }),
  )
  const errors = useFieldErrors(change.error, [], 'dpoRequests.errors')
  return (
    <ActionForm
      id="dpo-request-extend"
      title={t('dpoRequests.extend.title')}
      hint={t('dpoRequests.extend.hint', { date: fmt.date(latest) })}
      submit={t('dpoRequests.extend.submit')}
      error={change.error}
      fieldErrors={errors.any}
      pending={change.isPending}
      onSubmit={() => change.mutate({ extendedTo, reason })}
    >
      <DateField label={t('dpoRequests.extend.to')} value={extendedTo} onChange={setExtendedTo} required error={errors.of('extendedTo')} />
      <Textarea
        label={t('dpoRequests.extend.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        required
        autosize
        minRows={2}
        maxLength={4_000}
        error={errors.of('reason')}
      />
    </ActionForm>
  )
}

function DecideForm({ request }: { request: DpoRequestView }) {
  const { t } = useTranslation()
  const [decision, setDecision] = useState<DpoRequestDecision>('granted')
  const [reason, setReason] = useState('')
  const change = useRequestChange(request, (body: { decision: DpoRequestDecision; reason: string | null }, version) =>
    api.post('/api/dpo/requests/{requestId}/decision', { path: { requestId: request.id }, body, ifMatch: version }),
  )
  const errors = useFieldErrors(change.error, [], 'dpoRequests.errors')
  return (
    <ActionForm
      id="dpo-request-decide"
      title={t('dpoRequests.decide.title')}
      submit={t('dpoRequests.decide.submit')}
      error={change.error}
      fieldErrors={errors.any}
      pending={change.isPending}
      onSubmit={() => change.mutate({ decision, reason: reason.trim() || null })}
    >
      <Radio.Group
        label={t('dpoRequests.decide.decision')}
        value={decision}
        onChange={(v) => setDecision(v as DpoRequestDecision)}
        required
      >
        <Group gap="md" mt={4}>
          {DPO_REQUEST_DECISIONS.map((d) => (
            <Radio key={d} value={d} label={t(`dpoRequests.decisions.${d}`)} />
          ))}
        </Group>
      </Radio.Group>
      <Textarea
        label={t('dpoRequests.decide.reason')}
        description={t('dpoRequests.decide.reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        required={decision !== 'granted'}
        autosize
        minRows={3}
        maxLength={10_000}
        error={errors.of('reason')}
      />
    </ActionForm>
  )
}

function CloseForm({ request }: { request: DpoRequestView }) {
  const { t } = useTranslation()
  const [closedOn, setClosedOn] = useState(serviceToday())
  const change = useRequestChange(request, (body: { closedOn: string }, version) =>
    api.post('/api/dpo/requests/{requestId}/closure', { path: { requestId: request.id }, body, ifMatch: version }),
  )
  const errors = useFieldErrors(change.error, [], 'dpoRequests.errors')
  return (
    <ActionForm
      id="dpo-request-close"
      title={t('dpoRequests.close.title')}
      hint={t('dpoRequests.close.hint')}
      submit={t('dpoRequests.close.submit')}
      error={change.error}
      fieldErrors={errors.any}
      pending={change.isPending}
      onSubmit={() => change.mutate({ closedOn })}
    >
      <DateField label={t('dpoRequests.close.closedOn')} value={closedOn} onChange={setClosedOn} required error={errors.of('closedOn')} />
    </ActionForm>
  )
}

type Correction = Pick<DpoRequestView, 'requester' | 'channel' | 'identityCheck'> & { details: string }

/**
 * Until it is decided, what was recorded can be put right (who asked, how, how the identity was
 * checked, the words): a later identity check is the usual case. Only what changed is sent.
 */
function CorrectForm({ request }: { request: DpoRequestView }) {
  const { t } = useTranslation()
  const initial: Correction = {
    requester: request.requester,
    channel: request.channel,
    identityCheck: request.identityCheck,
    details: request.details ?? '',
  }
  const [form, setForm] = useState(initial)
  const [saved, setSaved] = useState(false)
  // A newer version (this correction, or a change made elsewhere) is what the form starts from again.
  useEffect(() => {
    setForm({
      requester: request.requester,
      channel: request.channel,
      identityCheck: request.identityCheck,
      details: request.details ?? '',
    })
  }, [request.version, request.requester, request.channel, request.identityCheck, request.details])
  const change = useRequestChange(request, (body: Partial<Correction> & { details?: string | null }, version) =>
    api.patch('/api/dpo/requests/{requestId}', { path: { requestId: request.id }, body, ifMatch: version }),
  )
  const errors = useFieldErrors(change.error, [], 'dpoRequests.errors')
  const changed = (Object.keys(initial) as (keyof Correction)[]).filter((k) => form[k] !== initial[k])
  const select = <K extends 'requester' | 'channel' | 'identityCheck'>(key: K, values: readonly Correction[K][], vocabulary: string) => (
    <NativeSelect
      label={t(`dpoRequests.form.${key}`)}
      value={form[key]}
      onChange={(e) => {
        const value = e.currentTarget.value as Correction[K]
        setForm((f) => ({ ...f, [key]: value }))
      }}
      data={values.map((v) => ({ value: v, label: t(`dpoRequests.${vocabulary}.${v}`) }))}
      error={errors.of(key)}
    />
  )
  return (
    <ActionForm
      id="dpo-request-correct"
      title={t('dpoRequests.correct.title')}
      hint={t('dpoRequests.correct.hint')}
      submit={t('dpoRequests.correct.submit')}
      error={change.error}
      fieldErrors={errors.any}
      pending={change.isPending}
      onSubmit={() => {
        if (changed.length === 0) return
        const body = Object.fromEntries(changed.map((k) => [k, k === 'details' ? form.details.trim() || null : form[k]]))
        change.mutate(body, { onSuccess: () => setSaved(true) })
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {select('requester', DPO_REQUEST_REQUESTERS, 'requesters')}
        {select('channel', DPO_REQUEST_CHANNELS, 'channels')}
      </SimpleGrid>
      {select('identityCheck', DPO_REQUEST_IDENTITY_CHECKS, 'identityChecks')}
      <Textarea
        label={t('dpoRequests.form.details')}
        value={form.details}
        onChange={(e) => {
          const details = e.currentTarget.value
          setForm((f) => ({ ...f, details }))
        }}
        autosize
        minRows={2}
        maxLength={10_000}
        error={errors.of('details')}
      />
      {saved && changed.length === 0 ? (
        <Text size="sm" role="status" data-testid="dpo-request-corrected">
          {t('dpoRequests.correct.saved')}
        </Text>
      ) : null}
    </ActionForm>
  )
}
