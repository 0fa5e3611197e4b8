import './progress.css'
import { Box, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import type { BarChartProps, LineChartProps, RadarChartProps } from '@mantine/charts'
import { useElementSize } from '@mantine/hooks'
import { IconFileText } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { LifeDomain } from '../../../../common/contracts/desistance.contracts'
import { LIFE_DOMAINS } from '../../../../common/vocabulary'
import type { Progress } from '../../../../common/contracts/progress.contracts'
import type { AccompanimentView } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { InView } from '../../components/in-view'
import { lazyNamed } from '../../components/lazy-page'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { isLanguage, LOCALE_TAGS } from '../../i18n/index'
import { NARROW, RadarTick, ReviewBars } from './progress-bars'
import { PlanCompletion } from './progress-plan'
import { useProgress } from './use-progress'

// Drawn only when in view: the figures are in the tables beside each chart.
const RadarChart = lazyNamed<'RadarChart', RadarChartProps>(() => import('./progress-charts'), 'RadarChart')
const LineChart = lazyNamed<'LineChart', LineChartProps>(() => import('./progress-charts'), 'LineChart')
const BarChart = lazyNamed<'BarChart', BarChartProps>(() => import('./progress-charts'), 'BarChart')

/** The two perspectives are told apart by colour and by line style, never by colour alone. */
const WORKER = { color: 'petrol.7', css: 'var(--mantine-color-petrol-7)', dash: undefined }
const PERSON = { color: 'orange.8', css: 'var(--mantine-color-orange-8)', dash: '5 4' }
const VALENCE_COLORS = { supportive: 'petrol.6', ambivalent: 'gray.5', harmful: 'red.7' } as const

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md" data-testid={id}>
      <Title order={3} size="h5" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  )
}

function Legend() {
  const { t } = useTranslation()
  return (
    <Group gap="md" aria-hidden>
      <Text size="sm" style={{ color: WORKER.css }}>
        <span className="progress-legend-swatch" />
        {t('perspectives.worker')}
      </Text>
      <Text size="sm" style={{ color: PERSON.css }}>
        <span className="progress-legend-swatch" data-dashed />
        {t('perspectives.person')}
      </Text>
    </Group>
  )
}

/** The same figures as the chart, for screen readers and for anyone who would rather read. */
function Figures({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <details className="progress-figures">
      <summary>{caption}</summary>
      <Box mt="xs" className="table-scroll">
        {children}
      </Box>
    </details>
  )
}

function ReviewRadar({ reviews }: { reviews: Progress['reviews'] }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [chosen, setChosen] = useState<string | null>(reviews.at(-1)?.assessmentId ?? null)
  const { ref, width } = useElementSize()
  const review = reviews.find((r) => r.assessmentId === chosen) ?? reviews.at(-1)
  if (!review) return <Text c="gray.7">{t('progress.noReview')}</Text>
  // Axes for the domains ever scored on this case, the same for every review so shapes compare.
  const scored = LIFE_DOMAINS.filter((d) => reviews.some((r) => r.scores[d]))
  const domains = scored.length >= 3 ? scored : LIFE_DOMAINS
  const rows = domains.map((d) => ({
    domain: t(`lifeDomains.${d}`),
    worker: review.scores[d]?.worker ?? 0,
    person: review.scores[d]?.person ?? 0,
    key: d,
  }))
  return (
    <Stack gap="xs">
      <Select
        label={t('progress.reviewOf')}
        data={[...reviews].reverse().map((r) => ({ value: r.assessmentId, label: fmt.day(r.takenOn) }))}
        value={review.assessmentId}
        onChange={setChosen}
        allowDeselect={false}
        maw={240}
        size="sm"
      />
      <Box ref={ref} aria-hidden inert maw={680} data-testid="radar-area">
        {width === 0 ? null : width < NARROW ? (
          <ReviewBars rows={rows} />
        ) : (
          <InView minHeight={360}>
            <RadarChart
              h={360}
              radarChartProps={{ margin: { top: 16, right: 110, bottom: 16, left: 110 } }}
              data={rows}
              dataKey="domain"
              withPolarRadiusAxis
              polarAngleAxisProps={{ tick: RadarTick }}
              // The scale's figures run between two domains' axes, where no label sits.
              polarRadiusAxisProps={{ domain: [0, 10], tickCount: 6, angle: 90 - 180 / rows.length }}
              series={[
                { name: 'worker', color: WORKER.color, opacity: 0.15 },
                { name: 'person', color: PERSON.color, opacity: 0.15 },
              ]}
              radarProps={(series) => ({ isAnimationActive: false, strokeDasharray: series.name === 'person' ? PERSON.dash : undefined })}
            />
          </InView>
        )}
      </Box>
      <Legend />
      <Figures caption={t('progress.showFigures')}>
        <Table verticalSpacing={2} data-testid="radar-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('progress.domain')}</Table.Th>
              <Table.Th>{t('perspectives.worker')}</Table.Th>
              <Table.Th>{t('perspectives.person')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {LIFE_DOMAINS.map((d) => (
              <Table.Tr key={d}>
                <Table.Td>{t(`lifeDomains.${d}`)}</Table.Td>
                <Table.Td>{review.scores[d]?.worker ?? '—'}</Table.Td>
                <Table.Td>{review.scores[d]?.person ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Figures>
    </Stack>
  )
}

function DomainLines({ reviews }: { reviews: Progress['reviews'] }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const domains = LIFE_DOMAINS.filter((d) => reviews.some((r) => r.scores[d]))
  if (reviews.length < 2 || domains.length === 0) return <Text c="gray.7">{t('progress.needTwoReviews')}</Text>
  // The latest score of a perspective, and how it moved since the review before it: the change
  // is written as a signed number, so it reads without the colour of any line.
  const scored = (d: LifeDomain, p: 'worker' | 'person') => reviews.map((r) => r.scores[d]?.[p]).filter((v): v is number => v !== undefined)
  const latestWithChange = (d: LifeDomain, p: 'worker' | 'person') => {
    const values = scored(d, p)
    const last = values.at(-1)
    if (last === undefined) return '—'
    const before = values.at(-2)
    if (before === undefined || before === last) return String(last)
    return `${last} (${last > before ? '+' : '−'}${Math.abs(last - before)})`
  }
  return (
    <Stack gap="xs">
      <Legend />
      <ul className="progress-domains" data-testid="domain-lines">
        {domains.map((d) => (
          <li key={d} className="progress-domain">
            <Text size="sm" fw={600}>
              {t(`lifeDomains.${d}`)}
            </Text>
            <Text size="xs" c="gray.8">
              {t('progress.latestScores', { worker: latestWithChange(d, 'worker'), person: latestWithChange(d, 'person') })}
            </Text>
            <Box aria-hidden inert>
              <InView minHeight={64}>
                <LineChart
                  h={64}
                  data={reviews.map((r) => ({ date: r.takenOn, worker: r.scores[d]?.worker ?? null, person: r.scores[d]?.person ?? null }))}
                  dataKey="date"
                  series={[
                    { name: 'worker', color: WORKER.color },
                    { name: 'person', color: PERSON.color, strokeDasharray: PERSON.dash },
                  ]}
                  withXAxis={false}
                  withYAxis={false}
                  yAxisProps={{ domain: [0, 10] }}
                  gridAxis="none"
                  withTooltip={false}
                  withDots={false}
                  connectNulls
                  strokeWidth={2}
                  curveType="monotone"
                  lineProps={{ isAnimationActive: false }}
                />
              </InView>
            </Box>
          </li>
        ))}
      </ul>
      <Figures caption={t('progress.showFigures')}>
        <Table verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('progress.date')}</Table.Th>
              {domains.map((d) => (
                <Table.Th key={d}>{t(`lifeDomains.${d}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reviews.map((r) => (
              <Table.Tr key={r.assessmentId}>
                <Table.Td className="nowrap">{fmt.day(r.takenOn)}</Table.Td>
                {domains.map((d) => (
                  <Table.Td key={d} className="nowrap">
                    {t('progress.pair', { worker: r.scores[d]?.worker ?? '—', person: r.scores[d]?.person ?? '—' })}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Figures>
    </Stack>
  )
}

function NetworkChange({ network }: { network: Progress['network'] }) {
  const { t, i18n } = useTranslation()
  // Under each bar: month and year ("sept. 2026"), short enough not to crowd out its neighbours
  // on a phone; the full dates are in the figures below.
  const tag = isLanguage(i18n.language) ? LOCALE_TAGS[i18n.language] : 'fr-BE'
  const monthYear = (iso: string) =>
    new Intl.DateTimeFormat(tag, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`))
  const fmt = useFormat()
  if (network.series.length === 0) return <Text c="gray.7">{t('progress.noNetwork')}</Text>
  const change = network.sinceFirst
  return (
    <Stack gap="xs">
      {change ? (
        <Stack gap={2} data-testid="network-change">
          <Text>{t('progress.supportiveGained', { count: change.summary.supportiveGained, date: fmt.date(change.from.takenOn) })}</Text>
          <Text>{t('progress.harmfulLeft', { count: change.summary.harmfulLeft })}</Text>
          {change.summary.harmfulGained + change.summary.supportiveLost > 0 ? (
            <Text c="gray.8" size="sm">
              {t('progress.movedBack', {
                harmful: t('progress.movedBackHarmful', { count: change.summary.harmfulGained }),
                supportive: t('progress.movedBackSupportive', { count: change.summary.supportiveLost }),
              })}
            </Text>
          ) : null}
        </Stack>
      ) : (
        <Text c="gray.7">{t('progress.oneSnapshot')}</Text>
      )}
      <Box aria-hidden inert>
        <InView minHeight={160}>
          <BarChart
            h={160}
            data={network.series.map((s) => ({ ...s, label: monthYear(s.takenOn) }))}
            dataKey="label"
            type="stacked"
            series={[
              { name: 'supportive', label: t('progress.valence.supportive'), color: VALENCE_COLORS.supportive },
              { name: 'ambivalent', label: t('progress.valence.ambivalent'), color: VALENCE_COLORS.ambivalent },
              { name: 'harmful', label: t('progress.valence.harmful'), color: VALENCE_COLORS.harmful },
            ]}
            withLegend
            withTooltip={false}
            tickLine="none"
            gridAxis="y"
            barProps={{ isAnimationActive: false }}
          />
        </InView>
      </Box>
      <Figures caption={t('progress.showFigures')}>
        <Table verticalSpacing={2}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('progress.date')}</Table.Th>
              <Table.Th>{t('progress.valence.supportive')}</Table.Th>
              <Table.Th>{t('progress.valence.ambivalent')}</Table.Th>
              <Table.Th>{t('progress.valence.harmful')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {network.series.map((s) => (
              <Table.Tr key={s.snapshotId}>
                <Table.Td>{fmt.day(s.takenOn)}</Table.Td>
                <Table.Td>{s.supportive}</Table.Td>
                <Table.Td>{s.ambivalent}</Table.Td>
                <Table.Td>{s.harmful}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Figures>
    </Stack>
  )
}

/** Progress at a glance, on the case's overview: what a worker would rather look at than read. */
export function ProgressOverview({ a }: { a: AccompanimentView }) {
  const { t } = useTranslation()
  const progress = useProgress(a.id)
  return (
    <Paper component="section" aria-labelledby="case-progress">
      <Group justify="space-between" mb="md" wrap="wrap">
        <Title order={2} size="h4" id="case-progress">
          {t('progress.title')}
        </Title>
        <Button
          component={Link}
          to={`/accompaniments/${a.id}/summary`}
          variant="light"
          leftSection={<IconFileText size={18} aria-hidden />}
        >
          {t('progress.openSummary')}
        </Button>
      </Group>
      <ErrorAlert error={progress.error} />
      {progress.isPending ? (
        <Loading />
      ) : progress.data ? (
        <Stack gap="md">
          {progress.data.trajectory.events + progress.data.trajectory.futureGoals > 0 ? (
            <Text size="sm" c="gray.8">
              {t('progress.trajectoryCounts', {
                events: t('progress.trajectoryEvents', { count: progress.data.trajectory.events }),
                goals: t('progress.trajectoryGoals', { count: progress.data.trajectory.futureGoals }),
              })}
            </Text>
          ) : null}
          <Card id="progress-radar" title={t('progress.radarTitle')}>
            <ReviewRadar reviews={progress.data.reviews} />
          </Card>
          <Card id="progress-lines" title={t('progress.linesTitle')}>
            <DomainLines reviews={progress.data.reviews} />
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Card id="progress-plan" title={t('progress.planTitle')}>
              <PlanCompletion plan={progress.data.plan} />
            </Card>
            <Card id="progress-network" title={t('progress.networkTitle')}>
              <NetworkChange network={progress.data.network} />
            </Card>
          </SimpleGrid>
        </Stack>
      ) : null}
    </Paper>
  )
}
