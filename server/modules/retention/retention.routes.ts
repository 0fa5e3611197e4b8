import {
  LegalHoldInput,
  LegalHoldLift,
  LegalHoldList,
  LegalHoldParams,
  LegalHoldView,
  RetentionDue,
  RetentionKindParams,
  RetentionRunList,
  RetentionRunParams,
  RetentionRunView,
  RetentionScheduleInput,
  RetentionScheduleList,
  RetentionScheduleView,
} from '../../../common/contracts/retention.contracts'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { liftHold, placeHold, setSchedule } from './retention.commands'
import { retentionDue } from './retention.due'
import { holds, schedules } from './retention.queries'
import { approveRun, listRuns, loadRun, proposeRun } from './retention.runs'

/** Retention (issue 13): the DPO's schedules, legal holds, and the dry run of what is due. */
export const retentionRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/dpo/retention/schedules',
    summary: 'DPO: the retention term of every record kind, with its legal reason (kinds not set yet included)',
    tags: ['data-protection'],
    response: RetentionScheduleList,
    allow: 'retention.manage',
    async handler({ ctx }) {
      // No one's data: the register of terms. Read through the audited path all the same.
      return ctx.read('retention.schedules_viewed', async (trx) => ({ items: await schedules(trx) }))
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/dpo/retention/schedules/:kind',
    summary: 'DPO: set a record kind’s retention term (If-Match: "0" for a kind never set)',
    tags: ['data-protection'],
    params: RetentionKindParams,
    body: RetentionScheduleInput,
    response: RetentionScheduleView,
    allow: 'retention.manage',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('retention.schedule_set', async (trx, audit) => {
        audit.subject('retention_schedule', params.kind).detail({ months: body.months })
        await setSchedule(ctx, trx, params.kind, body, expected)
        return (await schedules(trx)).find((s) => s.kind === params.kind)
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/dpo/retention/due',
    summary: 'DPO: the dry run — what the schedules make due today, per kind, held cases apart (codes and dates only)',
    tags: ['data-protection'],
    response: RetentionDue,
    allow: 'retention.manage',
    async handler({ ctx }) {
      return ctx.read('retention.due_listed', async (trx, audit) => {
        const due = await retentionDue(trx, ctx.now())
        audit.detail({ due: due.kinds.reduce((n, k) => n + k.due, 0) })
        return due
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/dpo/legal-holds',
    summary: 'DPO: legal holds, current first, with their reasons and review dates',
    tags: ['data-protection'],
    response: LegalHoldList,
    allow: 'retention.manage',
    async handler({ ctx }) {
      return ctx.read('legal_hold.listed', async (trx, audit) => {
        const { items, personIds } = await holds(ctx, trx)
        audit.shows(personIds)
        return { items }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/dpo/legal-holds',
    summary: 'DPO: keep a case whatever its retention term (an ongoing judicial procedure), with a reason and a review date',
    tags: ['data-protection'],
    body: LegalHoldInput,
    response: LegalHoldView,
    status: 201,
    allow: 'retention.manage',
    async handler({ ctx, body, reply }) {
      const view = await ctx.write('legal_hold.placed', async (trx, audit) => {
        const placed = await placeHold(ctx, trx, body)
        audit.subject('legal_hold', placed.id).detail({ accompanimentId: placed.caseId, reviewOn: body.reviewOn })
        audit.shows([placed.personId])
        return (await holds(ctx, trx, placed.id)).items[0]
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/dpo/legal-holds/:holdId/lift',
    summary: 'DPO: lift a legal hold, with a reason; retention applies to the case again',
    tags: ['data-protection'],
    params: LegalHoldParams,
    body: LegalHoldLift,
    response: LegalHoldView,
    allow: 'retention.manage',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('legal_hold.lifted', async (trx, audit) => {
        audit.subject('legal_hold', params.holdId)
        const lifted = await liftHold(ctx, trx, params.holdId, expected, body.reason)
        audit.shows([lifted.personId]).detail({ accompanimentId: lifted.caseId })
        return (await holds(ctx, trx, params.holdId)).items[0]
      })
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
]

/** Retention runs: a snapshot of the due list, carried out once the DPO approved it. */
export const retentionRunRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/dpo/retention/runs',
    summary: 'DPO: propose a run now — a snapshot of what is due (replaces a proposal still waiting)',
    tags: ['data-protection'],
    response: RetentionRunView,
    status: 201,
    allow: 'retention.manage',
    async handler({ ctx, reply }) {
      const view = await ctx.write('retention.run_proposed', async (trx, audit) => {
        const run = await proposeRun(trx, ctx.now(), ctx.user.userId)
        if (!run) throw fail('resource.not_found')
        audit.subject('retention_run', run.id).detail({ items: run.items })
        return loadRun(trx, run.id)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/dpo/retention/runs',
    summary: 'DPO: retention runs, latest first, with their counts per kind and reports',
    tags: ['data-protection'],
    response: RetentionRunList,
    allow: 'retention.manage',
    async handler({ ctx }) {
      return ctx.read('retention.runs_listed', async (trx) => ({ items: await listRuns(trx) }))
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/dpo/retention/runs/:runId',
    summary: 'DPO: one retention run — its items by kind (ids only), counts, and report once carried out',
    tags: ['data-protection'],
    params: RetentionRunParams,
    response: RetentionRunView,
    allow: 'retention.manage',
    async handler({ ctx, params, reply }) {
      const view = await ctx.read('retention.run_viewed', async (trx, audit) => {
        audit.subject('retention_run', params.runId)
        return loadRun(trx, params.runId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/dpo/retention/runs/:runId/approval',
    summary: 'DPO: approve a proposed run (If-Match) — it is carried out at once: irreversible erasure and anonymisation',
    tags: ['data-protection'],
    params: RetentionRunParams,
    response: RetentionRunView,
    allow: 'retention.manage',
    async handler({ ctx, params, request, reply }) {
      const expected = expectedVersion(request)
      const { view, documents } = await ctx.write('retention.run_approved', async (trx, audit) => {
        audit.subject('retention_run', params.runId)
        const done = await approveRun(trx, ctx.codec, params.runId, expected, ctx.user.userId, ctx.now())
        audit.shows(done.personIds).detail({ persons: done.personIds.length, documents: done.documents.length })
        return { view: await loadRun(trx, params.runId), documents: done.documents }
      })
      // Files are not part of the transaction: removed once it committed.
      for (const ref of documents) await ctx.services.documents.discard(ref)
      sendVersion(reply, view.version)
      return view
    },
  }),
]
