import { BarChart } from '@mantine/charts'
import { SimpleGrid, Table } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ActivityReport } from '../../../../common/contracts/activity-report.contracts'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { BAR_DOMAIN, Block, Chart, LABEL_ROOM, plotted, TwoWayTable, useBars } from '../indicators/indicator-blocks'

const BAR = {
  orientation: 'vertical' as const,
  withTooltip: false,
  withBarValueLabel: true,
  xAxisProps: { domain: BAR_DOMAIN },
  barChartProps: LABEL_ROOM,
  yAxisProps: { width: 170 },
  gridAxis: 'none' as const,
  withXAxis: false,
  maxBarWidth: 22,
  accessibilityLayer: false,
  barProps: { isAnimationActive: false },
}

/** Referrals by need category (rows) and present state (columns): the bars show each category's total. */
export function ReferralsBlock({ referrals }: { referrals: ActivityReport['referrals'] }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const title = t('activityReport.referrals')
  const bars = useBars()
  const data = referrals.rows.map((r, i) => ({ label: r.label, ...bars.value('count', referrals.rowTotals[i]) }))
  const drawable = referrals.rowTotals.some((c) => (plotted(c) ?? 0) > 0)
  return (
    <Block id="report-referrals" title={title} note={t('activityReport.referralsNote')}>
      <Chart drawable={drawable}>
        <BarChart
          h={Math.max(120, data.length * 32)}
          data={data}
          dataKey="label"
          series={[{ name: 'count', label: t('indicators.count'), color: 'petrol.6' }]}
          valueLabelProps={bars.labels}
          valueFormatter={(v) => fmt.number(v)}
          {...BAR}
        />
      </Chart>
      <TwoWayTable
        label={t('indicators.tableOf', { title })}
        testId="report-referrals-table"
        rowHeading={t('activityReport.category')}
        rows={referrals.rows.map((r) => ({ key: r.code, label: r.label }))}
        columns={referrals.columns.map((c) => ({ key: c, label: t(`activityReport.states.${c}`) }))}
        table={referrals}
      />
    </Block>
  )
}

/** Training and awareness given, by audience: the service's own work, so every figure is shown. */
export function TrainingBlock({ training }: { training: ActivityReport['training'] }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const title = t('activityReport.training')
  const audience = (a: string) => t(`training.audiences.${a}`)
  // An audience whose sessions had no participant counted has neither bar nor label, as in the indicators.
  const bars = useBars()
  const data = training.byAudience.map((b) => ({ label: audience(b.audience), participants: b.participants }))
  const drawable = data.some((d) => d.participants > 0)
  return (
    <Block
      id="report-training"
      title={title}
      note={training.sessions === 0 ? t('activityReport.noTraining') : t('activityReport.trainingNote')}
    >
      <SimpleGrid cols={{ base: 1, md: drawable ? 2 : 1 }} spacing="lg">
        <Chart drawable={drawable}>
          <BarChart
            h={Math.max(120, data.length * 36)}
            data={data}
            dataKey="label"
            series={[{ name: 'participants', label: t('training.participants'), color: 'grape.6' }]}
            valueLabelProps={bars.labels}
            valueFormatter={(v) => fmt.number(v)}
            {...BAR}
          />
        </Chart>
        <ScrollTable label={t('indicators.tableOf', { title })} stack="figures">
          <Table verticalSpacing={4} horizontalSpacing="xs" className="tabular" data-testid="report-training-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('training.audience')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('activityReport.sessionsGiven')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('training.participants')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('training.hours')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {training.byAudience.map((b) => (
                <Table.Tr key={b.audience}>
                  <Table.Th scope="row" fw={400}>
                    {audience(b.audience)}
                  </Table.Th>
                  <Table.Td ta="right">{fmt.number(b.sessions)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(b.participants)}</Table.Td>
                  <Table.Td ta="right">{fmt.number(b.hours)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('indicators.total')}</Table.Th>
                <Table.Td ta="right" fw={700}>
                  {fmt.number(training.sessions)}
                </Table.Td>
                <Table.Td ta="right" fw={700}>
                  {fmt.number(training.participants)}
                </Table.Td>
                <Table.Td ta="right" fw={700}>
                  {fmt.number(training.hours)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </SimpleGrid>
    </Block>
  )
}
