import { Badge, Group, Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ScrollTable } from '../../components/scroll-table'
import type { Tie } from './use-network'
import { sortTies, TIE_VALENCES, type TieValence, VALENCE_BADGE, VALENCE_STYLE } from './network-vocabulary'

/** A valence as a word with its sign, never as a colour alone. */
export function ValenceBadge({ valence }: { valence: TieValence }) {
  const { t } = useTranslation()
  return (
    <Badge variant="light" color={VALENCE_BADGE[valence]} leftSection={<span aria-hidden>{VALENCE_STYLE[valence].sign}</span>}>
      {t(`network.valence.${valence}`)}
    </Badge>
  )
}

function LineSample({ valence }: { valence: TieValence }) {
  const s = VALENCE_STYLE[valence]
  return (
    <svg width={44} height={14} aria-hidden focusable="false">
      <line
        x1={2}
        y1={7}
        x2={42}
        y2={7}
        stroke={s.color}
        strokeWidth={valence === 'harmful' ? 4 : 3}
        strokeDasharray={s.dash}
        strokeLinecap={valence === 'harmful' ? 'round' : 'butt'}
      />
    </svg>
  )
}

/** What the lines, signs and rings of the map mean. */
export function NetworkLegend({ comparing = false }: { comparing?: boolean }) {
  const { t } = useTranslation()
  return (
    <Stack gap={6} aria-label={t('network.legend.title')} role="group">
      <Text size="sm" fw={600}>
        {t('network.legend.title')}
      </Text>
      {TIE_VALENCES.map((v) => (
        <Group key={v} gap="xs" wrap="nowrap">
          <LineSample valence={v} />
          <Text size="sm">{t(`network.legend.${v}`)}</Text>
        </Group>
      ))}
      <Text size="sm" c="gray.7">
        {t('network.legend.rings')}
      </Text>
      {comparing ? (
        <>
          <Text size="sm" c="gray.7">
            {t('network.legend.gained')}
          </Text>
          <Text size="sm" c="gray.7">
            {t('network.legend.left')}
          </Text>
        </>
      ) : null}
    </Stack>
  )
}

/** The map's facts as a table: what a screen reader user (or a printout) gets instead of the picture. */
export function TieTable({ ties, label, testId }: { ties: Tie[]; label: string; testId?: string }) {
  const { t } = useTranslation()
  if (ties.length === 0) return <Text c="gray.7">{t('network.noTies')}</Text>
  return (
    <ScrollTable label={label}>
      <Table data-testid={testId} verticalSpacing="xs">
        <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }}>{label}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('network.field.name')}</Table.Th>
            <Table.Th scope="col">{t('network.field.kind')}</Table.Th>
            <Table.Th scope="col">{t('network.field.relation')}</Table.Th>
            <Table.Th scope="col">{t('network.field.strength')}</Table.Th>
            <Table.Th scope="col">{t('network.field.valence')}</Table.Th>
            <Table.Th scope="col">{t('network.field.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sortTies(ties).map((tie) => (
            <Table.Tr key={tie.id}>
              <Table.Th scope="row" fw={500}>
                {tie.name}
              </Table.Th>
              <Table.Td>{t(`network.kind.${tie.kind}`)}</Table.Td>
              <Table.Td>{t(`network.relation.${tie.relation}`)}</Table.Td>
              <Table.Td>{t(`network.strength.${tie.strength}`)}</Table.Td>
              <Table.Td>
                <ValenceBadge valence={tie.valence} />
              </Table.Td>
              <Table.Td>{tie.note ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  )
}
