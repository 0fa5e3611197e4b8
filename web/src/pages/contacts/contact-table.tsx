import { Anchor, Badge, Table, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { URGENCY_COLOR, type ContactSummary } from './vocabulary'

/** Contacts as a table: when, how, who called (kind, and the name when it was kept), urgency and what is decided. */
export function ContactTable({
  items,
  label,
  testId,
  action,
}: {
  items: ContactSummary[]
  label: string
  testId: string
  /** A last column of actions on each line (the queue's "call back now"). */
  action?: (c: ContactSummary) => ReactNode
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <ScrollTable label={label}>
      <Table data-testid={testId} striped highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
        <Table.Caption>{label}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('contacts.occurredAt')}</Table.Th>
            <Table.Th scope="col">{t('contacts.channel')}</Table.Th>
            <Table.Th scope="col">{t('contacts.caller')}</Table.Th>
            <Table.Th scope="col">{t('contacts.urgency')}</Table.Th>
            <Table.Th scope="col">{t('contacts.orientation')}</Table.Th>
            <Table.Th scope="col">{t('contacts.callback')}</Table.Th>
            <Table.Th scope="col">{t('contacts.status')}</Table.Th>
            {action ? <Table.Th scope="col">{t('contactQueue.action')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Th scope="row" className="nowrap">
                <Anchor component={Link} to={`/contacts/${c.id}`} fw={600}>
                  {fmt.dateTimeMinutes(c.occurredAt)}
                </Anchor>
              </Table.Th>
              <Table.Td>
                {t(`contacts.channels.${c.channel}`)}
                {c.direction === 'outgoing' ? (
                  <Text span c="gray.7" size="sm">
                    {' '}
                    · {t('contacts.directions.outgoing')}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {c.callerName ? (
                  <Text span fw={500}>
                    {c.callerName} ·{' '}
                  </Text>
                ) : null}
                {t(`contacts.kinds.${c.callerKind}`)}
                {c.callerSector ? ` (${t(`contacts.sectors.${c.callerSector}`)})` : ''}
              </Table.Td>
              <Table.Td>
                {c.dangerAt && !c.dangerAcknowledgedAt ? (
                  <Badge color="red" variant="filled" mb={4} leftSection={<IconAlertTriangle size={12} aria-hidden />}>
                    {t('contactQueue.dangerBadge')}
                  </Badge>
                ) : null}{' '}
                <Badge
                  color={URGENCY_COLOR[c.urgency]}
                  // Dark text on every badge: Mantine's light yellow, and the gray outline of "none",
                  // fail contrast on a striped row.
                  c="dark.8"
                  variant={c.urgency === 'none' ? 'outline' : 'light'}
                >
                  {t(`contacts.urgencies.${c.urgency}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{c.orientation ? t(`contacts.orientations.${c.orientation}`) : t('contacts.toDecide')}</Table.Td>
              <Table.Td className="nowrap">{c.callbackOn ? fmt.day(c.callbackOn) : '—'}</Table.Td>
              <Table.Td>
                <Badge color={c.status === 'draft' ? 'gray' : 'petrol'} variant="light">
                  {t(`contacts.statuses.${c.status}`)}
                </Badge>
              </Table.Td>
              {action ? <Table.Td className="nowrap">{action(c)}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  )
}
