import { Alert, Button, Group, Stack, Textarea } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { type ClosureToDecide, useClosureDecision } from './use-dashboard'

/** The lead's decision on a closure, taken from the dashboard; a refusal says why. */
export function ClosureDecisionModal({ closure, approve, onClose }: { closure: ClosureToDecide; approve: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const [note, setNote] = useState('')
  const [local, setLocal] = useState<FieldIssue[]>([])
  const decision = useClosureDecision()
  const fields = useFieldErrors(decision.error, local)
  const move = approve ? 'approve_closure' : 'refuse_closure'
  const stale = isApiError(decision.error, 'version.mismatch')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = !approve && !note.trim() ? [{ field: 'note', code: 'required' }] : []
    setLocal(issues)
    if (issues.length === 0) decision.mutate({ closure, approve, note }, { onSuccess: onClose })
  }

  return (
    <AppModal opened onClose={onClose} title={`${t(`lifecycle.title.${move}`)} — ${closure.code}`} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div className="live-region" aria-live="assertive">
            {stale ? (
              <Alert color="orange" variant="light" role="alert" title={t('lifecycle.staleTitle')}>
                {t('dashboard.staleBody')}
              </Alert>
            ) : (
              <ErrorAlert error={decision.error} />
            )}
          </div>
          <Textarea
            label={t('lifecycle.note')}
            description={t(`lifecycle.hint.${move}`)}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fields.of('note')}
            required={!approve}
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={decision.isPending} color={approve ? undefined : 'orange'} disabled={stale}>
              {t(`lifecycle.submit.${move}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  )
}
