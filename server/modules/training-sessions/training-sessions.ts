import crypto from 'node:crypto'
import type { z } from 'zod'
import type { TrainingSessionInput, TrainingSessionQuery, TrainingSessionView } from '../../../common/contracts/training-sessions.contracts'
import type { Actor, RecordingCodec, Row, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { refusalOf } from '../practice-notes/practice-text'

type Input = z.output<typeof TrainingSessionInput>
type SessionRow = Row<'training_sessions'>

// Sealed with a system secret bound to the row and column: a slip that quotes someone stays unreadable in a dump.
export const trainingAad = (column: string, id: string) => `training_sessions.${column}:${id}`
const aad = trainingAad

/**
 * The log is the team's: its workers and lead reach their own teams' sessions, the DPO any team's.
 * Another team is a miss (404), so that the answer does not say whether the team exists.
 */
export function teamInReach(actor: Actor, teamId: string, need: 'read' | 'write' | 'delete'): void {
  if (need === 'read' && actor.roles.includes('dpo')) return
  const roles = need === 'delete' ? ['lead'] : ['worker', 'lead']
  if (!actor.roles.some((r) => roles.includes(r)) || !actor.teamIds.includes(teamId)) throw fail('resource.not_found')
}

const MESSAGES = {
  contains_case_code: 'A training session cannot name a case: remove the case code',
  contains_person_code: 'A training session cannot name a person: remove the person code',
  contains_identifier: 'A training session cannot contain a record identifier',
  contains_email: 'A training session cannot contain an e-mail address',
  contains_phone: 'A training session cannot contain a phone number',
} as const

/** The texts are about the service's work: a code, id, e-mail or phone would tie them to someone (400 naming the field). */
function checkTexts(input: Input): void {
  for (const field of ['title', 'organisation', 'note'] as const) {
    const value = input[field]
    if (!value) continue
    const refusal = refusalOf(value)
    if (refusal) throw invalidField(field, refusal, MESSAGES[refusal])
  }
}

function present(codec: RecordingCodec, r: SessionRow, users: Map<string, string>): TrainingSessionView {
  return {
    id: r.id,
    version: r.version,
    teamId: r.team_id,
    heldOn: r.held_on,
    audience: r.audience,
    title: codec.openSecret(r.title_sealed, aad('title', r.id)),
    organisation: r.organisation_sealed === null ? null : codec.openSecret(r.organisation_sealed, aad('organisation', r.id)),
    participants: r.participants,
    hours: r.minutes / 60,
    note: r.note_sealed === null ? null : codec.openSecret(r.note_sealed, aad('note', r.id)),
    createdBy: { id: r.created_by, displayName: users.get(r.created_by) ?? '' },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

async function presentAll(trx: Trx, codec: RecordingCodec, rows: SessionRow[]): Promise<TrainingSessionView[]> {
  if (rows.length === 0) return []
  const ids = [...new Set(rows.map((r) => r.created_by))]
  const users = await trx.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()
  const names = new Map(users.map((u) => [u.id, u.display_name]))
  return rows.map((r) => present(codec, r, names))
}

type Query = z.output<typeof TrainingSessionQuery>

/** A team's sessions, newest first, of one year when asked. */
export async function listSessions(trx: Trx, codec: RecordingCodec, query: Query) {
  let base = trx.selectFrom('training_sessions').where('team_id', '=', query.teamId)
  if (query.year !== undefined) base = base.where('held_on', '>=', `${query.year}-01-01`).where('held_on', '<=', `${query.year}-12-31`)
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('held_on', 'desc').orderBy('id').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { items: await presentAll(trx, codec, rows), total: Number(total.n) }
}

export async function findSession(trx: Trx, id: string): Promise<SessionRow> {
  const row = await trx.selectFrom('training_sessions').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  return row
}

export async function loadSession(trx: Trx, codec: RecordingCodec, id: string): Promise<TrainingSessionView> {
  const [view] = await presentAll(trx, codec, [await findSession(trx, id)])
  if (!view) throw fail('resource.not_found')
  return view
}

function columns(codec: RecordingCodec, id: string, input: Input, userId: string, now: string) {
  checkTexts(input)
  return {
    team_id: input.teamId,
    held_on: input.heldOn,
    audience: input.audience,
    title_sealed: codec.sealSecret(input.title, aad('title', id)),
    organisation_sealed: input.organisation ? codec.sealSecret(input.organisation, aad('organisation', id)) : null,
    note_sealed: input.note ? codec.sealSecret(input.note, aad('note', id)) : null,
    participants: input.participants,
    minutes: Math.round(input.hours * 60),
    updated_by: userId,
    updated_at: now,
  }
}

export async function createSession(trx: Trx, codec: RecordingCodec, input: Input, userId: string, now: string): Promise<string> {
  const id = crypto.randomUUID()
  await trx
    .insertInto('training_sessions')
    .values({ id, ...columns(codec, id, input, userId, now), created_by: userId, created_at: now, version: 1 })
    .execute()
  return id
}

export async function updateSession(
  trx: Trx,
  codec: RecordingCodec,
  id: string,
  expected: number,
  input: Input,
  userId: string,
  now: string,
) {
  const res = await trx
    .updateTable('training_sessions')
    .set({ ...columns(codec, id, input, userId, now), version: expected + 1 })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
}

export async function deleteSession(trx: Trx, id: string, expected: number) {
  const res = await trx.deleteFrom('training_sessions').where('id', '=', id).where('version', '=', expected).executeTakeFirst()
  if (Number(res.numDeletedRows) !== 1) throw fail('version.mismatch')
}
