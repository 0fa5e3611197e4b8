import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ScrollTable } from '../../components/scroll-table'
import { useMedia } from '../../components/use-media'
import { useFormat } from '../../i18n/format'
import { URGENCY_COLOR, type ContactSummary } from './vocabulary'

/**
 * Contacts as a table: when and how, who called (kind, and the name when it was kept), urgency
 * and state, what is decided and the call-back. From 64em (1,024 px) up, four columns fit beside
 * the side bar in every language (the queue's actions get a fifth from `lg`, and sit under the
 * orientation before); below, a phone's two: when, and the rest in the caller's cell. Each layout
 * renders alone, so every label is in the page once.
 */
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
  const compact = useMedia('(max-width: 63.99em)')
  // Below `lg` the queue's actions go under the orientation instead of a column of their own.
  const roomy = useMedia('(min-width: 75em)')
  const actionColumn = Boolean(action) && roomy

  const when = (c: ContactSummary) => (
    <Table.Th scope="row">
      {/* On a phone the time may go under the date. */}
      <Anchor component={Link} to={`/contacts/${c.id}`} fw={600} className={compact ? undefined : 'nowrap'}>
        {fmt.dateTimeShort(c.occurredAt)}
      </Anchor>
      <Text size="sm" c="gray.7" fw={400}>
        {t(`contacts.channels.${c.channel}`)}
        {c.direction === 'outgoing' ? ` · ${t('contacts.directions.outgoing')}` : ''}
      </Text>
    </Table.Th>
  )
  const caller = (c: ContactSummary) => (
    <div>
      {c.callerName ? (
        <Text span fw={500}>
          {c.callerName} ·{' '}
        </Text>
      ) : null}
      {t(`contacts.kinds.${c.callerKind}`)}
      {c.callerSector ? ` (${t(`contacts.sectors.${c.callerSector}`)})` : ''}
    </div>
  )
  const badges = (c: ContactSummary) => (
    // On a 320 px phone "Innerhalb von 48 Stunden" takes two lines rather than widen the column.
    <Group gap={6} className="badges-wrap">
      {c.dangerAt && !c.dangerAcknowledgedAt ? (
        <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
          {t('contactQueue.dangerBadge')}
        </Badge>
      ) : null}
      <Badge
        color={URGENCY_COLOR[c.urgency]}
        // Dark text on every badge: Mantine's light yellow, and the gray outline of "none",
        // fail contrast on a striped row.
        c="dark.8"
        variant={c.urgency === 'none' ? 'outline' : 'light'}
      >
        {t(`contacts.urgencies.${c.urgency}`)}
      </Badge>
      <Badge color={c.status === 'draft' ? 'gray' : 'petrol'} variant="light">
        {t(`contacts.statuses.${c.status}`)}
      </Badge>
    </Group>
  )
  const orientation = (c: ContactSummary) => (c.orientation ? t(`contacts.orientations.${c.orientation}`) : t('contacts.toDecide'))
  const callback = (c: ContactSummary) =>
    c.callbackOn ? (
      <Text size="sm" c="gray.7">
        {t('contacts.callbackOn', { date: fmt.day(c.callbackOn) })}
      </Text>
    ) : null

  return (
    <ScrollTable label={label}>
      <Table data-testid={testId} striped highlightOnHover verticalSpacing="sm" horizontalSpacing="sm">
        <Table.Caption>{label}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('contacts.occurredAt')}</Table.Th>
            {compact ? (
              <Table.Th scope="col">{t('contacts.contact')}</Table.Th>
            ) : (
              <>
                <Table.Th scope="col">{t('contacts.caller')}</Table.Th>
                <Table.Th scope="col">{t('contacts.urgencyAndStatus')}</Table.Th>
                <Table.Th scope="col">{t('contacts.orientation')}</Table.Th>
                {actionColumn ? <Table.Th scope="col">{t('contactQueue.action')}</Table.Th> : null}
              </>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              {when(c)}
              {compact ? (
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    {caller(c)}
                    <Text size="sm" c="gray.7">
                      {orientation(c)}
                    </Text>
                    {callback(c)}
                    {badges(c)}
                    {action?.(c)}
                  </Stack>
                </Table.Td>
              ) : (
                <>
                  <Table.Td>{caller(c)}</Table.Td>
                  <Table.Td>{badges(c)}</Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <div>
                        {orientation(c)}
                        {callback(c)}
                      </div>
                      {actionColumn ? null : action?.(c)}
                    </Stack>
                  </Table.Td>
                  {actionColumn ? <Table.Td>{action?.(c)}</Table.Td> : null}
                </>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  )
}
