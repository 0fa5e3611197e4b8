import { Alert, Button, Group, MultiSelect, Select, Stack, Text } from '@mantine/core'
import { IconCheck } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import type { AccompanimentView } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { Section } from './case-details'
import { useTeamMembers } from './use-accompaniment'
import { focusFirstError } from '../../components/focus-error'

/** Team lead: choose who carries the case, seeing how many open cases each worker has. */
export function AssignPanel({ a }: { a: AccompanimentView }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const members = useTeamMembers(a.teamId, true)
  const [primary, setPrimary] = useState<string | null>(a.workers.find((w) => w.role === 'primary')?.userId ?? null)
  const [co, setCo] = useState<string[]>(a.workers.filter((w) => w.role === 'co').map((w) => w.userId))
  const [local, setLocal] = useState<FieldIssue[]>([])
  const assign = useMutation({
    mutationFn: () =>
      api.post('/api/accompaniments/{id}/assign', {
        path: { id: a.id },
        body: { primaryWorkerId: primary ?? '', coWorkerIds: co.filter((id) => id !== primary) },
      }),
    onSuccess: (view) => {
      queryClient.setQueryData(['accompaniments', a.id], view)
      void queryClient.invalidateQueries({ queryKey: ['accompaniments'] })
      void queryClient.invalidateQueries({ queryKey: ['teams', a.teamId, 'members'] })
    },
  })
  const fields = useFieldErrors(assign.error, local)

  const workers = (members.data?.items ?? []).filter((m) => m.roles.includes('worker') || m.roles.includes('lead'))
  const option = (m: (typeof workers)[number]) => ({
    value: m.id,
    label: t('assign.memberOption', { name: m.displayName, count: m.caseload }),
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = primary ? [] : [{ field: 'primaryWorkerId', code: 'required' }]
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length === 0) assign.mutate()
  }

  return (
    <Section id="case-assign" title={t('assign.title')}>
      {members.isPending ? (
        <Loading />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm" c="gray.7">
              {t('assign.intro', { team: members.data?.team.name ?? '' })}
            </Text>
            <div className="live-region" aria-live="polite">
              <ErrorAlert error={members.error ?? assign.error} />
              {assign.isSuccess ? (
                <Alert color="green" variant="light" role="status" icon={<IconCheck aria-hidden />}>
                  {t('assign.done')}
                </Alert>
              ) : null}
            </div>
            <Select
              label={t('assign.primary')}
              data={workers.map(option)}
              value={primary}
              onChange={(v) => {
                setPrimary(v)
                assign.reset()
              }}
              error={fields.of('primaryWorkerId')}
              required
              searchable
            />
            <MultiSelect
              label={t('assign.coWorkers')}
              description={t('assign.coWorkersHint')}
              data={workers.filter((m) => m.id !== primary).map(option)}
              value={co.filter((id) => id !== primary)}
              onChange={(v) => {
                setCo(v)
                assign.reset()
              }}
              error={fields.of('coWorkerIds')}
              maxValues={10}
              searchable
              clearable
            />
            <Group>
              <Button type="submit" data-testid="assign" loading={assign.isPending}>
                {t('assign.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  )
}
