import '@mantine/charts/styles.css'
import '../dashboard/dashboard.css'
import './activity-report.css'
import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconDownload, IconPrinter } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ActivityReport } from '../../../../common/contracts/activity-report.contracts'
import { NOT_YET } from '../../../../common/contracts/contact-statistics.contracts'
import { api, urlOf } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { isLanguage } from '../../i18n'
import { useFormat } from '../../i18n/format'
import { DurationBlock, KindFrameworkBlock, ListBlock } from '../indicators/indicator-blocks'
import { useIndicatorTeams } from '../indicators/use-indicators'
import { recentYears } from '../training-sessions/use-training'
import { ReferralsBlock, TrainingBlock } from './activity-report-blocks'
import { TeamSelect, YearSelect } from '../../components/team-select'

function useActivityReport(teamId: string | null, year: number, lang: ActivityReport['language']) {
  return useQuery({
    queryKey: ['activity-report', teamId, year, lang],
    queryFn: ({ signal }) => api.get('/api/activity-report', { query: { teamId: teamId ?? '', year, lang }, signal }),
    enabled: !!teamId,
    placeholderData: keepPreviousData,
  })
}

function Report({ r }: { r: ActivityReport }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const a = r.accompaniments
  return (
    <Stack gap="lg" className="activity-report" data-testid="activity-report">
      <Text fw={600} aria-live="polite" data-testid="report-summary">
        {t('activityReport.shown', { team: r.teamName, year: r.year })}
      </Text>
      <Paper component="aside" aria-labelledby="report-legend" bg="gray.0">
        <Title order={2} size="h5" id="report-legend" mb={4}>
          {t('indicators.legendTitle', { threshold: fmt.number(r.threshold) })}
        </Title>
        <Text size="sm">{t('activityReport.legend', { threshold: fmt.number(r.threshold) })}</Text>
      </Paper>
      <KindFrameworkBlock id="report-opened" title={t('activityReport.opened')} table={a.opened} />
      <KindFrameworkBlock id="report-active" title={t('activityReport.active')} table={a.active} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <ListBlock
          id="report-closed"
          title={t('activityReport.closed')}
          list={a.closedByOutcome}
          label={(k) => t(`lifecycle.outcome.${k}`)}
          heading={t('indicators.outcome')}
        />
        <Stack gap="lg">
          <DurationBlock id="report-duration" duration={a.duration} />
          <ListBlock
            id="report-sessions"
            title={t('activityReport.sessions')}
            list={a.sessions}
            label={(k) => t(`sessions.status.${k}`)}
            heading={t('indicators.sessionStatus')}
          />
        </Stack>
      </SimpleGrid>
      <Paper bg="gray.0">
        <Text size="sm">{t('activityReport.contactsNote')}</Text>
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="lg">
        <ListBlock
          id="report-contacts-caller"
          title={t('activityReport.contactsCaller')}
          list={r.contacts.byCallerKind}
          label={(k) => t(`contacts.kinds.${k}`)}
          heading={t('activityReport.caller')}
        />
        <ListBlock
          id="report-contacts-orientation"
          title={t('activityReport.contactsOrientation')}
          list={r.contacts.byOrientation}
          label={(k) => (k === NOT_YET ? t('activityReport.notYet') : t(`contacts.orientations.${k}`))}
          heading={t('activityReport.orientation')}
        />
        <ListBlock
          id="report-contacts-channel"
          title={t('activityReport.contactsChannel')}
          list={r.contacts.byChannel}
          label={(k) => t(`contacts.channels.${k}`)}
          heading={t('activityReport.channel')}
        />
      </SimpleGrid>
      <ReferralsBlock referrals={r.referrals} />
      <TrainingBlock training={r.training} />
    </Stack>
  )
}

/** Issue 14: the team's year in the funder's shape, on screen, on paper, as a PDF and as a CSV. */
export function ActivityReportPage() {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const teams = useIndicatorTeams()
  const items = teams.data?.items ?? []
  const [chosen, setChosen] = useState<string | null>(null)
  const teamId = chosen ?? (items.length === 1 ? items[0]!.id : null)
  const years = recentYears()
  const [year, setYear] = useState(years[0]!)
  const report = useActivityReport(teamId, year, lang)
  const query = { teamId: teamId ?? '', year, lang }
  const ready = !!teamId && !!report.data
  return (
    <Stack gap="lg" maw={1400}>
      <PageHeader
        title={t('activityReport.title')}
        description={t('activityReport.intro')}
        actions={
          ready ? (
            <Group gap="sm" className="no-print">
              <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
                {t('activityReport.print')}
              </Button>
              <Button
                component="a"
                href={urlOf('/api/activity-report/pdf', { query })}
                download
                leftSection={<IconDownload size={16} aria-hidden />}
                data-testid="report-pdf"
              >
                {t('activityReport.pdf')}
              </Button>
              <Button
                component="a"
                variant="light"
                href={urlOf('/api/activity-report/csv', { query })}
                download
                leftSection={<IconDownload size={16} aria-hidden />}
                data-testid="report-csv"
              >
                {t('activityReport.csv')}
              </Button>
            </Group>
          ) : null
        }
      />
      <ErrorAlert error={teams.error} />
      {teams.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        teams.data ? (
          <Text c="gray.7" data-testid="report-no-team">
            {t('activityReport.noTeam')}
          </Text>
        ) : null
      ) : (
        <>
          <Paper component="section" aria-label={t('activityReport.choice')} className="no-print">
            <Group gap="md" align="flex-end" wrap="wrap">
              <TeamSelect teams={items} value={teamId} onChange={setChosen} />
              <YearSelect years={years} value={year} onChange={setYear} label={t('activityReport.year')} testId="report-year" />
            </Group>
          </Paper>
          <ErrorAlert error={report.error} />
          {!teamId ? (
            <Text c="gray.7">{t('activityReport.pickTeam')}</Text>
          ) : report.isPending ? (
            <Loading />
          ) : report.data ? (
            <Report r={report.data} />
          ) : null}
        </>
      )}
    </Stack>
  )
}
