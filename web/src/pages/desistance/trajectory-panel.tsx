import { ActionIcon, Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { IconFlag, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccompanimentView } from '../../../../common/contracts/accompaniments.contracts'
import { isApiError } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { ScrollTable } from '../../components/scroll-table'
import type { PlanGoal } from './plan-vocabulary'
import { TrajectoryForm } from './trajectory-form'
import { ShapeIcon, TrajectoryTimeline } from './trajectory-timeline'
import { lookOf, type TrajectoryEvent, useTrajectoryDate, valenceKey } from './trajectory-vocabulary'
import './trajectory.css'
import { usePlan } from './use-plan'
import { useTrajectory, useTrajectoryWrite } from './use-trajectory'

type Editing = { event: TrajectoryEvent | null; kind: 'event' | 'future' }

function Linked({ e, goals }: { e: TrajectoryEvent; goals: PlanGoal[] }) {
  const { t } = useTranslation()
  if (e.goalIds.length === 0) return null
  return (
    <Group gap={4}>
      {e.goalIds.map((id) => {
        const g = goals.find((x) => x.id === id)
        return (
          <Badge
            key={id}
            variant="outline"
            color={g ? 'blue' : 'gray'}
            c={g ? 'blue.9' : 'gray.8'}
            leftSection={<IconFlag size={12} aria-hidden />}
            tt="none"
          >
            {g ? g.title : t('trajectory.goalGone')}
          </Badge>
        )
      })}
    </Group>
  )
}

/**
 * The trajectory: how the path unfolded (events with exact or approximate dates) and where the
 * person wants it to go (future goals, linked to the plan), as a timeline and as a table.
 */
export function TrajectoryPanel({ a, canWrite }: { a: AccompanimentView; canWrite: boolean }) {
  const { t } = useTranslation()
  const dateOf = useTrajectoryDate()
  const trajectory = useTrajectory(a.id)
  const plan = usePlan(a.id)
  const { save, remove } = useTrajectoryWrite(a.id)
  const [selected, setSelected] = useState<string | null>(null)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [deleting, setDeleting] = useState<TrajectoryEvent | null>(null)
  const writable = canWrite && a.status !== 'closed' && a.access !== 'emergency'
  const goals = plan.data?.goals ?? []

  if (trajectory.isPending) return <Loading />
  const items = trajectory.data?.items ?? []
  const current = items.find((e) => e.id === selected) ?? null

  const open = (e: TrajectoryEvent) => {
    setSelected(e.id)
    if (writable) {
      save.reset()
      setEditing({ event: e, kind: e.kind })
    }
  }
  const askDelete = (e: TrajectoryEvent) => {
    setSelected(e.id)
    if (writable) {
      remove.reset()
      setDeleting(e)
    }
  }
  const startAdd = (kind: 'event' | 'future') => {
    save.reset()
    setEditing({ event: null, kind })
  }

  return (
    <Stack gap="md" data-testid="trajectory-panel">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={3} size="h4">
            {t('trajectory.title')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('trajectory.intro')}
          </Text>
        </Stack>
        {writable ? (
          <Group gap="xs">
            <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => startAdd('event')} data-testid="trajectory-add">
              {t('trajectory.addEvent')}
            </Button>
            <Button
              variant="light"
              leftSection={<IconFlag size={18} aria-hidden />}
              onClick={() => startAdd('future')}
              data-testid="trajectory-add-future"
            >
              {t('trajectory.addFuture')}
            </Button>
          </Group>
        ) : null}
      </Group>
      <ErrorAlert error={trajectory.error} />

      {items.length === 0 ? (
        <Paper withBorder p="lg" radius="md">
          <Text c="gray.7">{t('trajectory.empty')}</Text>
        </Paper>
      ) : (
        <>
          <TrajectoryTimeline items={items} selected={selected} onSelect={setSelected} onOpen={open} onDelete={askDelete} />
          {current ? (
            <Paper withBorder p="md" radius="md" data-testid="trajectory-detail" aria-live="polite">
              <Group justify="space-between" align="flex-start">
                <Group gap="sm" align="flex-start" wrap="nowrap">
                  <ShapeIcon {...lookOf(current)} size={24} />
                  <Stack gap={2}>
                    <Text fw={600}>{current.title}</Text>
                    <Text size="sm" c="gray.7">
                      {dateOf(current)} · {current.kind === 'future' ? t('trajectory.futureGoal') : t(`trajectory.phase.${current.phase}`)}
                      {current.domain ? ` · ${t(`lifeDomains.${current.domain}`)}` : ''} · {t(valenceKey(current.valence))}
                    </Text>
                    {current.description ? <Text size="sm">{current.description}</Text> : null}
                    <Linked e={current} goals={goals} />
                  </Stack>
                </Group>
                {writable ? (
                  <Group gap="xs">
                    <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => open(current)}>
                      {t('common.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      onClick={() => askDelete(current)}
                    >
                      {t('trajectory.delete')}
                    </Button>
                  </Group>
                ) : null}
              </Group>
            </Paper>
          ) : null}
          <ScrollTable label={t('trajectory.tableLabel')}>
            <Table verticalSpacing="xs" data-testid="trajectory-table">
              <Table.Caption>{t('trajectory.tableCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('trajectory.date')}</Table.Th>
                  <Table.Th scope="col">{t('trajectory.phaseLabel')}</Table.Th>
                  <Table.Th scope="col">{t('trajectory.eventTitle')}</Table.Th>
                  <Table.Th scope="col">{t('trajectory.domain')}</Table.Th>
                  <Table.Th scope="col">{t('trajectory.valenceLabel')}</Table.Th>
                  {writable ? <Table.Th scope="col">{t('common.actions')}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id} data-testid="trajectory-row" bg={e.id === selected ? 'blue.0' : undefined}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateOf(e)}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <ShapeIcon {...lookOf(e)} size={14} />
                        <Text size="sm">{e.kind === 'future' ? t('trajectory.futureGoal') : t(`trajectory.phase.${e.phase}`)}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.title}</Text>
                      <Linked e={e} goals={goals} />
                    </Table.Td>
                    <Table.Td>{e.domain ? t(`lifeDomains.${e.domain}`) : '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(valenceKey(e.valence))}</Table.Td>
                    {writable ? (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <ActionIcon variant="subtle" onClick={() => open(e)} aria-label={t('trajectory.editOne', { title: e.title })}>
                            <IconPencil size={16} aria-hidden />
                          </ActionIcon>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            onClick={() => askDelete(e)}
                            aria-label={t('trajectory.deleteOne', { title: e.title })}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      )}

      {editing ? (
        <TrajectoryForm
          event={editing.event}
          kind={editing.kind}
          goals={goals}
          saving={save.isPending}
          error={save.error}
          onClose={() => setEditing(null)}
          onSave={(body) =>
            save.mutate(
              { event: editing.event, body },
              {
                onSuccess: (saved) => {
                  setSelected(saved.id)
                  setEditing(null)
                },
              },
            )
          }
        />
      ) : null}
      {deleting ? (
        <AppModal opened onClose={() => setDeleting(null)} title={t('trajectory.deleteTitle')} size="md">
          <Stack gap="md">
            <Text>{t('trajectory.deleteQuestion', { title: deleting.title, date: dateOf(deleting) })}</Text>
            {isApiError(remove.error, 'version.mismatch') ? (
              <Alert color="orange" variant="light" role="alert">
                {t('trajectory.deleteStale')}
              </Alert>
            ) : (
              <ErrorAlert error={remove.error} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button
                color="red"
                loading={remove.isPending}
                data-testid="trajectory-delete-confirm"
                onClick={() =>
                  // After a 412 the list has reloaded: confirm again on the version now shown.
                  remove.mutate(items.find((x) => x.id === deleting.id) ?? deleting, {
                    onSuccess: () => {
                      setSelected(null)
                      setDeleting(null)
                    },
                  })
                }
              >
                {t('trajectory.delete')}
              </Button>
            </Group>
          </Stack>
        </AppModal>
      ) : null}
    </Stack>
  )
}
