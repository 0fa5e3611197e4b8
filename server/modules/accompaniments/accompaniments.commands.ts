import crypto from 'node:crypto'
import type { z } from 'zod'
import type { CreateAccompaniment } from '../../../common/contracts/accompaniments.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { newCode } from '../persons/person-code'
import { openPerson } from '../../security/person-access'

type Create = z.output<typeof CreateAccompaniment>

export const BREAK_GLASS_HOURS = 4

export async function addEvent(
  ctx: RequestContext,
  trx: Trx,
  accompanimentId: string,
  type: string,
  data: Record<string, unknown> | null = null,
) {
  await trx
    .insertInto('accompaniment_events')
    .values({
      id: crypto.randomUUID(),
      accompaniment_id: accompanimentId,
      at: ctx.now(),
      actor_id: ctx.actor?.userId ?? null,
      type,
      data: data ? JSON.stringify(data) : null,
      note_sealed: null,
    })
    .execute()
}

/** A worker given a case must be a worker of the case's team. */
async function checkTeamWorkers(trx: Trx, teamId: string, userIds: string[], field: string): Promise<void> {
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
  const rows = [{ accompaniment_id: id, user_id: primary, role: 'primary' }]
  for (const u of new Set(coWorkers)) if (u !== primary) rows.push({ accompaniment_id: id, user_id: u, role: 'co' })
  await trx.insertInto('accompaniment_workers').values(rows).execute()
}

/** Opens a case for a person the actor may see, handed to a team (and a worker, when known). */
export async function createAccompaniment(ctx: RequestContext, trx: Trx, input: Create): Promise<string> {
  const actor = ctx.user
  await openPerson(trx, actor, input.personId).catch(() => {
    throw invalidField('personId', 'unknown_person', 'Unknown person')
  })
  if (input.concernedPersonId) {
    if (input.concernedPersonId === input.personId)
      throw invalidField('concernedPersonId', 'same_as_client', 'The client cannot be the concerned person')
    await openPerson(trx, actor, input.concernedPersonId).catch(() => {
      throw invalidField('concernedPersonId', 'unknown_person', 'Unknown person')
    })
  }
  const team = await trx.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst()
  if (!team) throw invalidField('teamId', 'unknown_team', 'Unknown team')
  // A worker opening a case in their own team takes it; intake hands it to the team's lead.
  const primary = input.primaryWorkerId ?? (actor.roles.includes('worker') && actor.teamIds.includes(input.teamId) ? actor.userId : null)
  if (primary) await checkTeamWorkers(trx, input.teamId, [primary], 'primaryWorkerId')
  const id = crypto.randomUUID()
  const now = ctx.now()
  const key = await ctx.codec.personKey(trx, input.personId)
  const f = input.framework
  await trx
    .insertInto('accompaniments')
    .values({
      id,
      code: newCode('A'),
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
      ...sealAccompaniment(ctx, key, id, {
        authority: f.authority,
        conditions: f.conditions,
        reporting: f.reporting,
        summary: input.summary,
        closure_reason: null,
      }),
      closure_outcome: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute()
  if (primary) await setWorkers(trx, id, primary, [])
  await addEvent(ctx, trx, id, 'created', { kind: input.kind, framework: f.framework, status: primary ? 'active' : 'intake' })
  return id
}

function sealAccompaniment(
  ctx: RequestContext,
  key: Buffer,
  id: string,
  values: Record<'authority' | 'conditions' | 'reporting' | 'summary' | 'closure_reason', string | null>,
) {
  const sealed = ctx.codec.sealRow('accompaniments', key, id, values)
  return {
    authority_sealed: sealed.authority_sealed ?? null,
    conditions_sealed: sealed.conditions_sealed ?? null,
    reporting_sealed: sealed.reporting_sealed ?? null,
    summary_sealed: sealed.summary_sealed ?? null,
    closure_reason_sealed: sealed.closure_reason_sealed ?? null,
  }
}

/** The team lead gives the case a primary worker (and co-workers); a new case becomes active. */
export async function assign(
  ctx: RequestContext,
  trx: Trx,
  acc: { id: string; team_id: string; status: string },
  primary: string,
  coWorkers: string[],
) {
  if (!ctx.user.teamIds.includes(acc.team_id)) throw fail('access.forbidden')
  await checkTeamWorkers(trx, acc.team_id, [primary, ...coWorkers], 'primaryWorkerId')
  await setWorkers(trx, acc.id, primary, coWorkers)
  const status = acc.status === 'intake' ? 'active' : acc.status
  await trx
    .updateTable('accompaniments')
    .set((eb) => ({ status, updated_at: ctx.now(), version: eb('version', '+', 1) }))
    .where('id', '=', acc.id)
    .execute()
  await addEvent(ctx, trx, acc.id, 'assigned', { primaryWorkerId: primary, coWorkerIds: coWorkers, status })
}

/** Break the glass: a time-limited grant for a case outside one's own, with a stated reason. */
export async function breakGlass(ctx: RequestContext, trx: Trx, accompanimentId: string, reason: string) {
  const acc = await trx.selectFrom('accompaniments').select(['id', 'person_id']).where('id', '=', accompanimentId).executeTakeFirst()
  if (!acc) throw fail('resource.not_found')
  const id = crypto.randomUUID()
  const now = new Date()
  const expires = new Date(now.getTime() + BREAK_GLASS_HOURS * 3_600_000).toISOString()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const sealed = ctx.codec.sealRow('access_grants', key, id, { reason })
  await trx
    .insertInto('access_grants')
    .values({
      id,
      accompaniment_id: acc.id,
      user_id: ctx.user.userId,
      reason_sealed: sealed.reason_sealed as string,
      granted_at: now.toISOString(),
      expires_at: expires,
    })
    .execute()
  await addEvent(ctx, trx, acc.id, 'break_glass', { userId: ctx.user.userId, expiresAt: expires })
  return { id, personId: acc.person_id, expiresAt: expires }
}
