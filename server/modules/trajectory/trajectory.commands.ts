import crypto from 'node:crypto'
import type { z } from 'zod'
import type { TrajectoryInput } from '../../../common/contracts/trajectory.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { assertMayChange } from '../accompaniments/accompaniments.queries'
import { missOrStale } from '../accompaniments/case-rows'
import { currentPlan } from '../plans/plans.queries'

type Input = z.output<typeof TrajectoryInput>
type Case = { id: string; team_id: string; person_id: string; status: string }

/** The trajectory is written by the case's workers or its lead, while the case is not closed. */
async function checkWriter(ctx: RequestContext, trx: Trx, acc: Case): Promise<void> {
  await assertMayChange(trx, ctx.user, acc)
  if (acc.status === 'closed') throw fail('state.invalid_transition')
}

/** A future goal links only to goals of the current plan, so that the link can be followed. */
async function checkGoalLinks(ctx: RequestContext, trx: Trx, acc: Case, input: Input): Promise<void> {
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
    title_sealed: sealed.title_sealed as string,
    description_sealed: sealed.description_sealed ?? null,
    goal_ids: JSON.stringify(input.goalIds),
    updated_at: ctx.now(),
  }
}

/** A trajectory is read whole (timeline, overview): its size is bounded here rather than cut at read time. */
export const MAX_ENTRIES = 1000

export async function createEvent(ctx: RequestContext, trx: Trx, acc: Case, input: Input): Promise<string> {
  await checkWriter(ctx, trx, acc)
  const { n } = await trx
    .selectFrom('trajectory_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('accompaniment_id', '=', acc.id)
    .executeTakeFirstOrThrow()
  if (Number(n) >= MAX_ENTRIES) throw fail('state.invalid_transition', `A trajectory holds at most ${MAX_ENTRIES} entries`)
  await checkGoalLinks(ctx, trx, acc, input)
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  await trx
    .insertInto('trajectory_events')
    .values({
      id,
      accompaniment_id: acc.id,
      ...values(ctx, key, id, input),
      created_by: ctx.user.userId,
      created_at: ctx.now(),
      version: 1,
    })
    .execute()
  return id
}

export async function updateEvent(ctx: RequestContext, trx: Trx, acc: Case, eventId: string, version: number, input: Input) {
  await checkWriter(ctx, trx, acc)
  await checkGoalLinks(ctx, trx, acc, input)
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const result = await trx
    .updateTable('trajectory_events')
    .set({ ...values(ctx, key, eventId, input), version: version + 1 })
    .where('id', '=', eventId)
    .where('accompaniment_id', '=', acc.id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await missOrStale(trx, 'trajectory_events', eventId, acc.id)
}

export async function deleteEvent(ctx: RequestContext, trx: Trx, acc: Case, eventId: string, version: number): Promise<string> {
  await checkWriter(ctx, trx, acc)
  const row = await trx
    .selectFrom('trajectory_events')
    .select(['kind'])
    .where('id', '=', eventId)
    .where('accompaniment_id', '=', acc.id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (!row) return missOrStale(trx, 'trajectory_events', eventId, acc.id)
  const result = await trx.deleteFrom('trajectory_events').where('id', '=', eventId).where('version', '=', version).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) return missOrStale(trx, 'trajectory_events', eventId, acc.id)
  return row.kind
}
