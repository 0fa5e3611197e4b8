import crypto from 'node:crypto'
import type { z } from 'zod'
import type { CreateAccompaniment, TimelineEventType } from '../../../common/contracts/accompaniments.contracts'
import type { Actor, RequestContext, Row, Trx } from '../../http/context'
import { toJson } from '../../db/json'
import { AppError, fail, invalidField } from '../../http/errors'
import {
  type CreatedCase,
  caseOutsideGrant,
  insertCase,
  insertOutsideRows,
  insertRows,
  type ManageableCase,
  updateCase,
  updateRows,
} from '../../security/case-access'
import { type OpenedPerson, openPerson } from '../../security/person-access'
import { ageBandOf } from '../extracts/extract.generalise'
import { freeCode } from '../../security/codes'
import { newCode } from '../persons/person-code'
import { notify } from '../notifications/notifications'
import { workersOf } from './accompaniments.queries'

type Create = z.output<typeof CreateAccompaniment>

export const BREAK_GLASS_HOURS = 4

/** A line of the timeline: who did what and when, with ids, codes and counts in `data`, and any free text sealed as its note. */
async function eventRow(
  ctx: RequestContext,
  trx: Trx,
  acc: { person_id: string },
  type: TimelineEventType,
  data: Record<string, unknown> | null,
  note: string | null,
) {
  const id = crypto.randomUUID()
  const key = note ? await ctx.codec.personKey(trx, acc.person_id) : null
  return {
    id,
    at: ctx.now(),
    actor_id: ctx.actor?.userId ?? null,
    type,
    data: data ? toJson(data) : null,
    note_sealed: key ? ctx.codec.sealRow('accompaniment_events', key, id, { note }).note_sealed : null,
  }
}

/** Adds a line to the case's timeline. */
export async function addEvent(
  ctx: RequestContext,
  trx: Trx,
  acc: ManageableCase | CreatedCase,
  type: TimelineEventType,
  data: Record<string, unknown> | null = null,
  note: string | null = null,
): Promise<void> {
  await insertRows(trx, acc, 'accompaniment_events', await eventRow(ctx, trx, acc, type, data, note))
}

/** A worker given a case must be a worker of the case's team. */
export async function checkTeamWorkers(trx: Trx, teamId: string, userIds: string[], field: string): Promise<void> {
  if (userIds.length === 0) return
  const rows = await trx
    .selectFrom('user_teams')
    .innerJoin('user_roles', 'user_roles.user_id', 'user_teams.user_id')
    .innerJoin('users', 'users.id', 'user_teams.user_id')
    .select('user_teams.user_id')
    .where('user_teams.team_id', '=', teamId)
    .where('user_roles.role', 'in', ['worker', 'lead'])
    .where('users.disabled', '=', 0)
    .where('user_teams.user_id', 'in', userIds)
    .execute()
  const found = new Set(rows.map((r) => r.user_id))
  if (userIds.some((id) => !found.has(id))) throw invalidField(field, 'not_a_team_worker', 'Not a worker of this team')
}

async function setWorkers(trx: Trx, id: string, primary: string, coWorkers: string[]): Promise<void> {
  await trx.deleteFrom('accompaniment_workers').where('accompaniment_id', '=', id).execute()
  const rows: Row<'accompaniment_workers'>[] = [{ accompaniment_id: id, user_id: primary, role: 'primary' }]
  for (const u of new Set(coWorkers)) if (u !== primary) rows.push({ accompaniment_id: id, user_id: u, role: 'co' })
  await trx.insertInto('accompaniment_workers').values(rows).execute()
}

/** A person named in the request must be one the actor may read; any other is an unknown person, whether or not they exist. */
async function checkPerson(trx: Trx, actor: Actor, id: string, field: string): Promise<OpenedPerson> {
  try {
    return await openPerson(trx, actor, id)
  } catch (error) {
    if (error instanceof AppError && error.code === 'resource.not_found') throw invalidField(field, 'unknown_person', 'Unknown person')
    throw error
  }
}

/**
 * Opens a case for a person the actor may see, handed to a team (and a worker, when known).
 * `then` adds further lines to the new case's timeline (a contact that led to it).
 */
export async function createAccompaniment(
  ctx: RequestContext,
  trx: Trx,
  input: Create,
  then: { type: TimelineEventType; data: Record<string, unknown> }[] = [],
): Promise<string> {
  const actor = ctx.user
  const client = await checkPerson(trx, actor, input.personId, 'personId')
  if (input.concernedPersonId) {
    if (input.concernedPersonId === input.personId)
      throw invalidField('concernedPersonId', 'same_as_client', 'The client cannot be the concerned person')
    await checkPerson(trx, actor, input.concernedPersonId, 'concernedPersonId')
  }
  const team = await trx.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst()
  if (!team) throw invalidField('teamId', 'unknown_team', 'Unknown team')
  // A worker opening a case in their own team takes it; intake hands it to the team's lead.
  const primary = input.primaryWorkerId ?? (actor.roles.includes('worker') && actor.teamIds.includes(input.teamId) ? actor.userId : null)
  if (primary) await checkTeamWorkers(trx, input.teamId, [primary], 'primaryWorkerId')
  const id = crypto.randomUUID()
  const now = ctx.now()
  const key = await ctx.codec.personKey(trx, input.personId)
  // The client's age band on the day the case opens, kept in the clear for studies (ADR 0014).
  const { birth_year: birthYear } = ctx.codec.openRow('persons', key, client.id, { birth_year_sealed: client.birth_year_sealed })
  const f = input.framework
  const acc = await insertCase(trx, {
    id,
    code: await freeCode(trx, 'accompaniments', () => newCode('A')),
    kind: input.kind,
    person_id: input.personId,
    concerned_person_id: input.concernedPersonId,
    concerned_status:
      input.kind === 'concerned'
        ? 'known'
        : input.concernedPersonId
          ? 'known'
          : input.concernedStatus === 'known'
            ? 'unknown'
            : input.concernedStatus,
    relationship: input.relationship,
    team_id: input.teamId,
    status: primary ? 'active' : 'intake',
    framework: f.framework,
    measure: f.framework === 'judicial' ? f.measure : null,
    authority_kind: f.framework === 'judicial' ? f.authorityKind : null,
    mandate_start: f.mandateStart,
    mandate_end: f.mandateEnd,
    report_every_months: f.framework === 'judicial' ? f.reportEveryMonths : null,
    ...ctx.codec.sealRow('accompaniments', key, id, {
      authority: f.authority,
      conditions: f.conditions,
      reporting: f.reporting,
      summary: input.summary,
      closure_reason: null,
    }),
    closure_outcome: null,
    age_band: ageBandOf(birthYear, now),
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  })
  if (primary) await setWorkers(trx, acc.id, primary, [])
  await addEvent(ctx, trx, acc, 'created', { kind: input.kind, framework: f.framework, status: primary ? 'active' : 'intake' })
  for (const event of then) await addEvent(ctx, trx, acc, event.type, event.data)
  return acc.id
}

/**
 * The team lead gives the case a primary worker (and co-workers); a new case becomes active.
 * A worker who leaves the case no longer sees it, nor its rows on their day: their open tasks
 * and their planned sessions still to come go to the new primary worker, so that none is left
 * on nobody's day. The timeline says how many moved.
 */
export async function assign(ctx: RequestContext, trx: Trx, acc: ManageableCase, primary: string, coWorkers: string[]) {
  if (!ctx.user.teamIds.includes(acc.team_id)) throw fail('access.forbidden')
  await checkTeamWorkers(trx, acc.team_id, [primary, ...coWorkers], 'primaryWorkerId')
  const staying = new Set([primary, ...coWorkers])
  const current = (await workersOf(trx, [acc.id])).map((w) => w.user_id)
  const leaving = current.filter((id) => !staying.has(id))
  const arriving = [...staying].filter((id) => !current.includes(id))
  await setWorkers(trx, acc.id, primary, coWorkers)
  const moved = await handOver(ctx, trx, acc, leaving, primary)
  const status = acc.status === 'intake' ? 'active' : acc.status
  await updateCase(trx, acc)
    .set((eb) => ({ status, updated_at: ctx.now(), version: eb('accompaniments.version', '+', 1) }))
    .execute()
  await addEvent(ctx, trx, acc, 'assigned', { primaryWorkerId: primary, coWorkerIds: coWorkers, status, ...moved })
  // Those newly on the case hear of it (issue 12); who stays on it, or assigns themselves, does not.
  const told = arriving.filter((id) => id !== ctx.user.userId)
  if (told.length > 0)
    await notify(trx, { event: 'case_assigned', accompanimentId: acc.id, code: acc.code, userIds: told }, ctx.services.config)
}

/** Moves the open tasks and the planned sessions still to come of workers leaving the case to its new primary worker. */
async function handOver(ctx: RequestContext, trx: Trx, acc: ManageableCase, leaving: string[], primary: string) {
  if (leaving.length === 0) return { tasksMoved: 0, sessionsMoved: 0 }
  const now = ctx.now()
  const tasks = await updateRows(trx, acc, 'tasks')
    .set((eb) => ({ assignee_id: primary, version: eb('tasks.version', '+', 1) }))
    .where('tasks.assignee_id', 'in', leaving)
    .where('tasks.status', '=', 'open')
    .executeTakeFirst()
  const sessions = await updateRows(trx, acc, 'case_sessions')
    .set((eb) => ({ worker_id: primary, updated_at: now, version: eb('case_sessions.version', '+', 1) }))
    .where('case_sessions.worker_id', 'in', leaving)
    .where('case_sessions.status', '=', 'planned')
    .where('case_sessions.starts_at', '>=', now)
    .executeTakeFirst()
  return { tasksMoved: Number(tasks.numUpdatedRows), sessionsMoved: Number(sessions.numUpdatedRows) }
}

/**
 * Break the glass: a time-limited grant, with a stated reason, on a case the actor does not see
 * (one they see already is refused: it would be no emergency access, only noise in the lead's
 * and the DPO's review).
 */
export async function breakGlass(ctx: RequestContext, trx: Trx, accompanimentId: string, reason: string) {
  const acc = await caseOutsideGrant(trx, ctx.user, accompanimentId)
  const id = crypto.randomUUID()
  const now = ctx.now()
  const expires = new Date(Date.parse(now) + BREAK_GLASS_HOURS * 3_600_000).toISOString()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  await insertOutsideRows(trx, acc, 'access_grants', {
    id,
    user_id: ctx.user.userId,
    reason_sealed: ctx.codec.sealRow('access_grants', key, id, { reason }).reason_sealed,
    granted_at: now,
    expires_at: expires,
  })
  await insertOutsideRows(
    trx,
    acc,
    'accompaniment_events',
    await eventRow(ctx, trx, acc, 'break_glass', { userId: ctx.user.userId, expiresAt: expires }, null),
  )
  // The case's workers are told someone from outside opened it (issue 12): the code, never who or why.
  const workers = (await workersOf(trx, [acc.id])).map((w) => w.user_id)
  if (workers.length > 0) {
    await notify(trx, { event: 'case_break_glass', accompanimentId: acc.id, code: acc.code, userIds: workers }, ctx.services.config)
  }
  return { id, personId: acc.person_id, expiresAt: expires }
}
