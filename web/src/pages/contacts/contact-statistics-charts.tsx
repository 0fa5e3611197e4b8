import { BarChart } from '@mantine/charts'
import { Box, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { operations } from '../../api/openapi'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'

/** As the API sends it (its records keyed by plain strings). */
export type Statistics = operations['getContactStatistics']['responses'][200]['content']['application/json']
export type Week = Statistics['weeks'][number]

/** Distinct colours for the stacked categories; every category also has its column in the table. */
const PALETTE = [
  'petrol.6',
  'orange.6',
  'grape.6',
  'green.7',
  'blue.6',
  'gray.6',
  'red.7',
  'cyan.8',
  'yellow.8',
  'pink.6',
  'indigo.6',
  'teal.8',
]

export type Category = { key: string; label: string }

/** Mantine colour name (`petrol.6`) → the CSS variable the swatch paints with. */
const cssColor = (color: string) => `var(--mantine-color-${color.replace('.', '-')})`

export function useWeekLabel() {
  const fmt = useFormat()
  return (week: string) => fmt.dayMonth(week, 'short')
}

/**
 * Contacts per week, stacked by category, with the same numbers in a table (weeks as rows): the
 * chart is hidden from assistive technologies and is never the only way to read a figure.
 */
export function WeeklyCard({
  id,
  title,
  weeks,
  categories,
  countOf,
  note,
}: {
  id: string
  title: string
  weeks: Week[]
  categories: Category[]
  countOf: (week: Week, key: string) => number
  note?: string
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const weekLabel = useWeekLabel()
  const total = (key: string) => weeks.reduce((a, w) => a + countOf(w, key), 0)
  const shown = categories.filter((c) => total(c.key) > 0)
  const color = new Map(categories.map((c, i) => [c.key, PALETTE[i % PALETTE.length] as string]))
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
      <Stack gap="md">
        {shown.length > 0 ? (
          <Box aria-hidden inert className="chart-figure">
            <BarChart
              h={180}
              type="stacked"
              data={weeks.map((w) => ({ week: weekLabel(w.week), ...Object.fromEntries(shown.map((c) => [c.label, countOf(w, c.key)])) }))}
              dataKey="week"
              series={shown.map((c) => ({ name: c.label, color: color.get(c.key) ?? 'gray.6' }))}
              withTooltip={false}
              gridAxis="y"
              yAxisProps={{ allowDecimals: false, width: 32 }}
              maxBarWidth={36}
              accessibilityLayer={false}
              barProps={{ isAnimationActive: false }}
            />
            <Group gap="md" mt="xs" wrap="wrap">
              {shown.map((c) => (
                <Group key={c.key} gap={6} wrap="nowrap">
                  <span className="swatch" style={{ background: cssColor(color.get(c.key) ?? 'gray.6') }} />
                  <Text size="sm">{c.label}</Text>
                </Group>
              ))}
            </Group>
          </Box>
        ) : (
          <Text c="gray.7">{t('contactStatistics.noContacts')}</Text>
        )}
        <ScrollTable label={t('contactStatistics.weeksTable', { title })} stack="figures">
          <Table verticalSpacing={4} horizontalSpacing="sm" className="tabular" data-testid={`${id}-table`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('contactStatistics.week')}</Table.Th>
                {categories.map((c) => (
                  <Table.Th key={c.key} scope="col" ta="right">
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {weeks.map((w) => (
                <Table.Tr key={w.week}>
                  <Table.Th scope="row" fw={400} className="nowrap">
                    {weekLabel(w.week)}
                  </Table.Th>
                  {categories.map((c) => (
                    <Table.Td key={c.key} ta="right">
                      {fmt.number(countOf(w, c.key))}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('contactStatistics.total')}</Table.Th>
                {categories.map((c) => (
                  <Table.Td key={c.key} ta="right" fw={700}>
                    {fmt.number(total(c.key))}
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Stack>
    </Paper>
  )
}

/** A group of headline figures under one title (a value may be "—" when nothing was measured). */
export function FigureGroup({
  id,
  title,
  items,
  note,
}: {
  id: string
  title: string
  items: { label: string; value: string; testId?: string }[]
  note?: string
}) {
  return (
    <Paper component="section" aria-labelledby={id} data-testid={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: items.length }} spacing="md" component="dl" m={0}>
        {items.map((i) => (
          <Stack key={i.label} gap={2} data-testid={i.testId}>
            <Text component="dt" size="sm" c="gray.7">
              {i.label}
            </Text>
            <Text component="dd" m={0} fz={26} fw={700} className="tabular">
              {i.value}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      {note ? (
        <Text size="sm" c="gray.7" mt="sm">
          {note}
        </Text>
      ) : null}
    </Paper>
  )
}
