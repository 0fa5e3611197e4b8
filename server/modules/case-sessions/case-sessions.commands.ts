import crypto from 'node:crypto'
import type { z } from 'zod'
import type { CaseSessionInput } from '../../../common/contracts/case-sessions.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { toJson } from '../../db/json'
import { invalidField } from '../../http/errors'
import { type ChangeableCase, insertRows, missOrStale, updateRows } from '../../security/case-access'

type Input = z.output<typeof CaseSessionInput>

/**
 * How far ahead of the service's clock a session may be recorded as having happened: a worker
 * typing "held" at 14:02 for the 14:05 appointment they are finishing, or a workstation a little
 * ahead of the server, is not a mistake; "held" tomorrow is.
 */
export const HELD_CLOCK_TOLERANCE_MS = 5 * 60_000

/** What a session may say for this case (who may write it, and when, the door has decided). */
function check(ctx: RequestContext, acc: ChangeableCase, input: Input): void {
  // Held and missed both say the appointment's time has come: neither can be dated in the future.
  if (
    (input.status === 'held' || input.status === 'missed') &&
    Date.parse(input.startsAt) > Date.parse(ctx.now()) + HELD_CLOCK_TOLERANCE_MS
  )
    throw invalidField('startsAt', 'in_future', 'A session cannot have taken place in the future')
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
    place_sealed: sealed.place_sealed,
    participants: toJson([...new Set(input.participants)]),
    attendance: input.attendance,
    notes_sealed: sealed.notes_sealed,
    updated_at: ctx.now(),
  }
}

export async function createSession(ctx: RequestContext, trx: Trx, acc: ChangeableCase, input: Input): Promise<string> {
  check(ctx, acc, input)
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  await insertRows(trx, acc, 'case_sessions', {
    id,
    ...values(ctx, key, id, input),
    worker_id: ctx.user.userId,
    created_at: ctx.now(),
    version: 1,
  })
  return id
}

export async function updateSession(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  sessionId: string,
  version: number,
  input: Input,
): Promise<void> {
  check(ctx, acc, input)
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const result = await updateRows(trx, acc, 'case_sessions')
    .set({ ...values(ctx, key, sessionId, input), version: version + 1 })
    .where('case_sessions.id', '=', sessionId)
    .where('case_sessions.version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await missOrStale(trx, acc, 'case_sessions', sessionId)
}
