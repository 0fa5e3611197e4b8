import crypto from 'node:crypto'
import type { z } from 'zod'
import type { CaseSessionInput } from '../../../common/contracts/case-sessions.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { assertMayChange } from '../accompaniments/accompaniments.queries'
import { missOrStale } from '../accompaniments/case-rows'

type Input = z.output<typeof CaseSessionInput>
type Case = { id: string; team_id: string; person_id: string; framework: string; status: string }

/** Sessions are recorded by the case's workers or its lead; a break-the-glass reader only reads. */
async function checkWriter(ctx: RequestContext, trx: Trx, acc: Case, input: Input): Promise<void> {
  await assertMayChange(trx, ctx.user, acc)
  if (acc.status === 'closed') throw fail('state.invalid_transition')
  if (input.attendance && acc.framework !== 'judicial')
    throw invalidField('attendance', 'judicial_only', 'Attendance is recorded for judicial cases only')
  if (input.attendance && input.status === 'planned')
    throw invalidField('attendance', 'not_yet_held', 'A planned session has no attendance yet')
}

function values(ctx: RequestContext, key: Buffer, id: string, input: Input) {
  const sealed = ctx.codec.sealRow('case_sessions', key, id, { place: input.place, notes: input.notes })
  return {
    status: input.status,
    starts_at: new Date(input.startsAt).toISOString(),
    duration_minutes: input.durationMinutes,
    modality: input.modality,
    place_sealed: sealed.place_sealed ?? null,
    participants: JSON.stringify([...new Set(input.participants)]),
    attendance: input.attendance,
    notes_sealed: sealed.notes_sealed ?? null,
    updated_at: ctx.now(),
  }
}

export async function createSession(ctx: RequestContext, trx: Trx, acc: Case, input: Input): Promise<string> {
  await checkWriter(ctx, trx, acc, input)
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  await trx
    .insertInto('case_sessions')
    .values({ id, accompaniment_id: acc.id, ...values(ctx, key, id, input), worker_id: ctx.user.userId, created_at: ctx.now(), version: 1 })
    .execute()
  return id
}

export async function updateSession(
  ctx: RequestContext,
  trx: Trx,
  acc: Case,
  sessionId: string,
  version: number,
  input: Input,
): Promise<void> {
  await checkWriter(ctx, trx, acc, input)
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const result = await trx
    .updateTable('case_sessions')
    .set({ ...values(ctx, key, sessionId, input), version: version + 1 })
    .where('id', '=', sessionId)
    .where('accompaniment_id', '=', acc.id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await missOrStale(trx, 'case_sessions', sessionId, acc.id)
}
