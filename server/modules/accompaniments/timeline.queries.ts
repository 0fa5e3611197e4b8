import { type HistoryEventType, kindOf, type TimelineKind, typesOf } from '../../../common/timeline'
import { fromJson } from '../../db/json'
import type { RequestContext, Trx } from '../../http/context'
import { type OpenedCase, rowsOf } from '../../security/case-access'

const LIMIT = 500

type Line = {
  id: string
  at: string
  actorId: string | null
  type: HistoryEventType
  data: Record<string, unknown> | null
  note?: { id: string; sealed: string | null }
}

/** The events read from the case's own tables, by kind: dates, ids and categories, never a sealed value. */
const DERIVED: Partial<Record<TimelineKind, (trx: Trx, acc: OpenedCase) => Promise<Line[]>>> = {
  async sessions(trx, acc) {
    const rows = await rowsOf(trx, acc, 'case_sessions')
      .select([
        'case_sessions.id',
        'case_sessions.created_at',
        'case_sessions.worker_id',
        'case_sessions.status',
        'case_sessions.starts_at',
        'case_sessions.modality',
      ])
      .orderBy('case_sessions.created_at', 'desc')
      .limit(LIMIT)
      .execute()
    return rows.map((r) => ({
      id: `session:${r.id}`,
      at: r.created_at,
      actorId: r.worker_id,
      type: 'session_recorded',
      data: { sessionId: r.id, status: r.status, startsAt: r.starts_at, modality: r.modality },
    }))
  },
  async tasks(trx, acc) {
    const rows = await rowsOf(trx, acc, 'tasks')
      .select(['tasks.id', 'tasks.created_at', 'tasks.created_by', 'tasks.assignee_id', 'tasks.due_date', 'tasks.status', 'tasks.done_at'])
      .orderBy('tasks.created_at', 'desc')
      .limit(LIMIT)
      .execute()
    return rows.flatMap((r): Line[] => {
      const created: Line = {
        id: `task:${r.id}`,
        at: r.created_at,
        actorId: r.created_by,
        type: 'task_created',
        data: { taskId: r.id, dueDate: r.due_date, assigneeId: r.assignee_id },
      }
      // Who marked a task done is not kept: the line says when, not by whom.
      if (!r.done_at || r.status === 'open') return [created]
      const type = r.status === 'cancelled' ? 'task_cancelled' : 'task_done'
      return [created, { id: `${type}:${r.id}`, at: r.done_at, actorId: null, type, data: { taskId: r.id, assigneeId: r.assignee_id } }]
    })
  },
  async plans(trx, acc) {
    const rows = await rowsOf(trx, acc, 'plan_versions')
      .select(['plan_versions.id', 'plan_versions.created_at', 'plan_versions.created_by', 'plan_versions.version'])
      .orderBy('plan_versions.created_at', 'desc')
      .limit(LIMIT)
      .execute()
    return rows.map((r) => ({
      id: `plan:${r.id}`,
      at: r.created_at,
      actorId: r.created_by,
      type: 'plan_version',
      data: { version: r.version },
    }))
  },
  async reviews(trx, acc) {
    const rows = await rowsOf(trx, acc, 'assessments')
      .select(['assessments.id', 'assessments.created_at', 'assessments.created_by', 'assessments.instrument_id', 'assessments.taken_on'])
      .orderBy('assessments.created_at', 'desc')
      .limit(LIMIT)
      .execute()
    return rows.map((r) => ({
      id: `assessment:${r.id}`,
      at: r.created_at,
      actorId: r.created_by,
      type: r.instrument_id === 'progress-review' ? 'review' : 'assessment',
      data: { assessmentId: r.id, instrumentId: r.instrument_id, takenOn: r.taken_on },
    }))
  },
  async documents(trx, acc) {
    const rows = await rowsOf(trx, acc, 'documents')
      .select(['documents.id', 'documents.uploaded_at', 'documents.uploaded_by', 'documents.content_type', 'documents.size'])
      .orderBy('documents.uploaded_at', 'desc')
      .limit(LIMIT)
      .execute()
    return rows.map((r) => ({
      id: `document:${r.id}`,
      at: r.uploaded_at,
      actorId: r.uploaded_by,
      type: 'document_added',
      data: { documentId: r.id, contentType: r.content_type, size: r.size },
    }))
  },
  async reports(trx, acc) {
    const rows = await rowsOf(trx, acc, 'judicial_reports')
      .select([
        'judicial_reports.id',
        'judicial_reports.created_at',
        'judicial_reports.created_by',
        'judicial_reports.sent_at',
        'judicial_reports.period_from',
        'judicial_reports.period_to',
      ])
      .orderBy('judicial_reports.created_at', 'desc')
      .limit(LIMIT)
      .execute()
    return rows.map((r) => ({
      id: `report:${r.id}`,
      at: r.created_at,
      actorId: r.created_by,
      type: 'report_sent',
      data: { reportId: r.id, sentAt: r.sent_at, periodFrom: r.period_from, periodTo: r.period_to },
    }))
  },
  async relatives(trx, acc) {
    const rows = await rowsOf(trx, acc, 'case_relatives')
      .select([
        'case_relatives.id',
        'case_relatives.created_at',
        'case_relatives.created_by',
        'case_relatives.relationship',
        'case_relatives.involvement',
        'case_relatives.ended_on',
      ])
      .orderBy('case_relatives.created_at', 'desc')
      .limit(LIMIT)
      .execute()
    return rows.flatMap((r): Line[] => {
      const data = { relativeId: r.id, relationship: r.relationship, involvement: r.involvement }
      const added: Line = { id: `relative:${r.id}`, at: r.created_at, actorId: r.created_by, type: 'relative_added', data }
      return r.ended_on ? [added, { id: `relative_ended:${r.id}`, at: r.ended_on, actorId: null, type: 'relative_ended', data }] : [added]
    })
  },
  /**
   * The daily sweep destroys the partner's copy of a referral whose consent has ended. A job has
   * no user to pass the case's door with, so it writes the step on the referral's own lifecycle;
   * the case's history reads it from there.
   */
  async other(trx, acc) {
    const rows = await trx
      .selectFrom('referral_events as e')
      .innerJoin('referrals as r', 'r.id', 'e.referral_id')
      .select(['e.id', 'e.at', 'r.id as referral_id', 'r.code'])
      .where('r.accompaniment_id', '=', acc.id)
      .where('e.kind', '=', 'shredded')
      .orderBy('e.at', 'desc')
      .limit(LIMIT)
      .execute()
    return rows.map((r) => ({
      id: `referral_expired:${r.id}`,
      at: r.at,
      actorId: null,
      type: 'referral_expired',
      data: { referralId: r.referral_id, code: r.code },
    }))
  },
}

/** The lines written on the case's timeline (of the given types, or all). */
async function written(trx: Trx, acc: OpenedCase, types: HistoryEventType[] | null): Promise<Line[]> {
  let q = rowsOf(trx, acc, 'accompaniment_events').select([
    'accompaniment_events.id',
    'accompaniment_events.at',
    'accompaniment_events.actor_id',
    'accompaniment_events.type',
    'accompaniment_events.data',
    'accompaniment_events.note_sealed',
  ])
  if (types) {
    if (types.length === 0) return []
    q = q.where('accompaniment_events.type', 'in', types as never[])
  }
  const rows = await q.orderBy('accompaniment_events.at', 'desc').limit(LIMIT).execute()
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    type: r.type,
    data: r.data ? fromJson(r.data) : null,
    note: { id: r.id, sealed: r.note_sealed },
  }))
}

/**
 * The case's history, newest first: the lines written on its timeline and the events of its
 * sessions, tasks, plan, reviews, documents, reports and relatives, of the kinds asked for (all
 * when none). Notes are opened with the client's key; derived events hold no content, so a
 * break-the-glass reader learns from them what happened and when, not what was written.
 */
export async function readTimeline(ctx: RequestContext, trx: Trx, acc: OpenedCase, kinds?: TimelineKind[]) {
  const wanted = kinds && kinds.length > 0 ? kinds : null
  const derived = Object.entries(DERIVED)
    .filter(([kind]) => !wanted || wanted.includes(kind as TimelineKind))
    .map(([, read]) => read(trx, acc))
  const parts = await Promise.all([written(trx, acc, wanted ? typesOf(wanted) : null), ...derived])
  const lines = parts
    .flat()
    .sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id))
    .slice(0, LIMIT)
  const actors = [...new Set(lines.flatMap((l) => (l.actorId ? [l.actorId] : [])))]
  const names = new Map(
    actors.length === 0
      ? []
      : (await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', actors).execute()).map((u) => [
          u.id,
          u.display_name,
        ]),
  )
  const key = lines.some((l) => l.note?.sealed) ? await ctx.codec.personKey(trx, acc.person_id) : null
  return lines.map((l) => ({
    id: l.id,
    at: l.at,
    actorId: l.actorId,
    actorName: l.actorId ? (names.get(l.actorId) ?? null) : null,
    type: l.type,
    kind: kindOf(l.type),
    data: l.data,
    note: key && l.note?.sealed ? ctx.codec.openRow('accompaniment_events', key, l.note.id, { note_sealed: l.note.sealed }).note : null,
  }))
}
