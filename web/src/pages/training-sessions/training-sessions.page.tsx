import { ActionIcon, Alert, Button, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core'
import { IconInfoCircle, IconPencil, IconPlus } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrainingSessionView } from '../../../../common/contracts/training-sessions.contracts'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ConfirmButton } from '../../components/confirm-button'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { TrainingSessionDialog } from './training-session-dialog'
import { recentYears, TRAINING_PAGE, useTrainingSessions, useTrainingTeams } from './use-training'
import { TeamSelect, YearSelect } from '../../components/team-select'
import { Pager } from '../../components/pager'

/** Issue 14: the training and awareness sessions the team gave, for its yearly activity report. */
export function TrainingSessionsPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const me = useMe().data
  const teams = useTrainingTeams()
  const items = teams.data?.items ?? []
  const [chosen, setChosen] = useState<string | null>(null)
  const teamId = chosen ?? items[0]?.id ?? null
  const years = recentYears()
  const [year, setYear] = useState(years[0]!)
  const [offset, setOffset] = useState(0)
  // Another team or year starts on its first page.
  const choose =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v)
      setOffset(0)
    }
  const list = useTrainingSessions(teamId, year, offset)
  // Deleting the last session of the last page leaves that page empty: show the one before.
  const emptied = offset > 0 && list.data?.items.length === 0
  useEffect(() => {
    if (emptied) setOffset((o) => Math.max(0, o - TRAINING_PAGE))
  }, [emptied])
  const [editing, setEditing] = useState<TrainingSessionView | 'new' | null>(null)
  const queryClient = useQueryClient()
  const remove = useMutation({
    mutationFn: (s: TrainingSessionView) =>
      api.delete('/api/training-sessions/{sessionId}', { path: { sessionId: s.id }, ifMatch: s.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['training-sessions'] }),
  })
  const writer = can(me, 'training_session.write')
  const deleter = can(me, 'training_session.delete')
  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader
        title={t('training.title')}
        description={t('training.intro')}
        actions={
          writer && teamId ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')} data-testid="training-new">
              {t('training.new')}
            </Button>
          ) : null
        }
      />
      <ErrorAlert error={teams.error} />
      {teams.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text c="gray.7" data-testid="training-no-team">
          {t('training.noTeam')}
        </Text>
      ) : (
        <>
          <Paper component="section" aria-label={t('training.choice')}>
            <Group gap="md" align="flex-end" wrap="wrap">
              <TeamSelect teams={items} value={teamId} onChange={choose(setChosen)} label={t('training.team')} />
              <YearSelect years={years} value={year} onChange={choose(setYear)} label={t('training.year')} testId="training-year" />
            </Group>
          </Paper>
          <ErrorAlert error={list.error ?? remove.error} />
          {list.isPending ? (
            <Loading />
          ) : list.data && list.data.items.length === 0 ? (
            <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />} data-testid="training-empty">
              {t('training.empty', { year })}
            </Alert>
          ) : list.data ? (
            <Stack gap="sm">
              <ScrollTable label={t('training.caption', { year })}>
                <Table data-testid="training-list" verticalSpacing="sm" horizontalSpacing="sm">
                  <Table.Caption>{t('training.caption', { year })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col" visibleFrom="md">
                        {t('training.heldOn')}
                      </Table.Th>
                      <Table.Th scope="col" className="wide-screen-only">
                        {t('training.audience')}
                      </Table.Th>
                      <Table.Th scope="col">{t('training.titleField')}</Table.Th>
                      <Table.Th scope="col" className="wide-screen-only">
                        {t('training.organisation')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right" visibleFrom="md">
                        {t('training.participants')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right" visibleFrom="md">
                        {t('training.hours')}
                      </Table.Th>
                      <Table.Th scope="col">
                        <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.data.items.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td className="nowrap" visibleFrom="md">
                          {fmt.date(s.heldOn)}
                        </Table.Td>
                        <Table.Td className="wide-screen-only">{t(`training.audiences.${s.audience}`)}</Table.Td>
                        <Table.Th scope="row" fw={600}>
                          {s.title}
                          {/* On a phone (or beside the side bar on a tablet) the five narrow columns give way to one line under the title. */}
                          <Text size="sm" c="gray.7" fw={400} hiddenFrom="md" data-testid="training-row-details">
                            {[
                              fmt.date(s.heldOn),
                              t(`training.audiences.${s.audience}`),
                              s.organisation,
                              t('training.participantsCount', { count: s.participants }),
                              t('training.hoursShort', { hours: fmt.number(s.hours) }),
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </Text>
                          {/* Below a wide screen, audience and organisation go under the title. */}
                          <Text
                            size="sm"
                            c="gray.7"
                            fw={400}
                            visibleFrom="md"
                            className="below-wide-screen"
                            data-testid="training-row-audience"
                          >
                            {[t(`training.audiences.${s.audience}`), s.organisation].filter(Boolean).join(' · ')}
                          </Text>
                        </Table.Th>
                        <Table.Td className="wide-screen-only">{s.organisation ?? '—'}</Table.Td>
                        <Table.Td ta="right" visibleFrom="md">
                          {fmt.number(s.participants)}
                        </Table.Td>
                        <Table.Td ta="right" visibleFrom="md">
                          {fmt.number(s.hours)}
                        </Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap" justify="flex-end">
                            {writer ? (
                              <ActionIcon
                                variant="subtle"
                                aria-label={t('training.edit', { title: s.title })}
                                onClick={() => setEditing(s)}
                              >
                                <IconPencil size={18} aria-hidden />
                              </ActionIcon>
                            ) : null}
                            {deleter ? (
                              <ConfirmButton
                                size="xs"
                                variant="subtle"
                                color="red"
                                label={t('training.delete')}
                                aria-label={t('training.deleteNamed', { title: s.title })}
                                question={t('training.deleteQuestion')}
                                onConfirm={() => remove.mutate(s)}
                              />
                            ) : null}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
              <Pager total={list.data.total} limit={TRAINING_PAGE} offset={offset} onOffset={setOffset} />
            </Stack>
          ) : null}
        </>
      )}
      {editing && teamId ? (
        <TrainingSessionDialog teamId={teamId} session={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  )
}
