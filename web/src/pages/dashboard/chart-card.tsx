import { BarChart, DonutChart } from '@mantine/charts'
import { Box, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'

export interface Slice {
  key: string
  label: string
  count: number
  color: string
}

/** Mantine colour name (`petrol.6`) → the CSS variable the swatch paints with. */
const cssColor = (color: string) => `var(--mantine-color-${color.replace('.', '-')})`

/**
 * A chart for the eye, with the same numbers in a table beside it: the chart is hidden from
 * assistive technologies and is never the only way to read a figure.
 */
export function ChartCard({
  id,
  title,
  slices,
  type,
  empty,
}: {
  id: string
  title: string
  slices: Slice[]
  type: 'donut' | 'bar'
  empty: string
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const total = slices.reduce((a, s) => a + s.count, 0)
  const shown = slices.filter((s) => s.count > 0)
  return (
    <Paper component="section" aria-labelledby={id} data-testid={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {total === 0 ? (
        <Text c="gray.7">{empty}</Text>
      ) : (
        <Group align="center" gap="lg" wrap="wrap">
          <Box aria-hidden inert className="chart-figure">
            {type === 'donut' ? (
              <DonutChart
                data={shown.map((s) => ({ name: s.label, value: s.count, color: s.color }))}
                size={150}
                thickness={26}
                withTooltip={false}
                chartLabel={fmt.number(total)}
                accessibilityLayer={false}
                pieProps={{ isAnimationActive: false, rootTabIndex: -1 }}
              />
            ) : (
              <BarChart
                h={Math.max(100, shown.length * 44)}
                w={240}
                maxBarWidth={28}
                data={shown.map((s) => ({ label: s.label, count: s.count, color: s.color }))}
                dataKey="label"
                orientation="vertical"
                series={[{ name: 'count', color: 'petrol.6' }]}
                getBarColor={(_v, _s) => 'petrol.6'}
                withTooltip={false}
                withXAxis={false}
                yAxisProps={{ width: 110 }}
                gridAxis="none"
                withBarValueLabel
                accessibilityLayer={false}
                barProps={{ isAnimationActive: false }}
              />
            )}
          </Box>
          {/* A long word ("d'accompagnement", "Zugangsvoraussetzungen") breaks rather than push the table past a phone's card. */}
          <Table className="chart-table" w="auto" verticalSpacing={4} horizontalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" className="hyphenate">
                  {title}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('dashboard.count')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {slices.map((s) => (
                <Table.Tr key={s.key}>
                  <Table.Th scope="row" fw={400}>
                    <Group gap={8} wrap="nowrap">
                      {type === 'donut' ? <span aria-hidden className="swatch" style={{ background: cssColor(s.color) }} /> : null}
                      <span className="hyphenate">{s.label}</span>
                    </Group>
                  </Table.Th>
                  <Table.Td ta="right" className="tabular">
                    {fmt.number(s.count)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Group>
      )}
    </Paper>
  )
}

/** A headline figure: a number and what it counts, optionally a link to act on it. */
export function Figure({ label, value, icon, testId }: { label: string; value: number; icon?: ReactNode; testId?: string }) {
  const fmt = useFormat()
  return (
    <Paper data-testid={testId}>
      <Stack gap={2}>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <span className="figure-icon">{icon}</span>
          <Text size="sm" c="gray.7">
            {label}
          </Text>
        </Group>
        <Text fz={28} fw={700} className="tabular">
          {fmt.number(value)}
        </Text>
      </Stack>
    </Paper>
  )
}
