import '@mantine/charts/styles.css'
import '../dashboard/dashboard.css'
import { Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { isLanguage } from '../../i18n'
import { useFormat } from '../../i18n/format'
import { type Category, FigureGroup, type Statistics, type Week, WeeklyCard } from './contact-statistics-charts'
import { useThemes } from './use-contacts'
import { CALLER_KINDS, CHANNELS, ORIENTATIONS } from './vocabulary'
import { DateField } from '../../components/date-field'

type Period = { from: string; to: string }
const MAX_DAYS = 731

/** Days from one calendar date to another. */
const span = (p: Period) => (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000

function PeriodForm({ shown, onApply, serverError }: { shown: Period | undefined; onApply: (p: Period) => void; serverError: unknown }) {
  const { t } = useTranslation()
  const [p, setP] = useState<Period>({ from: '', to: '' })
  const [own, setOwn] = useState<string | undefined>()
  const fields = useFieldErrors(serverError)
  const value = (k: keyof Period) => p[k] || shown?.[k] || ''
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const next = { from: value('from'), to: value('to') }
    const error =
      next.from && next.to && next.from > next.to
        ? t('contactStatistics.orderError')
        : span(next) >= MAX_DAYS
          ? t('contactStatistics.tooLong')
          : undefined
    setOwn(error)
    if (!error) onApply(next)
  }
  return (
    <Paper component="form" onSubmit={submit} aria-labelledby="stats-period" noValidate>
      <Title order={2} size="h4" id="stats-period" mb="sm">
        {t('contactStatistics.period')}
      </Title>
      <Group align="flex-end" gap="md" wrap="wrap">
        <DateField
          label={t('contactStatistics.from')}
          value={value('from')}
          onChange={(v) => setP({ ...p, from: v })}
          error={own ?? fields.of('query.from')}
          w={180}
        />
        <DateField
          label={t('contactStatistics.to')}
          value={value('to')}
          onChange={(v) => setP({ ...p, to: v })}
          error={fields.of('query.to')}
          w={180}
        />
        <Button type="submit">{t('contactStatistics.show')}</Button>
      </Group>
    </Paper>
  )
}

function TopSheets({ s }: { s: Statistics }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <Paper component="section" aria-labelledby="stats-sheets" data-testid="stats-sheets">
      <Title order={2} size="h4" id="stats-sheets" mb="sm">
        {t('contactStatistics.sheets')}
      </Title>
      {s.sheets.length === 0 ? (
        <Text c="gray.7">{t('contactStatistics.noSheets')}</Text>
      ) : (
        <ScrollTable label={t('contactStatistics.sheetsTable', { title: t('contactStatistics.sheets') })} stack="figures">
          <Table verticalSpacing={4} horizontalSpacing="sm" className="tabular">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('contactStatistics.sheet')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('contactStatistics.total')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('contactStatistics.howRead')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('contactStatistics.howEmail')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('contactStatistics.howPaper')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.sheets.map((sheet) => (
                <Table.Tr key={sheet.sheetId}>
                  <Table.Th scope="row" fw={400}>
                    {sheet.title ?? sheet.code}
                  </Table.Th>
                  <Table.Td ta="right" fw={700}>
                    {fmt.number(sheet.count)}
                  </Table.Td>
                  <Table.Td ta="right">{fmt.number(sheet.byHow.read_aloud ?? 0)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(sheet.byHow.email ?? 0)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(sheet.byHow.paper ?? 0)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Paper>
  )
}

function Figures({ s }: { s: Statistics }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const hours = (h: number | null) => (h === null ? t('contactStatistics.none') : t('contactStatistics.hours', { value: fmt.number(h) }))
  return (
    <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
      <FigureGroup
        id="stats-callback"
        title={t('contactStatistics.callBack')}
        items={[
          { label: t('contactStatistics.callBackMedian'), value: hours(s.callBack.medianHours), testId: 'stats-callback-median' },
          { label: t('contactStatistics.callBackP90'), value: hours(s.callBack.p90Hours) },
        ]}
        note={t('contactStatistics.callBackCount', { count: s.callBack.count })}
      />
      <FigureGroup
        id="stats-emergencies"
        title={t('contactStatistics.emergencies')}
        items={[
          { label: t('contactStatistics.emergenciesTotal'), value: fmt.number(s.emergencies.total) },
          { label: t('contactStatistics.emergenciesAcknowledged'), value: fmt.number(s.emergencies.acknowledged) },
        ]}
        note={t('contactStatistics.ackMedian', { value: hours(s.emergencies.medianHoursToAcknowledge) })}
      />
      <FigureGroup
        id="stats-exceptions"
        title={t('contactStatistics.exceptions')}
        items={(['pending', 'validated', 'refused'] as const).map((k) => ({
          label: t(`contactStatistics.${k}`),
          value: fmt.number(s.exceptions[k] ?? 0),
        }))}
      />
    </SimpleGrid>
  )
}

/** The lead's view of the line over a period: counts only, each chart with its table. */
export function ContactStatisticsPage() {
  const { t, i18n } = useTranslation()
  const fmt = useFormat()
  const [period, setPeriod] = useState<Period | null>(null)
  const language = isLanguage(i18n.language) ? i18n.language : 'fr'
  const stats = useQuery({
    queryKey: ['contact-statistics', period, language],
    queryFn: ({ signal }) => api.get('/api/contacts/statistics', { query: { ...(period ?? {}), language }, signal }),
    placeholderData: keepPreviousData,
  })
  const themes = useThemes()
  const s = stats.data
  const themeLabel = (code: string) => themes.data?.items.find((th) => th.code === code)?.labels[language] ?? code
  const themeCodes = s ? Object.keys(s.totals.theme).sort((a, b) => (s.totals.theme[b] ?? 0) - (s.totals.theme[a] ?? 0)) : []
  const cards: { id: string; title: string; categories: Category[]; countOf: (w: Week, k: string) => number; note?: string }[] = [
    {
      id: 'stats-channel',
      title: t('contactStatistics.byChannel'),
      categories: CHANNELS.map((c) => ({ key: c, label: t(`contacts.channels.${c}`) })),
      countOf: (w, k) => w.channel[k] ?? 0,
    },
    {
      id: 'stats-caller-kind',
      title: t('contactStatistics.byCallerKind'),
      categories: CALLER_KINDS.map((c) => ({ key: c, label: t(`contacts.kinds.${c}`) })),
      countOf: (w, k) => w.callerKind[k] ?? 0,
    },
    {
      id: 'stats-theme',
      title: t('contactStatistics.byTheme'),
      categories: themeCodes.map((c) => ({ key: c, label: themeLabel(c) })),
      countOf: (w, k) => w.theme[k] ?? 0,
      note: t('contactStatistics.themeNote'),
    },
    {
      id: 'stats-orientation',
      title: t('contactStatistics.byOrientation'),
      categories: [
        ...ORIENTATIONS.map((c) => ({ key: c, label: t(`contacts.orientations.${c}`) })),
        { key: 'not_yet', label: t('contactStatistics.notYet') },
      ],
      countOf: (w, k) => w.orientation[k] ?? 0,
    },
  ]
  return (
    <Stack gap="lg">
      <PageHeader title={t('contactStatistics.title')} description={t('contactStatistics.intro')} />
      <PeriodForm shown={s ? { from: s.from, to: s.to } : undefined} onApply={setPeriod} serverError={stats.error} />
      <ErrorAlert error={stats.error} />
      {stats.isPending ? (
        <Loading />
      ) : s ? (
        <>
          <Text fw={600} aria-live="polite" data-testid="stats-summary">
            {t('contactStatistics.periodShown', { from: fmt.date(s.from), to: fmt.date(s.to), count: s.totals.total })}
          </Text>
          <Figures s={s} />
          {/* One card a row: side by side, each week's table (a column per channel, kind, theme or
              orientation) scrolled sideways in its half of the page, even at 1,280 px. */}
          <SimpleGrid cols={1} spacing="lg">
            {cards.map((c) => (
              <WeeklyCard key={c.id} weeks={s.weeks} {...c} />
            ))}
          </SimpleGrid>
          <TopSheets s={s} />
        </>
      ) : null}
    </Stack>
  )
}
