import './indicators.css'
import { BarChart } from '@mantine/charts'
import { Box, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Indicators, PublishedCount } from '../../../../common/contracts/indicators.contracts'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'

type TwoWay = Pick<Indicators['opened'], 'cells' | 'rowTotals' | 'columnTotals' | 'total'> & {
  rows: readonly string[]
  columns: readonly string[]
}
/** Counts by key (any keys: the activity report's lists use them too). */
type List = { keys: readonly string[]; counts: PublishedCount[]; total?: PublishedCount }

const COLUMN_COLOR: Record<string, string> = {
  voluntary: 'petrol.6',
  judicial: 'grape.6',
  improved: 'teal.7',
  same: 'gray.6',
  worse: 'red.7',
  done: 'teal.7',
  open: 'gray.6',
}

/** A count as the table prints it: the figure, or "< 10" when the small-cell rule hid it. */
export function useCount() {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (c: PublishedCount) => ('count' in c ? fmt.number(c.count) : t('indicators.below', { threshold: fmt.number(c.below) }))
}

/**
 * A label for the chart's axis, which wraps only at spaces: a soft hyphen in the translation
 * ("Eerstelijns\u00adprofessional") becomes a hyphen and a space, or the one long word would run off the
 * chart's left edge on a phone.
 */
const axisLabel = (label: string) => label.replaceAll('\u00ad', '- ')

/** The bars' scale: from zero to the longest bar (at least 1, so that an empty chart has one). */
export const BAR_DOMAIN: [number, (max: number) => number] = [0, (max) => Math.max(1, max)]

/**
 * Room right of the longest bar for its figure, in pixels: a share of the scale was too little on a
 * phone, where the bars are short and the figure ("155", "< 10") is not.
 */
export const LABEL_ROOM = { margin: { right: 40 } }

/** A count's figure, or null when the small-cell rule hid it. */
export const plotted = (c: PublishedCount | undefined) => (c && 'count' in c ? c.count : null)

/** Where a chart row keeps the "< 10" of a hidden count, beside the series' plotted value. */
const hiddenKey = (series: string) => `${series}\u0000hidden`

/**
 * What a bar chart draws for published counts. A hidden count is a bar of no length labelled as
 * the table prints it ("< 10"), so that it reads apart from a true zero, which has neither bar nor
 * label (a column of "0" beside every empty domain would crowd the chart and say nothing the table
 * does not). `value(series, count)` gives a data row's fields for one series; `labels` goes to the
 * chart's `valueLabelProps`.
 */
export function useBars() {
  const fmt = useFormat()
  const count = useCount()
  return {
    value: (series: string, c: PublishedCount | undefined) =>
      c && !('count' in c) ? { [series]: 0, [hiddenKey(series)]: count(c) } : { [series]: c?.count ?? 0 },
    labels: (series: { name: string }) => ({
      valueAccessor: (entry: { value?: unknown; payload?: unknown }) => {
        const hidden = (entry.payload as Record<string, string | undefined> | undefined)?.[hiddenKey(series.name)]
        return hidden ?? (typeof entry.value === 'number' && entry.value > 0 ? entry.value : undefined)
      },
      formatter: (v: unknown) => (typeof v === 'number' ? fmt.number(v) : String(v ?? '')),
    }),
  }
}

/**
 * A chart with nothing to draw (every count zero or hidden) would be an empty frame that looks
 * broken: say so instead, and leave the figures to the table.
 */
export function Chart({ drawable, children }: { drawable: boolean; children: ReactNode }) {
  const { t } = useTranslation()
  return drawable ? (
    <Box aria-hidden inert className="chart-figure">
      {children}
    </Box>
  ) : (
    <Text size="sm" c="gray.7" fs="italic" data-testid="chart-not-drawn">
      {t('indicators.nothingToDraw')}
    </Text>
  )
}

export function Block({ id, title, note, children }: { id: string; title: string; note?: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} data-testid={id}>
      <Title order={2} size="h4" id={id} mb={note ? 4 : 'sm'}>
        {title}
      </Title>
      {note ? (
        <Text size="sm" c="gray.7" mb="sm">
          {note}
        </Text>
      ) : null}
      <Stack gap="md">{children}</Stack>
    </Paper>
  )
}

/**
 * The figures of a two-way count: one row per key with its total, a total row under the columns.
 * The indicators and the yearly report print their cross tables with it.
 */
export function TwoWayTable({
  label,
  testId,
  className,
  rowHeading,
  rows,
  columns,
  table,
}: {
  label: string
  testId: string
  className?: string
  rowHeading: string
  rows: readonly { key: string; label: string }[]
  /** `short`: a column's heading on a phone, where the long one would push the totals out of view. */
  columns: readonly { key: string; label: string; short?: string }[]
  table: Pick<TwoWay, 'cells' | 'rowTotals' | 'columnTotals' | 'total'>
}) {
  const { t } = useTranslation()
  const count = useCount()
  const zero: PublishedCount = { count: 0 }
  return (
    <ScrollTable label={label} stack="figures">
      <Table verticalSpacing={4} horizontalSpacing="xs" className={className ? `tabular ${className}` : 'tabular'} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{rowHeading}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c.key} scope="col" ta="right">
                {c.short ? (
                  <>
                    <span className="column-long">{c.label}</span>
                    <span className="column-short" aria-hidden="true">
                      {c.short}
                    </span>
                  </>
                ) : (
                  c.label
                )}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="right">
              {t('indicators.total')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={400}>
                {r.label}
              </Table.Th>
              {columns.map((c, j) => (
                <Table.Td key={c.key} ta="right" className="nowrap">
                  {count(table.cells[i]?.[j] ?? zero)}
                </Table.Td>
              ))}
              <Table.Td ta="right" fw={700} className="nowrap">
                {count(table.rowTotals[i] ?? zero)}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">{t('indicators.total')}</Table.Th>
            {columns.map((c, j) => (
              <Table.Td key={c.key} ta="right" fw={700} className="nowrap">
                {count(table.columnTotals[j] ?? zero)}
              </Table.Td>
            ))}
            <Table.Td ta="right" fw={700} className="nowrap">
              {count(table.total)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </ScrollTable>
  )
}

/**
 * A two-way table with totals (accompaniments by kind and framework unless other labels are
 * given): a grouped bar chart for the eye, the table for the figures.
 */
export function KindFrameworkBlock({
  id,
  title,
  note,
  table,
  rowLabel,
  columnLabel,
  rowHeading,
  columnShort,
}: {
  id: string
  title: string
  note?: string
  table: TwoWay
  rowLabel?: (key: string) => string
  columnLabel?: (key: string) => string
  rowHeading?: string
  /** A column's shorter heading for the table on a phone (the chart's legend keeps the full one). */
  columnShort?: (key: string) => string
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const kind = rowLabel ?? ((k: string) => t(`accompaniment.kind.${k}`))
  const framework = columnLabel ?? ((f: string) => t(`accompaniment.framework.${f}`))
  const bars = useBars()
  const data = table.rows.map((r, i) => ({
    kind: axisLabel(kind(r)),
    ...Object.assign({}, ...table.columns.map((c, j) => bars.value(framework(c), table.cells[i]?.[j]))),
  }))
  const drawable = table.cells.some((row) => row.some((c) => (plotted(c) ?? 0) > 0))
  return (
    <Block id={id} title={title} note={note}>
      {/* Full width: the chart beside its table where there is room, above it on a phone; the table alone when nothing is drawn. */}
      <SimpleGrid cols={{ base: 1, md: drawable ? 2 : 1 }} spacing="lg">
        <Chart drawable={drawable}>
          <BarChart
            h={Math.max(220, table.rows.length * Math.max(44, table.columns.length * 16 + 8))}
            data={data}
            dataKey="kind"
            orientation="vertical"
            series={table.columns.map((c) => ({ name: framework(c), color: COLUMN_COLOR[c] ?? 'petrol.6' }))}
            withLegend
            withTooltip={false}
            withBarValueLabel
            valueLabelProps={bars.labels}
            valueFormatter={(v) => fmt.number(v)}
            xAxisProps={{ domain: BAR_DOMAIN }}
            barChartProps={LABEL_ROOM}
            yAxisProps={{ width: 130 }}
            gridAxis="none"
            withXAxis={false}
            maxBarWidth={22}
            accessibilityLayer={false}
            barProps={{ isAnimationActive: false }}
          />
        </Chart>
        <TwoWayTable
          label={t('indicators.tableOf', { title })}
          testId={`${id}-table`}
          className="indicators-two-way"
          rowHeading={rowHeading ?? t('indicators.kind')}
          rows={table.rows.map((r) => ({ key: r, label: kind(r) }))}
          columns={table.columns.map((c) => ({ key: c, label: framework(c), short: columnShort?.(c) }))}
          table={table}
        />
      </SimpleGrid>
    </Block>
  )
}

/** Counts by one key (an outcome, a session's status) and their total, when the counts add up to one. */
export function ListBlock({
  id,
  title,
  note,
  list,
  label,
  heading,
}: {
  id: string
  title: string
  note?: string
  list: List
  label: (key: string) => string
  heading: string
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const count = useCount()
  const bars = useBars()
  const data = list.keys.map((k, i) => ({ label: label(k), ...bars.value('count', list.counts[i]) }))
  const drawable = list.counts.some((c) => (plotted(c) ?? 0) > 0)
  return (
    <Block id={id} title={title} note={note}>
      <Chart drawable={drawable}>
        <BarChart
          h={Math.max(120, list.keys.length * 36)}
          data={data}
          dataKey="label"
          orientation="vertical"
          series={[{ name: 'count', color: 'petrol.6' }]}
          withTooltip={false}
          withBarValueLabel
          valueLabelProps={bars.labels}
          valueFormatter={(v) => fmt.number(v)}
          xAxisProps={{ domain: BAR_DOMAIN }}
          barChartProps={LABEL_ROOM}
          yAxisProps={{ width: 170 }}
          gridAxis="none"
          withXAxis={false}
          maxBarWidth={22}
          accessibilityLayer={false}
          barProps={{ isAnimationActive: false }}
        />
      </Chart>
      <ScrollTable label={t('indicators.tableOf', { title })}>
        <Table verticalSpacing={4} horizontalSpacing="sm" className="tabular" data-testid={`${id}-table`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{heading}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('indicators.count')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.keys.map((k, i) => (
              <Table.Tr key={k}>
                <Table.Th scope="row" fw={400}>
                  {label(k)}
                </Table.Th>
                <Table.Td ta="right" className="nowrap">
                  {count(list.counts[i] ?? { count: 0 })}
                </Table.Td>
              </Table.Tr>
            ))}
            {list.total ? (
              <Table.Tr>
                <Table.Th scope="row">{t('indicators.total')}</Table.Th>
                <Table.Td ta="right" fw={700} className="nowrap">
                  {count(list.total)}
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Block>
  )
}

/**
 * How long the accompaniments closed in the period lasted: two figures, so no chart (a bar for
 * one number tells the eye nothing the figure does not); the median is given only over enough cases.
 */
export function DurationBlock({ id, duration }: { id: string; duration: Indicators['duration'] }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const count = useCount()
  const none = 'count' in duration.cases && duration.cases.count === 0
  const median = none
    ? t('indicators.noneClosed')
    : duration.medianDays === null
      ? t('indicators.medianWithheld')
      : t('indicators.days', { count: duration.medianDays, n: fmt.number(duration.medianDays) })
  return (
    <Block id={id} title={t('indicators.duration')} note={t('indicators.durationNote')}>
      <SimpleGrid cols={2} spacing="md" component="dl" m={0} data-testid={`${id}-figures`}>
        <Stack gap={2}>
          <Text component="dt" size="sm" c="gray.7">
            {t('indicators.durationCases')}
          </Text>
          <Text component="dd" m={0} fz={26} fw={700} className="tabular">
            {count(duration.cases)}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text component="dt" size="sm" c="gray.7">
            {t('indicators.medianDays')}
          </Text>
          <Text component="dd" m={0} fz={duration.medianDays === null ? 'md' : 26} fw={700} className="tabular hyphenate">
            {median}
          </Text>
        </Stack>
      </SimpleGrid>
    </Block>
  )
}
