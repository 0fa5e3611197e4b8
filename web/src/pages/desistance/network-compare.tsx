import { Group, List, NativeSelect, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconArrowDownRight, IconArrowUpRight } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { type Highlight, NetworkMap } from './network-map'
import { NetworkLegend } from './network-parts'
import { type NetworkComparison, type NetworkSnapshot, type Tie, useNetworkComparison } from './use-network'

/** One movement of the network: a count, what it means, and the ties behind it. */
function Movement({ count, label, ties, testId }: { count: number; label: string; ties: Tie[] | string[]; testId: string }) {
  const { t } = useTranslation()
  return (
    <Stack gap={4} data-testid={testId}>
      <Group gap="xs" align="baseline" wrap="nowrap">
        <Text fz={28} fw={700} lh={1}>
          {count}
        </Text>
        <Text fw={500}>{label}</Text>
      </Group>
      {ties.length ? (
        <List size="sm" spacing={2}>
          {ties.map((tie) =>
            typeof tie === 'string' ? (
              <List.Item key={tie}>{tie}</List.Item>
            ) : (
              <List.Item key={tie.id}>
                {tie.name}{' '}
                <Text span c="gray.7" size="sm">
                  ({t(`network.relation.${tie.relation}`)})
                </Text>
              </List.Item>
            ),
          )}
        </List>
      ) : null}
    </Stack>
  )
}

function changeLines(c: NetworkComparison, direction: 'better' | 'worse', t: (k: string, o?: Record<string, unknown>) => string) {
  return c.changed
    .filter((x) => x.direction === direction)
    .map((x) =>
      t('network.compare.changeLine', {
        name: x.tie.name,
        before: `${t(`network.valence.${x.before.valence}`)}, ${t(`network.strength.${x.before.strength}`)}`,
        after: `${t(`network.valence.${x.after.valence}`)}, ${t(`network.strength.${x.after.strength}`)}`,
      }),
    )
}

/**
 * Two snapshots side by side. What the person built (supportive ties gained, harmful ties left)
 * comes first and large; the movements the other way are shown as plainly, not hidden.
 */
export function NetworkCompare({
  accompanimentId,
  snapshots,
  from,
  to,
  onChange,
}: {
  accompanimentId: string
  snapshots: NetworkSnapshot[]
  from: string
  to: string
  onChange: (from: string, to: string) => void
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const cmp = useNetworkComparison(accompanimentId, from, to)
  const options = snapshots.map((s) => ({ value: s.id, label: fmt.day(s.takenOn) }))
  const a = snapshots.find((s) => s.id === from)
  const b = snapshots.find((s) => s.id === to)
  const c = cmp.data

  const leftMarks = new Map<string, Highlight>()
  const gainedMarks = new Map<string, Highlight>()
  if (c) {
    for (const tie of [...c.left.supportive, ...c.left.ambivalent, ...c.left.harmful]) leftMarks.set(tie.id, 'left')
    for (const tie of [...c.gained.supportive, ...c.gained.ambivalent, ...c.gained.harmful]) gainedMarks.set(tie.id, 'gained')
  }
  const ambivalent = c ? [...c.gained.ambivalent.map((x) => x.name), ...c.left.ambivalent.map((x) => x.name)] : []

  return (
    <Stack gap="lg">
      <Group align="flex-end">
        <NativeSelect
          label={t('network.compare.from')}
          data={options}
          value={from}
          onChange={(e) => onChange(e.currentTarget.value, to)}
          data-testid="compare-from"
        />
        <NativeSelect
          label={t('network.compare.to')}
          data={options}
          value={to}
          onChange={(e) => onChange(from, e.currentTarget.value)}
          data-testid="compare-to"
        />
      </Group>
      {from === to ? <Text c="gray.7">{t('network.compare.same')}</Text> : null}
      <ErrorAlert error={cmp.error} />
      {from !== to && cmp.isPending ? <Loading /> : null}
      {c && a && b ? (
        <>
          <Title order={3} size="h4">
            {t('network.compare.title', { from: fmt.date(c.from.takenOn), to: fmt.date(c.to.takenOn) })}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Paper withBorder p="md" radius="md" bg="green.0" data-testid="compare-progress">
              <Group gap="xs" mb="sm">
                <IconArrowUpRight size={20} aria-hidden color="var(--mantine-color-green-8)" />
                <Title order={4} size="h5">
                  {t('network.compare.progress')}
                </Title>
              </Group>
              <Stack gap="md">
                <Movement
                  count={c.summary.supportiveGained}
                  label={t('network.compare.supportiveGained', { count: c.summary.supportiveGained })}
                  ties={c.gained.supportive}
                  testId="supportive-gained"
                />
                <Movement
                  count={c.summary.harmfulLeft}
                  label={t('network.compare.harmfulLeft', { count: c.summary.harmfulLeft })}
                  ties={c.left.harmful}
                  testId="harmful-left"
                />
                {c.summary.changedBetter ? (
                  <Movement
                    count={c.summary.changedBetter}
                    label={t('network.compare.changedBetter', { count: c.summary.changedBetter })}
                    ties={changeLines(c, 'better', t)}
                    testId="changed-better"
                  />
                ) : null}
              </Stack>
            </Paper>
            <Paper withBorder p="md" radius="md" data-testid="compare-watch">
              <Group gap="xs" mb="sm">
                <IconArrowDownRight size={20} aria-hidden color="var(--mantine-color-gray-7)" />
                <Title order={4} size="h5">
                  {t('network.compare.watch')}
                </Title>
              </Group>
              <Stack gap="md">
                <Movement
                  count={c.summary.harmfulGained}
                  label={t('network.compare.harmfulGained', { count: c.summary.harmfulGained })}
                  ties={c.gained.harmful}
                  testId="harmful-gained"
                />
                <Movement
                  count={c.summary.supportiveLost}
                  label={t('network.compare.supportiveLost', { count: c.summary.supportiveLost })}
                  ties={c.left.supportive}
                  testId="supportive-lost"
                />
                {c.summary.changedWorse ? (
                  <Movement
                    count={c.summary.changedWorse}
                    label={t('network.compare.changedWorse', { count: c.summary.changedWorse })}
                    ties={changeLines(c, 'worse', t)}
                    testId="changed-worse"
                  />
                ) : null}
              </Stack>
            </Paper>
          </SimpleGrid>
          {ambivalent.length ? (
            <Text size="sm" c="gray.7">
              {t('network.compare.ambivalent', { gained: c.summary.ambivalentGained, left: c.summary.ambivalentLeft })}
            </Text>
          ) : null}
          <Text size="sm">
            {t('network.compare.totals', {
              before: c.summary.before.supportive,
              after: c.summary.after.supportive,
              harmfulBefore: c.summary.before.harmful,
              harmfulAfter: c.summary.after.harmful,
            })}
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Stack gap="xs">
              <Title order={4} size="h5" ta="center">
                {t('network.compare.mapOf', { date: fmt.date(a.takenOn) })}
              </Title>
              <NetworkMap ties={a.ties} takenOn={a.takenOn} highlight={leftMarks} testId="map-from" />
            </Stack>
            <Stack gap="xs">
              <Title order={4} size="h5" ta="center">
                {t('network.compare.mapOf', { date: fmt.date(b.takenOn) })}
              </Title>
              <NetworkMap ties={b.ties} takenOn={b.takenOn} highlight={gainedMarks} testId="map-to" />
            </Stack>
          </SimpleGrid>
          <NetworkLegend comparing />
        </>
      ) : null}
    </Stack>
  )
}
