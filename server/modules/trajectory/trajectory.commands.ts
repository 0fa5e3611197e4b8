import crypto from 'node:crypto'
import type { z } from 'zod'
import type { TrajectoryInput } from '../../../common/contracts/trajectory.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { toJson } from '../../db/json'
import { fail, invalidField } from '../../http/errors'
import { type ChangeableCase, deleteRows, insertRows, missOrStale, rowsOf, updateRows } from '../../security/case-access'
import { currentPlan } from '../plans/plans.queries'

type Input = z.output<typeof TrajectoryInput>

/** A future goal links only to goals of the current plan, so that the link can be followed. */
async function checkGoalLinks(ctx: RequestContext, trx: Trx, acc: ChangeableCase, input: Input): Promise<void> {
  if (input.goalIds.length === 0) return
  const goals = new Set((await currentPlan(ctx, trx, acc)).goals.map((g) => g.id))
  const missing = input.goalIds.findIndex((id) => !goals.has(id))
  if (missing >= 0) throw invalidField(`goalIds.${missing}`, 'unknown_goal', 'Not a goal of the current plan')
}

function values(ctx: RequestContext, key: Buffer, id: string, input: Input) {
  const sealed = ctx.codec.sealRow('trajectory_events', key, id, { title: input.title, description: input.description })
  return {
    kind: input.kind,
    date_precision: input.precision,
    date: input.date,
    phase: input.phase,
    domain: input.domain,
    valence: input.valence,
    title_sealed: sealed.title_sealed,
    description_sealed: sealed.description_sealed,
    goal_ids: toJson(input.goalIds),
    updated_at: ctx.now(),
  }
}

/** A trajectory is read whole (timeline, overview): its size is bounded here rather than cut at read time. */
export const MAX_ENTRIES = 1000

/** An event of the path or a future goal, on a case opened for change (by its workers or lead, while not closed). */
export async function createEvent(ctx: RequestContext, trx: Trx, acc: ChangeableCase, input: Input): Promise<string> {
  const { n } = await rowsOf(trx, acc, 'trajectory_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  if (Number(n) >= MAX_ENTRIES) throw fail('state.invalid_transition', `A trajectory holds at most ${MAX_ENTRIES} entries`)
  await checkGoalLinks(ctx, trx, acc, input)
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  await insertRows(trx, acc, 'trajectory_events', {
    id,
    ...values(ctx, key, id, input),
    created_by: ctx.user.userId,
    created_at: ctx.now(),
    version: 1,
  })
  return id
}

export async function updateEvent(ctx: RequestContext, trx: Trx, acc: ChangeableCase, eventId: string, version: number, input: Input) {
  await checkGoalLinks(ctx, trx, acc, input)
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const result = await updateRows(trx, acc, 'trajectory_events')
    .set({ ...values(ctx, key, eventId, input), version: version + 1 })
    .where('trajectory_events.id', '=', eventId)
    .where('trajectory_events.version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await missOrStale(trx, acc, 'trajectory_events', eventId)
}

/** Removes an event of this case from the version the caller saw; answers its kind, for the audit. */
export async function deleteEvent(trx: Trx, acc: ChangeableCase, eventId: string, version: number): Promise<string> {
  const row = await rowsOf(trx, acc, 'trajectory_events')
    .select('trajectory_events.kind')
    .where('trajectory_events.id', '=', eventId)
    .where('trajectory_events.version', '=', version)
    .executeTakeFirst()
  if (!row) return missOrStale(trx, acc, 'trajectory_events', eventId)
  const result = await deleteRows(trx, acc, 'trajectory_events')
    .where('trajectory_events.id', '=', eventId)
    .where('trajectory_events.version', '=', version)
    .executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) return missOrStale(trx, acc, 'trajectory_events', eventId)
  return row.kind
}
