import { Alert, Button, Group, Stack, Textarea } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import type { AccompanimentView } from '../../api/types'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { FrameworkFields, frameworkBody, frameworkValuesOf, type FrameworkValues } from './framework-fields'

function DetailsForm({ a, onClose }: { a: AccompanimentView; onClose: () => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [summary, setSummary] = useState(a.summary ?? '')
  const [framework, setFramework] = useState<FrameworkValues>(frameworkValuesOf(a))
  const [local, setLocal] = useState<FieldIssue[]>([])
  const save = useMutation({
    mutationFn: () =>
      api.put('/api/accompaniments/{id}', {
        path: { id: a.id },
        body: { summary: summary.trim() || null, framework: frameworkBody(framework) },
        ifMatch: a.version,
      }),
    onSuccess: (view) => {
      client.setQueryData(['accompaniments', a.id], view)
      void client.invalidateQueries({ queryKey: ['accompaniments'] })
      void client.invalidateQueries({ queryKey: ['my-day'] })
      onClose()
    },
  })
  const fields = useFieldErrors(save.error, local)
  const stale = isApiError(save.error, 'version.mismatch')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = []
    if (framework.framework === 'judicial' && !framework.measure) issues.push({ field: 'framework.measure', code: 'required' })
    if (framework.mandateStart && framework.mandateEnd && framework.mandateEnd < framework.mandateStart)
      issues.push({ field: 'framework.mandateEnd', code: 'date_order' })
    setLocal(issues)
    if (issues.length === 0) save.mutate()
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div className="live-region" aria-live="assertive">
          {stale ? (
            <Alert color="orange" variant="light" role="alert" title={t('lifecycle.staleTitle')}>
              <Stack gap="xs" align="flex-start">
                <span>{t('lifecycle.staleBody')}</span>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => {
                    void client.invalidateQueries({ queryKey: ['accompaniments', a.id] })
                    onClose()
                  }}
                >
                  {t('lifecycle.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            <ErrorAlert error={fields.any ? null : save.error} />
          )}
        </div>
        <FrameworkFields value={framework} onChange={setFramework} error={fields.of} />
        <Textarea
          label={t('accompaniment.summary')}
          description={t('caseCreate.summaryHint')}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={fields.of('summary')}
          autosize
          minRows={3}
          maxLength={4000}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="details-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The details form in its dialog (details-edit.tsx), a chunk of its own: the case opens without it. */
export function DetailsDialog({ a, opened, onClose }: { a: AccompanimentView; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <AppModal opened={opened} onClose={onClose} title={t('caseDetails.editTitle')}>
      {opened ? <DetailsForm a={a} onClose={onClose} /> : null}
    </AppModal>
  )
}
