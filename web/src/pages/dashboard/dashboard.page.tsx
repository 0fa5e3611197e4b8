import '@mantine/charts/styles.css'
import './dashboard.css'
import { BarChart } from '@mantine/charts'
import { Anchor, Box, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconBriefcase, IconCalendarDue, IconChecklist, IconUserQuestion } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { Dashboard } from '../../api/types'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { PersonName } from '../../components/person-name'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { ClosureDecisionModal } from '../accompaniments/closure-decision'
import { KINDS, STATUSES } from '../accompaniments/vocabulary'
import { NetworkActivityCard } from '../partners/partner-activity'
import { ContactStatisticsLink } from '../contacts/contact-statistics-link'
import { AwaitingErasuresPanel } from '../erasure/awaiting-erasures-panel'
import { ChartCard, Figure, type Slice } from './chart-card'
import { type ClosureToDecide, useCaseloadDashboard } from './use-dashboard'
import { serviceToday } from '../../i18n/service-day'

const STATUS_COLOR: Record<string, string> = {
  intake: 'orange.6',
  active: 'green.6',
  suspended: 'gray.6',
  closing: 'petrol.6',
  closed: 'blue.6',
}
const FRAMEWORK_COLOR: Record<string, string> = { voluntary: 'petrol.6', judicial: 'grape.6' }

function Block({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  const { t } = useTranslation()
  return (
    <Paper component="section" aria-labelledby={id} data-testid={id}>
      <Group gap="xs" mb="sm" justify="space-between">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {count !== undefined && count > 0 ? <Text c="gray.7">{t('dashboard.total', { count })}</Text> : null}
      </Group>
      {children}
    </Paper>
  )
}

const caseLink = (id: string, code: string) => (
  <Anchor component={Link} to={`/accompaniments/${id}`} className="mono nowrap">
    {code}
  </Anchor>
)

function Charts({ d }: { d: Dashboard }) {
  const { t } = useTranslation()
  const count = (rows: { key: string; count: number }[], key: string) => rows.find((r) => r.key === key)?.count ?? 0
  const statuses: Slice[] = STATUSES.filter((s) => s !== 'closed').map((s) => ({
    key: s,
    label: t(`accompaniment.status.${s}`),
    count: count(d.byStatus, s),
    color: STATUS_COLOR[s] ?? 'gray.6',
  }))
  const kinds: Slice[] = KINDS.map((k) => ({ key: k, label: t(`accompaniment.kind.${k}`), count: count(d.byKind, k), color: 'petrol.6' }))
  const frameworks: Slice[] = (['voluntary', 'judicial'] as const).map((f) => ({
    key: f,
    label: t(`accompaniment.framework.${f}`),
    count: count(d.byFramework, f),
    color: FRAMEWORK_COLOR[f] ?? 'gray.6',
  }))
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
      <ChartCard id="dashboard-status" title={t('dashboard.byStatus')} slices={statuses} type="donut" empty={t('dashboard.noOpen')} />
      <ChartCard id="dashboard-kind" title={t('dashboard.byKind')} slices={kinds} type="bar" empty={t('dashboard.noOpen')} />
      <ChartCard
        id="dashboard-framework"
        title={t('dashboard.byFramework')}
        slices={frameworks}
        type="donut"
        empty={t('dashboard.noOpen')}
      />
    </SimpleGrid>
  )
}

/** Open cases and overdue tasks per worker: who carries what, at a glance and in a table. */
function Workers({ d }: { d: Dashboard }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const rows = new Map<string, { name: string; open: number; overdue: number }>()
  for (const w of d.byWorker) rows.set(w.userId ?? '', { name: w.name ?? t('dashboard.noWorker'), open: w.count, overdue: 0 })
  for (const w of d.overdueTasks.byWorker) {
    const row = rows.get(w.userId) ?? { name: w.name ?? '', open: 0, overdue: 0 }
    row.overdue = w.count
    rows.set(w.userId, row)
  }
  const data = [...rows.values()].sort((a, b) => b.open - a.open || a.name.localeCompare(b.name))
  const open = t('dashboard.openCases')
  const overdue = t('dashboard.overdueTasks')
  return (
    <Block id="dashboard-workers" title={t('dashboard.byWorker')}>
      {data.length === 0 ? (
        <Text c="gray.7">{t('dashboard.noOpen')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Box aria-hidden inert className="chart-figure">
            <BarChart
              h={Math.max(140, data.length * 56 + 40)}
              data={data.map((r) => ({ name: r.name, [open]: r.open, [overdue]: r.overdue }))}
              dataKey="name"
              orientation="vertical"
              series={[
                { name: open, color: 'petrol.6' },
                { name: overdue, color: 'orange.6' },
              ]}
              withLegend
              withTooltip={false}
              withBarValueLabel
              yAxisProps={{ width: 140 }}
              maxBarWidth={22}
              gridAxis="none"
              withXAxis={false}
              accessibilityLayer={false}
              barProps={{ isAnimationActive: false }}
            />
          </Box>
          <ScrollTable label={t('dashboard.workersTable')} stack="figures">
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.worker')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {open}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {overdue}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((r) => (
                  <Table.Tr key={r.name}>
                    <Table.Th scope="row" fw={400}>
                      {r.name}
                    </Table.Th>
                    <Table.Td ta="right" className="tabular">
                      {fmt.number(r.open)}
                    </Table.Td>
                    <Table.Td ta="right" className="tabular">
                      {r.overdue > 0 ? (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <IconAlertTriangle size={16} color="var(--mantine-color-orange-8)" aria-hidden />
                          {fmt.number(r.overdue)}
                        </Group>
                      ) : (
                        fmt.number(0)
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </SimpleGrid>
      )}
    </Block>
  )
}

function Lists({ d }: { d: Dashboard }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [deciding, setDeciding] = useState<{ closure: ClosureToDecide; approve: boolean } | null>(null)
  const today = serviceToday()
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Block id="dashboard-closures" title={t('dashboard.closures')} count={d.awaitingClosure.length}>
        {d.awaitingClosure.length ? (
          <Stack component="ul" gap="sm" className="plain-list">
            {d.awaitingClosure.map((c) => (
              <Group component="li" key={c.id} gap="sm" justify="space-between" wrap="wrap" className="dashboard-row">
                <Stack gap={0}>
                  <Group gap="xs">
                    {caseLink(c.id, c.code)}
                    <PersonName name={d.clients[c.id]} />
                    {c.outcome ? <Text size="sm">{t(`lifecycle.outcome.${c.outcome}`, { defaultValue: c.outcome })}</Text> : null}
                  </Group>
                  <Text size="sm" c="gray.7">
                    {t('dashboard.requestedOn', { date: fmt.date(c.updatedAt) })}
                  </Text>
                </Stack>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setDeciding({ closure: c, approve: true })}
                    aria-label={t('dashboard.approveOne', { code: c.code })}
                    data-testid={`approve-${c.code}`}
                  >
                    {t('lifecycle.submit.approve_closure')}
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    color="orange"
                    onClick={() => setDeciding({ closure: c, approve: false })}
                    aria-label={t('dashboard.refuseOne', { code: c.code })}
                    data-testid={`refuse-${c.code}`}
                  >
                    {t('lifecycle.submit.refuse_closure')}
                  </Button>
                </Group>
              </Group>
            ))}
          </Stack>
        ) : (
          <Text c="gray.7">{t('dashboard.noClosures')}</Text>
        )}
      </Block>
      <Block id="dashboard-unassigned" title={t('dashboard.unassigned')} count={d.unassigned}>
        {d.unassignedCases.length ? (
          <>
            <Text size="sm" c="gray.7" mb="xs">
              {t('dashboard.unassignedHint')}
            </Text>
            <Stack component="ul" gap="xs" className="plain-list">
              {d.unassignedCases.map((c) => (
                <Group component="li" key={c.id} gap="sm" wrap="wrap">
                  {caseLink(c.id, c.code)}
                  <PersonName name={d.clients[c.id]} />
                  <Text size="sm" c="gray.7">
                    {t('dashboard.openedOn', { date: fmt.date(c.createdAt) })}
                  </Text>
                </Group>
              ))}
            </Stack>
          </>
        ) : (
          <Text c="gray.7">{t('dashboard.noUnassigned')}</Text>
        )}
      </Block>
      <Block id="dashboard-overdue" title={t('dashboard.overdueTasks')} count={d.overdueTasks.total}>
        {d.overdueTasks.items.length ? (
          <ScrollTable label={t('dashboard.overdueTable')}>
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.dueDate')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.case')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.assignee')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.overdueTasks.items.map((task) => (
                  <Table.Tr key={task.id}>
                    <Table.Td className="nowrap">{fmt.day(task.dueDate)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="wrap">
                        {caseLink(task.accompanimentId, task.accompanimentCode)}
                        <PersonName name={d.clients[task.accompanimentId]} />
                      </Group>
                    </Table.Td>
                    <Table.Td>{task.assigneeName ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        ) : (
          <Text c="gray.7">{t('dashboard.noOverdue')}</Text>
        )}
      </Block>
      <Block id="dashboard-mandates" title={t('dashboard.mandates')} count={d.mandatesEndingSoon}>
        {d.mandatesEnding.length ? (
          <Stack component="ul" gap="xs" className="plain-list">
            {d.mandatesEnding.map((c) => (
              <Group component="li" key={c.id} gap="sm" wrap="wrap">
                {caseLink(c.id, c.code)}
                <PersonName name={d.clients[c.id]} />
                <Text size="sm">
                  {c.mandateEnd < today
                    ? t('dashboard.mandateEnded', { date: fmt.date(c.mandateEnd) })
                    : t('dashboard.mandateEnds', { date: fmt.date(c.mandateEnd) })}
                </Text>
              </Group>
            ))}
          </Stack>
        ) : (
          <Text c="gray.7">{t('dashboard.noMandates')}</Text>
        )}
      </Block>
      {deciding ? (
        <ClosureDecisionModal
          key={`${deciding.closure.id}-${deciding.approve}`}
          a={deciding.closure}
          decision={deciding.approve ? 'approve_closure' : 'refuse_closure'}
          onClose={() => setDeciding(null)}
        />
      ) : null}
    </SimpleGrid>
  )
}

export function DashboardPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const teams = me?.teams ?? []
  const [chosen, setChosen] = useState<string | null>(null)
  const teamId = chosen ?? teams[0]?.id ?? null
  const query = useCaseloadDashboard(teamId)
  const d = query.data
  const teamName = teams.find((team) => team.id === teamId)?.name

  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader
        title={t('dashboard.title')}
        description={teamName ? t('dashboard.description', { team: teamName }) : undefined}
        actions={
          teams.length > 1 ? (
            <Select
              label={t('dashboard.team')}
              data={teams.map((team) => ({ value: team.id, label: team.name }))}
              value={teamId}
              onChange={(v) => v && setChosen(v)}
              allowDeselect={false}
            />
          ) : null
        }
      />
      <Group>
        <ContactStatisticsLink />
      </Group>
      {can(me, 'erasure.decide') ? <AwaitingErasuresPanel /> : null}
      <ErrorAlert error={query.error} />
      {!teamId ? (
        <Text c="gray.7">{t('dashboard.noTeam')}</Text>
      ) : query.isPending ? (
        <Loading />
      ) : d ? (
        <>
          <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }} spacing="md" data-testid="dashboard-figures">
            <Figure label={t('dashboard.openCases')} value={d.open} icon={<IconBriefcase size={18} aria-hidden />} />
            <Figure label={t('dashboard.unassigned')} value={d.unassigned} icon={<IconUserQuestion size={18} aria-hidden />} />
            <Figure label={t('dashboard.closures')} value={d.awaitingClosure.length} icon={<IconChecklist size={18} aria-hidden />} />
            <Figure
              label={t('dashboard.overdueTasks')}
              value={d.overdueTasks.total}
              icon={<IconAlertTriangle size={18} color="var(--mantine-color-orange-8)" aria-hidden />}
            />
            <Figure label={t('dashboard.mandates')} value={d.mandatesEndingSoon} icon={<IconCalendarDue size={18} aria-hidden />} />
          </SimpleGrid>
          <Charts d={d} />
          <Workers d={d} />
          <Lists d={d} />
        </>
      ) : null}
      {can(me, 'partner_activity.read_all') ? <NetworkActivityCard /> : null}
    </Stack>
  )
}
