import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconDeviceFloppy, IconHistory, IconPencil } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccompanimentView } from '../../../../common/contracts/accompaniments.contracts'
import { isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { type FieldIssue, useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { checkDraft, type Draft, fromDraft, PlanEditor, toDraft } from './plan-editor'
import { PlanHistory } from './plan-history'
import { PlanReadOnly } from './plan-view'
import './plan.css'
import { usePlan, useSavePlan } from './use-plan'

/**
 * The life-domain plan: goals per domain with their steps, and the person's agreement. Each save
 * is a new version on top of the one being edited, so that two workers never overwrite each other
 * and every earlier version stays readable.
 */
export function PlanPanel({ a, canWrite }: { a: AccompanimentView; canWrite: boolean }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const plan = usePlan(a.id)
  const save = useSavePlan(a.id)
  const [editing, setEditing] = useState<{ base: number; draft: Draft } | null>(null)
  const [local, setLocal] = useState<FieldIssue[]>([])
  const [historyOpen, setHistoryOpen] = useState(false)
  const writable = canWrite && a.status !== 'closed' && a.access !== 'emergency'
  const errors = useFieldErrors(save.error, local)
  const stale = isApiError(save.error, 'version.mismatch')
  const staleRef = useRef<HTMLDivElement>(null)
  // The save button sits at the end of a long form: bring the refusal into view where it is read.
  useEffect(() => {
    if (stale) staleRef.current?.scrollIntoView({ block: 'center' })
  }, [stale])

  const errorOf = (field: string) => {
    // Our own rules have their own words; anything else falls back on the shared messages.
    const own = [...local, ...(isApiError(save.error) ? save.error.fieldErrors : [])].find((i) => i.field === field)
    const code = own ? (own.message && /^[a-z_]+$/.test(own.message) ? own.message : own.code) : null
    if (code && ['required_for_partner', 'unknown_id', 'duplicate_id'].includes(code)) return t(`plan.errors.${code}`)
    return errors.of(field)
  }

  if (plan.isPending) return <Loading />
  if (!plan.data) return <ErrorAlert error={plan.error} />
  const current = plan.data

  const start = () => {
    save.reset()
    setLocal([])
    setEditing({ base: current.version, draft: toDraft(current) })
  }
  const submit = () => {
    if (!editing) return
    const issues = checkDraft(editing.draft)
    setLocal(issues)
    if (issues.length) return
    save.mutate({ version: editing.base, body: fromDraft(editing.draft) }, { onSuccess: () => setEditing(null) })
  }
  const reloadLatest = async () => {
    const fresh = await plan.refetch()
    save.reset()
    if (fresh.data) setEditing({ base: fresh.data.version, draft: toDraft(fresh.data) })
  }

  return (
    <Stack gap="md" data-testid="plan-panel">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={3} size="h4">
            {t('plan.title')}
          </Title>
          <Text size="sm" c="gray.7" data-testid="plan-meta">
            {current.version
              ? t('plan.meta', { version: current.version, name: current.savedBy ?? '', date: fmt.dateTimeMinutes(current.savedAt) })
              : t('plan.intro')}
          </Text>
        </Stack>
        <Group gap="xs">
          {current.version ? (
            <Button
              variant="default"
              leftSection={<IconHistory size={18} aria-hidden />}
              onClick={() => setHistoryOpen(true)}
              data-testid="plan-history-open"
            >
              {t('plan.history')}
            </Button>
          ) : null}
          {writable && !editing ? (
            <Button leftSection={<IconPencil size={18} aria-hidden />} onClick={start} data-testid="plan-edit">
              {current.version ? t('plan.edit') : t('plan.create')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <ErrorAlert error={plan.error} />

      {editing ? (
        <Stack gap="md">
          <PlanEditor
            draft={editing.draft}
            onChange={(draft) => {
              setEditing({ ...editing, draft })
              // Once a save was refused, the messages follow the corrections as they are made.
              if (local.length) setLocal(checkDraft(draft))
            }}
            errorOf={errorOf}
          />
          {stale ? (
            <Alert
              ref={staleRef}
              color="orange"
              variant="light"
              role="alert"
              icon={<IconAlertTriangle aria-hidden />}
              title={t('plan.staleTitle')}
              data-testid="plan-stale"
            >
              <Stack gap="xs">
                <Text size="sm">{t('plan.staleText')}</Text>
                <Group gap="xs">
                  <Button size="xs" color="orange" onClick={() => void reloadLatest()} data-testid="plan-reload">
                    {t('plan.reloadLatest')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setHistoryOpen(true)}>
                    {t('plan.seeHistory')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : (
            <ErrorAlert error={save.error && !errors.any ? save.error : null} />
          )}
          {errors.any && !stale ? (
            <Text size="sm" c="red.8" role="alert">
              {t('plan.fixErrors')}
            </Text>
          ) : null}
          <Group justify="flex-end" className="plan-actions">
            <Button
              variant="default"
              onClick={() => {
                save.reset()
                setEditing(null)
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button
              leftSection={<IconDeviceFloppy size={18} aria-hidden />}
              onClick={submit}
              loading={save.isPending}
              disabled={stale}
              data-testid="plan-save"
            >
              {t('plan.save')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <PlanReadOnly goals={current.goals} agreement={current.agreement} />
      )}
      <PlanHistory accompanimentId={a.id} opened={historyOpen} onClose={() => setHistoryOpen(false)} />
    </Stack>
  )
}
