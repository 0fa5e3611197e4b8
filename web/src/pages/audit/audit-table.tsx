import { Anchor, Badge, Button, Group, List, Table, Text, VisuallyHidden } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { z } from 'zod'
import type { AuditEntryView } from '../../../../common/contracts/audit.contracts'
import { ScrollTable } from '../../components/scroll-table'
import { can, useMe } from '../../auth/use-me'
import { useFormat } from '../../i18n/format'
import { hasReference, originKind } from './audit-origin'
import { actionLabel, subjectLabel, subjectPath } from './audit-vocabulary'

type Entry = z.infer<typeof AuditEntryView>

/** How many person codes a row shows before "+ n more". */
const SHOWN = 3

/**
 * The log's entries as the DPO reads them: the action's label and kind, the persons by code (the
 * ones asked about first and marked), what the entry was about (a case or person code, a staff
 * name) and for what purpose, the outcome, and where the request came from (the web app and its
 * address, a background job, the command line…). No route, URL or internal identifier of a record
 * is shown; a request's reference, which a user reads on an error, opens on demand.
 */
export function AuditTable({ items, marked }: { items: Entry[]; marked: string[] }) {
  const { t } = useTranslation()
  return (
    <ScrollTable label={t('audit.caption')} stack="fields">
      {(folded) => <EntriesTable items={items} marked={marked} folded={folded} />}
    </ScrollTable>
  )
}

/**
 * Eight columns, or five where they do not fit (French needs about 900 px, German 1,150): the
 * entry's number under its time, the origin under the user, the outcome under the action.
 */
function EntriesTable({ items, marked, folded }: { items: Entry[]; marked: string[]; folded: boolean }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const both = (a: string, b: string) => (folded ? `${t(a)} · ${t(b)}` : t(a))
  return (
    <Table data-testid="audit-table" data-folded={folded || undefined} striped verticalSpacing="xs" horizontalSpacing="sm" fz="sm">
      <Table.Caption>{t('audit.caption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {folded ? null : <Table.Th scope="col">{t('audit.seq')}</Table.Th>}
          <Table.Th scope="col">{both('audit.at', 'audit.seq')}</Table.Th>
          <Table.Th scope="col">{both('audit.actor', 'audit.origin')}</Table.Th>
          <Table.Th scope="col">{both('audit.action', 'audit.outcome')}</Table.Th>
          <Table.Th scope="col">{t('audit.persons')}</Table.Th>
          <Table.Th scope="col">{t('audit.context')}</Table.Th>
          {folded ? null : <Table.Th scope="col">{t('audit.outcome')}</Table.Th>}
          {folded ? null : <Table.Th scope="col">{t('audit.origin')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((e) => {
          const outcome = (
            <Badge variant="light" radius="sm" color={e.outcome === 'success' || e.outcome === 'ok' ? 'green' : 'orange'}>
              {t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}
            </Badge>
          )
          return (
            <Table.Tr key={e.seq} data-action={e.action} data-kind={e.kind ?? undefined}>
              {folded ? null : (
                <Table.Td className="mono" data-column="seq">
                  {e.seq}
                </Table.Td>
              )}
              <Table.Td className="nowrap" data-column="at">
                {fmt.dateTimeShort(e.at)}
                {folded ? (
                  <Text size="xs" c="gray.7" className="mono">
                    {t('audit.seqOf', { seq: e.seq })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td data-column="actor">
                {e.actorName ?? t('audit.system')}
                {e.actorRole ? (
                  <Text size="xs" c="gray.7">
                    {e.actorRole
                      .split(',')
                      .map((r) => t(`roles.${r}`, { defaultValue: r }))
                      .join(', ')}
                  </Text>
                ) : null}
                {folded ? <Origin e={e} /> : null}
              </Table.Td>
              <Table.Td data-column="action">
                {actionLabel(t, e.action)}
                {e.kind ? (
                  <Text size="xs" c="gray.7">
                    {t(`audit.kinds.${e.kind}`)}
                  </Text>
                ) : null}
                {folded ? <div>{outcome}</div> : null}
              </Table.Td>
              <Table.Td data-column="persons">
                <Persons seq={e.seq} codes={e.persons} marked={marked} />
              </Table.Td>
              <Table.Td data-column="context">
                {e.subjectType ? <Subject e={e} /> : e.persons.length > 0 ? t('audit.personsShown', { count: e.persons.length }) : '—'}
                {e.purpose ? (
                  <Text size="xs" c="gray.7">
                    {t('audit.purposeOf', { purpose: e.purpose })}
                  </Text>
                ) : null}
              </Table.Td>
              {folded ? null : <Table.Td data-column="outcome">{outcome}</Table.Td>}
              {folded ? null : (
                <Table.Td data-column="origin">
                  <Origin e={e} />
                </Table.Td>
              )}
            </Table.Tr>
          )
        })}
      </Table.Tbody>
    </Table>
  )
}

/**
 * What an entry was about: the kind of record and how the service names it (a code, a staff
 * name, a contact's time). A code opens the record for a role that may open it; for the DPO it
 * is plain text.
 */
function Subject({ e }: { e: Entry }) {
  const { t, i18n } = useTranslation()
  const fmt = useFormat()
  const me = useMe()
  const label = subjectLabel(t, i18n, e.subjectType ?? '')
  if (!e.subjectRef) return <>{label}</>
  if (e.subjectType === 'contact') return <>{t('auditReadable.contactAt', { at: fmt.dateTimeShort(e.subjectRef) })}</>
  const coded = e.subjectType === 'accompaniment' || e.subjectType === 'person' || e.subjectType === 'referral'
  if (!coded) return <>{`${label} · ${e.subjectRef}`}</>
  const path = subjectPath((p) => can(me.data, p), e)
  return (
    <span data-testid="audit-subject">
      {label}{' '}
      {path ? (
        <Anchor component={Link} to={path} className="mono nowrap">
          {e.subjectRef}
        </Anchor>
      ) : (
        <span className="mono nowrap">{e.subjectRef}</span>
      )}
    </span>
  )
}

/** Where the entry came from, in words; the request's reference (quoted by a user from an error message) on demand. */
function Origin({ e }: { e: Entry }) {
  const { t } = useTranslation()
  const kind = originKind(e.requestId)
  return (
    <div data-testid="audit-origin">
      <Text fz="sm" className="nowrap">
        {kind ? t(`auditOrigin.kinds.${kind}`) : '—'}
      </Text>
      {kind === 'web' && e.clientIp ? (
        <Text size="xs" c="gray.7" className="mono nowrap">
          {e.clientIp}
        </Text>
      ) : null}
      {e.requestId && hasReference(kind) ? (
        <details>
          <summary>
            <Text span size="xs">
              {t('auditOrigin.reference')}
            </Text>
            <VisuallyHidden>{`, ${t('audit.ofEntry', { seq: e.seq })}`}</VisuallyHidden>
          </summary>
          <Text size="xs" className="mono" style={{ overflowWrap: 'anywhere' }}>
            {e.requestId}
          </Text>
        </details>
      ) : null}
    </div>
  )
}

/** The persons of one entry by code; a caseload entry can name fifty, so the rest wait behind a button. */
function Persons({ seq, codes, marked }: { seq: number; codes: string[]; marked: string[] }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  if (codes.length === 0) return <>—</>
  const ordered = [...codes.filter((c) => marked.includes(c)), ...codes.filter((c) => !marked.includes(c))]
  const shown = open ? ordered : ordered.slice(0, SHOWN)
  const rest = ordered.length - SHOWN
  return (
    <Group gap={4} align="center" wrap="wrap" maw={260}>
      <List listStyleType="none" size="sm" spacing={0} data-testid="audit-persons">
        {shown.map((code) => (
          <List.Item key={code}>
            <Text
              component={marked.includes(code) ? 'strong' : 'span'}
              fz="sm"
              fw={marked.includes(code) ? 700 : undefined}
              className="mono nowrap"
            >
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
