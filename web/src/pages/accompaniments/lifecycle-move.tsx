import { Alert, Button, Group, Select, Stack, Textarea } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import type { AccompanimentView, Outcome } from '../../api/types'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { focusFirstError } from '../../components/focus-error'
import type { Move } from './lifecycle-actions'
import { OUTCOMES } from './vocabulary'

/** The reason is required for these moves, optional for the others. */
const REASON_REQUIRED: readonly Move[] = ['request_closure', 'refuse_closure', 'reopen']

function request(a: AccompanimentView, move: Move, reason: string, outcome: Outcome | null) {
  const text = reason.trim() || null
  const opts = { path: { id: a.id }, ifMatch: a.version }
  switch (move) {
    case 'suspend':
    case 'resume':
      return api.post('/api/accompaniments/{id}/status', {
        ...opts,
        body: { to: move === 'suspend' ? 'suspended' : 'active', reason: text },
      })
    case 'request_closure':
      // submit() asked for both before sending.
      if (!outcome || !text) throw new Error('closure request without its outcome and reason')
      return api.post('/api/accompaniments/{id}/closure', { ...opts, body: { outcome, reason: text } })
    case 'approve_closure':
    case 'refuse_closure':
      return api.post('/api/accompaniments/{id}/closure/decision', { ...opts, body: { approve: move === 'approve_closure', note: text } })
    case 'reopen':
      return api.post('/api/accompaniments/{id}/reopen', { ...opts, body: { reason: text ?? '' } })
  }
}

/** A lifecycle move's form (lifecycle-actions.tsx), a chunk of its own: the case opens without it. */
export function MoveModal({ a, move, onClose }: { a: AccompanimentView; move: Move; onClose: () => void }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [reason, setReason] = useState('')
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [local, setLocal] = useState<FieldIssue[]>([])
  const mutation = useMutation({
    mutationFn: () => request(a, move, reason, outcome),
    onSuccess: (view) => {
      queryClient.setQueryData(['accompaniments', a.id], view)
      void queryClient.invalidateQueries({ queryKey: ['accompaniments'] })
      onClose()
    },
  })
  const fields = useFieldErrors(mutation.error, local)
  const stale = isApiError(mutation.error, 'version.mismatch')
  const required = REASON_REQUIRED.includes(move)
  const reasonField = move === 'approve_closure' || move === 'refuse_closure' ? 'note' : 'reason'

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = []
    if (move === 'request_closure' && !outcome) issues.push({ field: 'outcome', code: 'required' })
    if (required && !reason.trim()) issues.push({ field: reasonField, code: 'required' })
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length === 0) mutation.mutate()
  }

  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['accompaniments', a.id] })
    onClose()
  }

  return (
    <AppModal opened onClose={onClose} title={t(`lifecycle.title.${move}`)} size="md">
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
              <ErrorAlert error={mutation.error} />
            )}
          </div>
          {move === 'request_closure' ? (
            <Select
              label={t('lifecycle.outcomeLabel')}
              data={OUTCOMES.map((o) => ({ value: o, label: t(`lifecycle.outcome.${o}`) }))}
              value={outcome}
              onChange={(v) => setOutcome(v as Outcome | null)}
              error={fields.of('outcome')}
              required
              data-autofocus
            />
          ) : null}
          <Textarea
            label={t(reasonField === 'note' ? 'lifecycle.note' : 'lifecycle.reason')}
            description={t(`lifecycle.hint.${move}`)}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fields.of(reasonField)}
            required={required}
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus={move === 'request_closure' ? undefined : true}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} color={move === 'refuse_closure' ? 'orange' : undefined}>
              {t(`lifecycle.submit.${move}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  )
}
