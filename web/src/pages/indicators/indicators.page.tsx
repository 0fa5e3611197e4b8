import '@mantine/charts/styles.css'
import '../dashboard/dashboard.css'
import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import type { Indicators } from '../../../../common/contracts/indicators.contracts'
import { DateField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { useFormat } from '../../i18n/format'
import { DurationBlock, KindFrameworkBlock, ListBlock } from './indicator-blocks'
import { MoreIndicators } from './indicator-sections'
import { serviceToday } from '../../i18n/service-day'
import { MAX_DAYS, type Period, type Preset, PRESETS, presetPeriod, span, viewOfSearch } from './indicators.period'
import { useIndicators, useIndicatorTeams } from './use-indicators'
import { TeamSelect } from '../../components/team-select'

/** The period: a preset in one press (each a button reached by Tab), or two dates. */
function PeriodChoice({
  preset,
  onPreset,
  custom,
  onCustom,
}: {
  preset: Preset
  onPreset: (p: Preset) => void
  custom: Period | null
  onCustom: (p: Period) => void
}) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<Period>(custom ?? { from: '', to: '' })
  const [error, setError] = useState<string | undefined>()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const problem =
      !draft.from || !draft.to
        ? t('indicators.datesRequired')
        : draft.from > draft.to
          ? t('indicators.orderError')
          : span(draft) > MAX_DAYS
            ? t('indicators.tooLong')
            : undefined
    setError(problem)
    if (!problem) onCustom(draft)
  }
  return (
    <Stack gap="sm">
      <Group gap="xs" role="group" aria-labelledby="indicators-period" wrap="wrap">
        <Text fw={600} id="indicators-period" mr="xs">
          {t('indicators.period')}
        </Text>
        {PRESETS.map((p) => (
          <Button
            key={p}
            variant={preset === p ? 'filled' : 'default'}
            aria-pressed={preset === p}
            onClick={() => onPreset(p)}
            data-testid={`preset-${p}`}
          >
            {t(`indicators.presets.${p}`)}
          </Button>
        ))}
      </Group>
      {preset === 'custom' ? (
        <form onSubmit={submit} noValidate aria-label={t('indicators.customPeriod')}>
          <Group align="flex-start" gap="md" wrap="wrap">
            <DateField
              label={t('indicators.from')}
              value={draft.from}
              onChange={(v) => setDraft({ ...draft, from: v })}
              error={error}
              required
              w={180}
            />
            <DateField label={t('indicators.to')} value={draft.to} onChange={(v) => setDraft({ ...draft, to: v })} required w={180} />
            <Button type="submit" mt={25}>
              {t('indicators.show')}
            </Button>
          </Group>
        </form>
      ) : null}
    </Stack>
  )
}

const isEmpty = (d: Indicators) =>
  [d.opened.total, d.active.total, d.closedByOutcome.total, d.sessions.total].every((c) => 'count' in c && c.count === 0)

function Results({ d, teamName }: { d: Indicators; teamName: string }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <>
      <Text fw={600} aria-live="polite" data-testid="indicators-summary">
        {t('indicators.shown', { team: teamName, from: fmt.date(d.from), to: fmt.date(d.to) })}
      </Text>
      {isEmpty(d) ? (
        <Paper>
          <Text c="gray.7" data-testid="indicators-empty">
            {t('indicators.empty')}
          </Text>
        </Paper>
      ) : (
        <>
          <Paper component="aside" aria-labelledby="indicators-legend" data-testid="indicators-legend" bg="gray.0">
            <Title order={2} size="h5" id="indicators-legend" mb={4}>
              {t('indicators.legendTitle', { threshold: fmt.number(d.threshold) })}
            </Title>
            <Text size="sm">{t('indicators.legend', { threshold: fmt.number(d.threshold) })}</Text>
          </Paper>
          <KindFrameworkBlock id="indicators-opened" title={t('indicators.opened')} note={t('indicators.openedNote')} table={d.opened} />
          <KindFrameworkBlock id="indicators-active" title={t('indicators.active')} note={t('indicators.activeNote')} table={d.active} />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <ListBlock
              id="indicators-closed"
              title={t('indicators.closed')}
              note={t('indicators.closedNote')}
              list={d.closedByOutcome}
              label={(k) => t(`lifecycle.outcome.${k}`)}
              heading={t('indicators.outcome')}
            />
            {/* The two short blocks share a column beside the long one. */}
            <Stack gap="lg">
              <DurationBlock id="indicators-duration" duration={d.duration} />
              <ListBlock
                id="indicators-sessions"
                title={t('indicators.sessions')}
                note={t('indicators.sessionsNote')}
                list={d.sessions}
                label={(k) => t(`sessions.status.${k}`)}
                heading={t('indicators.sessionStatus')}
              />
            </Stack>
          </SimpleGrid>
          <MoreIndicators d={d} />
        </>
      )}
    </>
  )
}

/** Issue 14: a team's activity over a period, as counts no reader can narrow down to a person. */
export function IndicatorsPage() {
  const { t } = useTranslation()
  const teams = useIndicatorTeams()
  const items = teams.data?.items ?? []
  // A link may name the view to open (a practice note's evidence); the choices start from it.
  const [search] = useSearchParams()
  const [linked] = useState(() => viewOfSearch(search, serviceToday()))
  const [chosen, setChosen] = useState<string | null>(linked.teamId)
  // A team the link names but the reader may not read is not chosen: the page offers theirs.
  const teamId = (chosen && items.some((team) => team.id === chosen) ? chosen : null) ?? (items.length === 1 ? items[0]!.id : null)
  const [preset, setPreset] = useState<Preset>(linked.preset)
  const [custom, setCustom] = useState<Period | null>(linked.custom)
  const period = preset === 'custom' ? custom : presetPeriod(preset, serviceToday())
  const query = useIndicators(teamId, period)
  const teamName = items.find((team) => team.id === teamId)?.name ?? ''

  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader title={t('indicators.title')} description={t('indicators.intro')} />
      <ErrorAlert error={teams.error} />
      {teams.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        teams.data ? (
          <Text c="gray.7" data-testid="indicators-no-team">
            {t('indicators.noTeam')}
          </Text>
        ) : null
      ) : (
        <>
          <Paper component="section" aria-label={t('indicators.choice')}>
            <Stack gap="md">
              <TeamSelect teams={items} value={teamId} onChange={setChosen} />
              <PeriodChoice preset={preset} onPreset={setPreset} custom={custom} onCustom={setCustom} />
            </Stack>
          </Paper>
          <ErrorAlert error={query.error} />
          {!teamId ? (
            <Text c="gray.7">{t('indicators.pickTeam')}</Text>
          ) : !period ? (
            <Text c="gray.7">{t('indicators.pickDates')}</Text>
          ) : query.isPending ? (
            <Loading />
          ) : query.data ? (
            <Results d={query.data} teamName={teamName} />
          ) : null}
        </>
      )}
    </Stack>
  )
}
