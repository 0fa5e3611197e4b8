import crypto from 'node:crypto'
import {
  RETENTION_KINDS,
  RETENTION_SKIP_REASONS,
  type RetentionKind,
  type RetentionReport,
  type RetentionRunView,
  type RetentionSkipReason,
} from '../../../common/contracts/retention.contracts'
import type { Trx } from '../../http/context'
import { fail } from '../../http/errors'
import type { DocumentRef } from '../../security/document-store'
import { dpoCases, dpoPersonsCases } from '../../security/dpo-door'
import { anonymiseContact, anonymiseDpoRequest, erasePerson } from '../../security/person-erasure'
import { serviceToday } from '../../time/service-day'
import { retentionDue } from './retention.due'

type Codec = { shredKey(trx: Trx, keyId: string): Promise<void> }
type Counts = { kind: RetentionKind; months: number | null; due: number; held: number }[]

/**
 * Proposes a run: the whole due list of now (held items apart, as the dry run shows them), by id.
 * A pending proposal is replaced (cancelled), so that what the DPO approves is the latest list;
 * the daily job passes `keepPending` and proposes nothing while one waits. Nothing due: no run.
 */
export async function proposeRun(
  trx: Trx,
  now: string,
  proposedBy: string | null,
  keepPending = false,
): Promise<{ id: string; items: number } | null> {
  const pending = await trx.selectFrom('retention_runs').select(['id', 'version']).where('status', '=', 'proposed').execute()
  if (keepPending && pending.length) return null
  const due = await retentionDue(trx, now, Number.POSITIVE_INFINITY)
  const items = due.items.filter((i) => !i.held)
  if (items.length === 0 && keepPending) return null
  for (const p of pending)
    await trx
      .updateTable('retention_runs')
      .set({ status: 'cancelled', version: p.version + 1 })
      .where('id', '=', p.id)
      .execute()
  const id = crypto.randomUUID()
  await trx
    .insertInto('retention_runs')
    .values({
      id,
      status: 'proposed',
      as_of: due.asOf,
      counts: JSON.stringify(due.kinds.map((k) => ({ kind: k.kind, months: k.months, due: k.due, held: k.held }))),
      report: null,
      proposed_by: proposedBy,
      proposed_at: now,
      approved_by: null,
      approved_at: null,
      executed_at: null,
      version: 1,
    })
    .execute()
  // Batched: a backlog of many thousand items is one statement per few hundred.
  for (let i = 0; i < items.length; i += 500)
    await trx
      .insertInto('retention_run_items')
      .values(
        items.slice(i, i + 500).map((it) => ({
          run_id: id,
          item_id: it.id,
          kind: it.kind,
          subject: it.subject,
          outcome: null,
          skip_reason: null,
        })),
      )
      .execute()
  return { id, items: items.length }
}

/** The DPO approves a proposed run (its version): it is then carried out in the same transaction. */
export async function approveRun(
  trx: Trx,
  codec: Codec,
  runId: string,
  expected: number,
  approvedBy: string | null,
  now: string,
): Promise<{ report: RetentionReport; personIds: string[]; documents: DocumentRef[] }> {
  const run = await trx.selectFrom('retention_runs').select(['status', 'version']).where('id', '=', runId).executeTakeFirst()
  if (!run) throw fail('resource.not_found')
  if (run.status !== 'proposed') throw fail('state.invalid_transition')
  if (run.version !== expected) throw fail('version.mismatch')
  const done = await trx
    .updateTable('retention_runs')
    .set({ status: 'approved', approved_by: approvedBy, approved_at: now, version: expected + 1 })
    .where('id', '=', runId)
    .where('version', '=', expected)
    .where('status', '=', 'proposed')
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) !== 1) throw fail('version.mismatch')
  return executeRun(trx, codec, runId, now)
}

/**
 * Carries out an approved run. Each item is checked again against the due list of now: one no
 * longer due or held since the proposal is skipped with that reason. A case is erased only with
 * its person, and a person only when every case of theirs is due in this run: their key is then
 * shredded (the one erasure, `erasePerson`). Contacts and requests are anonymised in place.
 */
export async function executeRun(
  trx: Trx,
  codec: Codec,
  runId: string,
  now: string,
): Promise<{ report: RetentionReport; personIds: string[]; documents: DocumentRef[] }> {
  const run = await trx.selectFrom('retention_runs').select(['status', 'version', 'as_of']).where('id', '=', runId).executeTakeFirst()
  if (!run) throw fail('resource.not_found')
  if (run.status !== 'approved') throw fail('state.invalid_transition')
  const items = await trx.selectFrom('retention_run_items').selectAll().where('run_id', '=', runId).execute()
  const current = new Map((await retentionDue(trx, now, Number.POSITIVE_INFINITY)).items.map((i) => [i.id, i]))
  const outcome = new Map<string, { outcome: 'erased' | 'anonymised' | 'skipped'; reason: RetentionSkipReason | null }>()
  const skip = (id: string, reason: RetentionSkipReason) => outcome.set(id, { outcome: 'skipped', reason })

  const live: typeof items = []
  for (const it of items) {
    const now_ = current.get(it.item_id)
    if (!now_) skip(it.item_id, 'no_longer_due')
    else if (now_.held) skip(it.item_id, 'held')
    else live.push(it)
  }

  // Cases: by person, all or nothing.
  const caseIds = live.filter((i) => i.subject === 'case').map((i) => i.item_id)
  const cases = new Map((await dpoCases(trx, caseIds)).map((c) => [c.id, c]))
  const byPerson = await dpoPersonsCases(trx, caseIds)
  const erasable = new Set(caseIds)
  const today = serviceToday(now)
  const personIds: string[] = []
  const documents: DocumentRef[] = []
  for (const id of caseIds) if (!cases.has(id)) skip(id, 'already_erased')
  for (const [personId, own] of byPerson) {
    const mine = own.filter((c) => erasable.has(c.id)).map((c) => c.id)
    if (mine.length === 0) continue
    let reason: RetentionSkipReason | null = null
    if (own.some((c) => !erasable.has(c.id))) reason = 'other_cases_kept'
    else if (own.some((c) => c.framework === 'judicial' && c.mandate_end !== null && c.mandate_end >= today)) reason = 'mandate_running'
    if (reason) {
      for (const id of mine) skip(id, reason)
      continue
    }
    const erased = await erasePerson(trx, codec, personId, now)
    personIds.push(personId)
    documents.push(...erased.documents)
    for (const id of mine) outcome.set(id, { outcome: 'erased', reason: null })
  }
  for (const id of caseIds) if (!outcome.has(id)) skip(id, 'already_erased')

  for (const it of live) {
    if (it.subject === 'contact') {
      await anonymiseContact(trx, codec, it.item_id, now)
      outcome.set(it.item_id, { outcome: 'anonymised', reason: null })
    } else if (it.subject === 'dpo_request') {
      await anonymiseDpoRequest(trx, codec, it.item_id, now)
      outcome.set(it.item_id, { outcome: 'anonymised', reason: null })
    }
  }

  const report: RetentionReport = { asOf: run.as_of, executedAt: now, persons: personIds.length, kinds: [] }
  for (const kind of RETENTION_KINDS) {
    const mine = items.filter((i) => i.kind === kind).map((i) => outcome.get(i.item_id))
    const skipped = Object.fromEntries(RETENTION_SKIP_REASONS.map((r) => [r, 0])) as RetentionReport['kinds'][number]['skipped']
    for (const o of mine) if (o?.outcome === 'skipped' && o.reason) skipped[o.reason] += 1
    report.kinds.push({
      kind,
      erased: mine.filter((o) => o?.outcome === 'erased').length,
      anonymised: mine.filter((o) => o?.outcome === 'anonymised').length,
      skipped,
    })
  }
  for (const it of items) {
    const o = outcome.get(it.item_id)
    if (!o) continue
    await trx
      .updateTable('retention_run_items')
      .set({ outcome: o.outcome, skip_reason: o.reason })
      .where('run_id', '=', runId)
      .where('item_id', '=', it.item_id)
      .execute()
  }
  await trx
    .updateTable('retention_runs')
    .set({ status: 'executed', executed_at: now, report: JSON.stringify(report), version: run.version + 1 })
    .where('id', '=', runId)
    .execute()
  return { report, personIds, documents }
}

type RunRow = {
  id: string
  status: RetentionRunView['status']
  as_of: string
  counts: string
  report: string | null
  proposed_by: string | null
  proposed_at: string
  approved_by: string | null
  approved_at: string | null
  executed_at: string | null
  version: number
}

async function present(trx: Trx, rows: RunRow[]): Promise<Omit<RetentionRunView, 'items'>[]> {
  const staffIds = [...new Set(rows.flatMap((r) => [r.proposed_by, r.approved_by]).filter((x): x is string => Boolean(x)))]
  const staff = staffIds.length ? await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', staffIds).execute() : []
  const who = (id: string | null) => {
    const u = id ? staff.find((s) => s.id === id) : undefined
    return u ? { id: u.id, displayName: u.display_name } : null
  }
  return rows.map((r) => {
    const kinds = JSON.parse(r.counts) as Counts
    return {
      id: r.id,
      version: r.version,
      status: r.status,
      asOf: r.as_of,
      kinds,
      total: kinds.reduce((n, k) => n + k.due, 0),
      proposedBy: who(r.proposed_by),
      proposedAt: r.proposed_at,
      approvedBy: who(r.approved_by),
      approvedAt: r.approved_at,
      executedAt: r.executed_at,
      report: r.report ? (JSON.parse(r.report) as RetentionReport) : null,
    }
  })
}

export async function listRuns(trx: Trx) {
  const rows = await trx.selectFrom('retention_runs').selectAll().orderBy('proposed_at', 'desc').limit(100).execute()
  return present(trx, rows)
}

export async function loadRun(trx: Trx, runId: string): Promise<RetentionRunView> {
  const row = await trx.selectFrom('retention_runs').selectAll().where('id', '=', runId).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const [summary] = await present(trx, [row])
  const items = await trx
    .selectFrom('retention_run_items')
    .select(['kind', 'subject', 'item_id', 'outcome', 'skip_reason'])
    .where('run_id', '=', runId)
    .execute()
  const order = (k: RetentionKind) => RETENTION_KINDS.indexOf(k)
  items.sort((a, b) => order(a.kind) - order(b.kind) || a.item_id.localeCompare(b.item_id))
  return {
    ...(summary as Omit<RetentionRunView, 'items'>),
    items: items.map((i) => ({ kind: i.kind, subject: i.subject, id: i.item_id, outcome: i.outcome, skipReason: i.skip_reason })),
  }
}

/** The oldest run approved but not carried out (the command line carries it out). */
export async function approvedRun(trx: Trx): Promise<string | null> {
  const row = await trx.selectFrom('retention_runs').select('id').where('status', '=', 'approved').orderBy('approved_at').executeTakeFirst()
  return row?.id ?? null
}
