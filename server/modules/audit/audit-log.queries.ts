import { sql } from 'kysely'
import { AUDIT_ACTION_NAMES, AUDIT_ACTIONS, type AuditAction, type AuditKind, isAuditAction } from '../../../common/audit-actions'
import type { Trx } from '../../http/context'
import { subjectKey, subjectReferences } from '../../security/audit-subjects'
import { personCodes } from '../../security/person-access'

export type LogFilter = {
  /** Entries that showed or changed this person: read from the persons index, list reads included. */
  personId?: string
  /** Entries that showed or changed any of these persons (a name can match more than one). */
  personIds?: string[]
  actorId?: string
  kind?: AuditKind
  action?: AuditAction
  /** Calendar days, both included (UTC). */
  from?: string
  to?: string
}

export const actionsOfKind = (kind: AuditKind): AuditAction[] => AUDIT_ACTION_NAMES.filter((a) => AUDIT_ACTIONS[a] === kind)

/**
 * One page of the log, newest first, and how many entries match. A person filter starts at the
 * persons index (audit_persons, whose key is person then entry number) and walks it backwards,
 * so the log is reached entry by entry and never read whole; an actor filter uses the actor
 * index the same way.
 */
export async function readLog(trx: Trx, f: LogFilter, page: { limit: number; offset: number }) {
  const q = trx
    .selectFrom('audit_log as a')
    // The join changes the builder's type, which only $if allows; $if does not narrow the filter in its callback.
    .$if(!!f.personId, (qb) => qb.innerJoin('audit_persons as p', 'p.seq', 'a.seq').where('p.person_id', '=', f.personId as string))
    // Several persons: each entry once, however many of them it names.
    .$call((qb) =>
      f.personIds?.length
        ? qb.where('a.seq', 'in', (eb) =>
            eb.selectFrom('audit_persons').select('audit_persons.seq').where('audit_persons.person_id', 'in', f.personIds!),
          )
        : qb,
    )
    .$call((qb) => (f.actorId ? qb.where('a.actor_id', '=', f.actorId) : qb))
    .$call((qb) => (f.kind ? qb.where('a.action', 'in', actionsOfKind(f.kind)) : qb))
    .$call((qb) => (f.action ? qb.where('a.action', '=', f.action) : qb))
    .$call((qb) => (f.from ? qb.where('a.at', '>=', f.from) : qb))
    .$call((qb) => (f.to ? qb.where('a.at', '<', nextDay(f.to)) : qb))
  const [rows, total] = await Promise.all([
    q
      .leftJoin('users as u', 'u.id', 'a.actor_id')
      .select([
        'a.seq',
        'a.at',
        'a.actor_id',
        'u.display_name',
        'a.actor_role',
        'a.action',
        'a.subject_type',
        'a.subject_id',
        'a.person_id',
        'a.persons',
        'a.purpose',
        'a.outcome',
        'a.request_id',
        'a.client_ip',
      ])
      // The same order, named on the index the query starts from.
      .orderBy(sql.ref(f.personId ? 'p.seq' : 'a.seq'), 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const personsOf = (r: (typeof rows)[number]) => (r.persons ? r.persons.split(',') : r.person_id ? [r.person_id] : [])
  const subjects = rows.flatMap((r) => (r.subject_type && r.subject_id ? [{ type: r.subject_type, id: r.subject_id }] : []))
  const [codes, refs] = await Promise.all([personCodes(trx, rows.flatMap(personsOf)), subjectReferences(trx, subjects)])
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.display_name ?? null,
      actorRole: r.actor_role,
      action: r.action,
      kind: isAuditAction(r.action) ? AUDIT_ACTIONS[r.action] : null,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      subjectRef: r.subject_type && r.subject_id ? (refs.get(subjectKey({ type: r.subject_type, id: r.subject_id })) ?? null) : null,
      persons: personsOf(r).flatMap((id) => codes.get(id) ?? []),
      purpose: r.purpose,
      outcome: r.outcome,
      requestId: r.request_id,
      clientIp: r.client_ip,
    })),
  }
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString()
}
