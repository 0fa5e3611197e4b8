import { Button, Grid, Group, NativeSelect, SegmentedControl, Stack, Text, Title } from '@mantine/core'
import { IconCopy, IconPencil, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccompanimentView } from '../../../../common/contracts/accompaniments.contracts'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { NetworkCompare } from './network-compare'
import { NetworkEditor } from './network-editor'
import { NetworkMap } from './network-map'
import { NetworkLegend, TieTable } from './network-parts'
import { type NetworkSnapshot, useNetwork } from './use-network'

type Editing = { snapshot: NetworkSnapshot | null; copyOf: NetworkSnapshot | null }

/**
 * The network map of the case: who is around the person at a given date, and — across two
 * snapshots — the supportive ties gained and the harmful ties left behind.
 */
export function NetworkPanel({ a, canWrite }: { a: AccompanimentView; canWrite: boolean }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const network = useNetwork(a.id)
  const [selected, setSelected] = useState<string | null>(null)
  const [view, setView] = useState<'map' | 'compare'>('map')
  const [pair, setPair] = useState<{ from: string; to: string } | null>(null)
  const [editing, setEditing] = useState<Editing | null>(null)
  const writable = canWrite && a.status !== 'closed' && a.access !== 'emergency'

  const items = network.data?.items ?? []
  const latest = items[0] ?? null
  const first = items.at(-1) ?? null
  const current = items.find((s) => s.id === selected) ?? latest
  const compare = pair ?? (first && latest ? { from: first.id, to: latest.id } : null)

  if (network.isPending) return <Loading />
  return (
    <Stack gap="md" data-testid="network-panel">
      <ErrorAlert error={network.error} />
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={3} size="h4">
            {t('network.title')}
          </Title>
          <Text size="sm" c="gray.7">
            {t('network.intro')}
          </Text>
        </Stack>
        {writable ? (
          <Group gap="xs">
            {current && view === 'map' ? (
              <Button
                variant="default"
                leftSection={<IconPencil size={18} aria-hidden />}
                onClick={() => setEditing({ snapshot: current, copyOf: null })}
              >
                {t('network.edit')}
              </Button>
            ) : null}
            <Button
              leftSection={latest ? <IconCopy size={18} aria-hidden /> : <IconPlus size={18} aria-hidden />}
              onClick={() => setEditing({ snapshot: null, copyOf: latest })}
              data-testid="network-new"
            >
              {latest ? t('network.newFromLatest') : t('network.first')}
            </Button>
          </Group>
        ) : null}
      </Group>

      {items.length === 0 ? (
        <Text c="gray.7" data-testid="network-empty">
          {t('network.empty')}
        </Text>
      ) : (
        <>
          <Group align="flex-end" gap="md">
            <SegmentedControl
              aria-label={t('network.view.label')}
              value={view}
              onChange={(v) => setView(v as 'map' | 'compare')}
              data={[
                { value: 'map', label: t('network.view.map') },
                { value: 'compare', label: t('network.view.compare'), disabled: items.length < 2 },
              ]}
              data-testid="network-view"
            />
            {view === 'map' && current ? (
              <NativeSelect
                label={t('network.snapshotLabel')}
                value={current.id}
                onChange={(e) => setSelected(e.currentTarget.value)}
                data={items.map((s) => ({
                  value: s.id,
                  label: t('network.snapshotOption', { date: fmt.date(s.takenOn), count: s.ties.length }),
                }))}
                data-testid="network-snapshot"
              />
            ) : null}
          </Group>
          {items.length < 2 ? (
            <Text size="sm" c="gray.7">
              {t('network.compare.needTwo')}
            </Text>
          ) : null}

          {view === 'map' && current ? (
            <Grid gap="lg">
              <Grid.Col span={{ base: 12, lg: 7 }}>
                <NetworkMap ties={current.ties} takenOn={current.takenOn} testId="network-map" />
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 5 }}>
                <Stack gap="md">
                  <NetworkLegend />
                  {current.note ? (
                    <Stack gap={2}>
                      <Text size="sm" fw={600}>
                        {t('network.editor.note')}
                      </Text>
                      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                        {current.note}
                      </Text>
                    </Stack>
                  ) : null}
                  <Text size="xs" c="gray.7">
                    {t('network.recordedBy', { name: current.createdBy, date: fmt.date(current.createdAt.slice(0, 10)) })}
                  </Text>
                </Stack>
              </Grid.Col>
              <Grid.Col span={12}>
                <TieTable ties={current.ties} label={t('network.tableLabel', { date: fmt.date(current.takenOn) })} testId="network-ties" />
              </Grid.Col>
            </Grid>
          ) : null}
          {view === 'compare' && compare ? (
            <NetworkCompare
              accompanimentId={a.id}
              snapshots={items}
              from={compare.from}
              to={compare.to}
              onChange={(from, to) => setPair({ from, to })}
            />
          ) : null}
        </>
      )}

      {editing ? (
        <NetworkEditor
          accompanimentId={a.id}
          snapshot={editing.snapshot}
          copyOf={editing.copyOf}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null)
            setSelected(saved.id)
            setPair(null)
            setView('map')
          }}
        />
      ) : null}
    </Stack>
  )
}
