import type { ExceptionStatus, ExceptionSummary, ExceptionView } from '../../../common/contracts/exceptions.contracts'
import type { Actor, AuditDraft, RequestContext, Trx } from '../../http/context'
import { type OpenedCase, visibleCases } from '../../security/case-access'
import type { OpenedContact } from '../../security/contact-access'

/**
 * The register's rule, stated once. The DPO reads the whole register. A lead reads the exceptions
 * of the cases they see (one visibility rule, through `visibleCases`) and those recorded on
 * contacts (the line is the service's, not a team's). Everyone else reaches an exception through
 * the case door (`casesExceptions`), or as its author (to correct it while it waits for a decision).
 */
function joined(trx: Trx) {
  return trx
    .selectFrom('confidentiality_exceptions as ce')
    .innerJoin('legal_bases as lb', 'lb.id', 'ce.legal_basis_id')
    .innerJoin('users as rec', 'rec.id', 'ce.recorded_by')
    .leftJoin('users as dec', 'dec.id', 'ce.decided_by')
}

/** Exceptions on contacts, or on a case the actor sees. */
function seen(trx: Trx, actor: Actor) {
  return joined(trx).where((eb) =>
    eb.or([eb('ce.accompaniment_id', 'is', null), eb('ce.accompaniment_id', 'in', visibleCases(trx, actor).select('accompaniments.id'))]),
  )
}

function registerScope(trx: Trx, actor: Actor) {
  return actor.roles.includes('dpo') ? joined(trx) : seen(trx, actor)
}

const SUMMARY = [
  'ce.id',
  'ce.accompaniment_id',
  'ce.contact_id',
  'ce.key_id',
  'ce.legal_basis_id',
  'lb.code as legal_basis_code',
  'ce.recipient_kind',
  'ce.disclosed_at',
  'ce.status',
  'ce.recorded_by',
  'rec.display_name as recorded_by_name',
  'ce.recorded_at',
  'dec.display_name as decided_by_name',
  'ce.decided_at',
  'ce.version',
] as const
const SEALED = ['ce.situation_sealed', 'ce.recipient_name_sealed', 'ce.disclosed_sealed', 'ce.refusal_reason_sealed'] as const

type SummaryRow = {
  id: string
  accompaniment_id: string | null
  contact_id: string | null
  key_id: string
  legal_basis_id: string
  legal_basis_code: string
  recipient_kind: ExceptionSummary['recipientKind']
  disclosed_at: string
  status: ExceptionStatus
  recorded_by: string
  recorded_by_name: string
  recorded_at: string
  decided_by_name: string | null
  decided_at: string | null
  version: number
}
type FullRow = SummaryRow & {
  situation_sealed: string
  recipient_name_sealed: string
  disclosed_sealed: string
  refusal_reason_sealed: string | null
}

const summary = (r: SummaryRow): ExceptionSummary => ({
  id: r.id,
  accompanimentId: r.accompaniment_id,
  contactId: r.contact_id,
  legalBasisId: r.legal_basis_id,
  legalBasisCode: r.legal_basis_code,
  recipientKind: r.recipient_kind,
  disclosedAt: r.disclosed_at,
  status: r.status,
  recordedBy: r.recorded_by,
  recordedByName: r.recorded_by_name,
  recordedAt: r.recorded_at,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
  version: r.version,
})

/** Opens the sealed fields with the key they were sealed with (recorded on the audit entry). */
async function full(ctx: RequestContext, trx: Trx, r: FullRow): Promise<ExceptionView> {
  const key = await ctx.codec.personKey(trx, r.key_id)
  const opened = ctx.codec.openRow('confidentiality_exceptions', key, r.id, r)
  return {
    ...summary(r),
    situation: opened.situation,
    recipientName: opened.recipient_name,
    disclosed: opened.disclosed,
    refusalReason: opened.refusal_reason,
  }
}

/**
 * The register as a lead or the DPO lists it: newest first, no sealed text. Each row's key holder
 * (a case's client, a contact) is recorded as shown: the list says that a disclosure about them exists.
 */
export async function registerList(
  trx: Trx,
  actor: Actor,
  audit: AuditDraft,
  filter: { status?: ExceptionStatus; limit: number; offset: number },
): Promise<ExceptionSummary[]> {
  let q = registerScope(trx, actor).select(SUMMARY)
  if (filter.status) q = q.where('ce.status', '=', filter.status)
  const rows = await q.orderBy('ce.recorded_at', 'desc').orderBy('ce.id').limit(filter.limit).offset(filter.offset).execute()
  audit.shows(rows.map((r) => r.key_id))
  return rows.map(summary)
}

/** One exception in full, for the register's readers, or for its author (who must still see its case). */
export async function registerEntry(
  ctx: RequestContext,
  trx: Trx,
  actor: Actor,
  id: string,
  as: 'register' | 'author',
): Promise<ExceptionView | undefined> {
  const base = as === 'register' ? registerScope(trx, actor) : seen(trx, actor).where('ce.recorded_by', '=', actor.userId)
  const row = await base
    .select([...SUMMARY, ...SEALED])
    .where('ce.id', '=', id)
    .executeTakeFirst()
  return row ? full(ctx, trx, row) : undefined
}

/** The exceptions of a case opened through the door, with their content, newest first. */
export async function casesExceptions(ctx: RequestContext, trx: Trx, acc: OpenedCase, id?: string): Promise<ExceptionView[]> {
  let q = joined(trx)
    .select([...SUMMARY, ...SEALED])
    .where('ce.accompaniment_id', '=', acc.id)
  if (id) q = q.where('ce.id', '=', id)
  const rows = await q.orderBy('ce.recorded_at', 'desc').orderBy('ce.id').limit(500).execute()
  return Promise.all(rows.map((r) => full(ctx, trx, r)))
}

/** The exceptions of a contact opened through the contact door, with their content, newest first. */
export async function contactsExceptions(ctx: RequestContext, trx: Trx, contact: OpenedContact, id?: string): Promise<ExceptionView[]> {
  let q = joined(trx)
    .select([...SUMMARY, ...SEALED])
    .where('ce.contact_id', '=', contact.id)
  if (id) q = q.where('ce.id', '=', id)
  const rows = await q.orderBy('ce.recorded_at', 'desc').orderBy('ce.id').limit(500).execute()
  return Promise.all(rows.map((r) => full(ctx, trx, r)))
}
