import { Badge, Button, Group, List, Table, Text, VisuallyHidden } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { AuditEntryView } from '../../../../common/contracts/audit.contracts'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { actionLabel } from './audit-vocabulary'

type Entry = z.infer<typeof AuditEntryView>

/** How many person codes a row shows before "+ n more". */
const SHOWN = 3

/**
 * The log's entries as the DPO reads them: the action's label and kind, the persons by code (the
 * one asked about first and marked), what the entry was about and for what purpose, the outcome,
 * and where the request came from. No route, URL or identifier of a record is shown.
 */
export function AuditTable({ items, personCode }: { items: Entry[]; personCode: string | null }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <ScrollTable label={t('audit.caption')}>
      <Table data-testid="audit-table" striped verticalSpacing="xs" horizontalSpacing="sm" fz="sm">
        <Table.Caption>{t('audit.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.seq')}</Table.Th>
            <Table.Th scope="col">{t('audit.at')}</Table.Th>
            <Table.Th scope="col">{t('audit.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.persons')}</Table.Th>
            <Table.Th scope="col">{t('audit.context')}</Table.Th>
            <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
            <Table.Th scope="col">{t('audit.origin')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.seq} data-action={e.action} data-kind={e.kind ?? undefined}>
              <Table.Td className="mono">{e.seq}</Table.Td>
              <Table.Td className="nowrap">{fmt.dateTimeShort(e.at)}</Table.Td>
              <Table.Td>
                {e.actorName ?? t('audit.system')}
                {e.actorRole ? (
                  <Text size="xs" c="gray.7">
                    {e.actorRole
                      .split(',')
                      .map((r) => t(`roles.${r}`, { defaultValue: r }))
                      .join(', ')}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {actionLabel(t, e.action)}
                {e.kind ? (
                  <Text size="xs" c="gray.7">
                    {t(`audit.kinds.${e.kind}`)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Persons seq={e.seq} codes={e.persons} marked={personCode} />
              </Table.Td>
              <Table.Td>
                {e.subjectType
                  ? t(`audit.subjects.${e.subjectType}`, { defaultValue: e.subjectType })
                  : e.persons.length > 0
                    ? t('audit.personsShown', { count: e.persons.length })
                    : '—'}
                {e.purpose ? (
                  <Text size="xs" c="gray.7">
                    {t('audit.purposeOf', { purpose: e.purpose })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" radius="sm" color={e.outcome === 'success' || e.outcome === 'ok' ? 'green' : 'orange'}>
                  {t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}
                </Badge>
              </Table.Td>
              <Table.Td>
                {e.clientIp ?? '—'}
                {e.requestId ? (
                  <Text size="xs" c="gray.7" className="mono nowrap">
                    {e.requestId}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  )
}

/** The persons of one entry by code; a caseload entry can name fifty, so the rest wait behind a button. */
function Persons({ seq, codes, marked }: { seq: number; codes: string[]; marked: string | null }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  if (codes.length === 0) return <>—</>
  const ordered = marked && codes.includes(marked) ? [marked, ...codes.filter((c) => c !== marked)] : codes
  const shown = open ? ordered : ordered.slice(0, SHOWN)
  const rest = ordered.length - SHOWN
  return (
    <Group gap={4} align="center" wrap="wrap" maw={260}>
      <List listStyleType="none" size="sm" spacing={0} data-testid="audit-persons">
        {shown.map((code) => (
          <List.Item key={code}>
            <Text component={code === marked ? 'strong' : 'span'} fz="sm" fw={code === marked ? 700 : undefined} className="mono nowrap">
              {code}
            </Text>
          </List.Item>
        ))}
      </List>
      {rest > 0 ? (
        <Button variant="subtle" size="compact-xs" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('audit.fewerPersons') : t('audit.morePersons', { count: rest })}
          <VisuallyHidden>{`, ${t('audit.ofEntry', { seq })}`}</VisuallyHidden>
        </Button>
      ) : null}
    </Group>
  )
}
