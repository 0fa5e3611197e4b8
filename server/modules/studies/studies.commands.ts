import crypto from 'node:crypto'
import type { z } from 'zod'
import type { StudyDecisionInput, StudyInput } from '../../../common/contracts/studies.contracts'
import { toJson } from '../../db/json'
import type { Actor, Row, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { purgeExtractFiles } from '../extracts/extract.purge'

type Input = z.output<typeof StudyInput>
type Decision = z.output<typeof StudyDecisionInput>

/** Staff accounts a lead may name on a study: enabled accounts with the researcher role. */
export async function researcherUsers(trx: Trx) {
  return trx
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name'])
    .where('user_roles.role', '=', 'researcher')
    .where('users.disabled', '=', 0)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .execute()
}

async function check(trx: Trx, lead: Actor, input: Input): Promise<string[]> {
  // A team that is not the lead's is, to them, no team at all (as on the team routes).
  if (!lead.teamIds.includes(input.teamId)) throw fail('resource.not_found')
  if (input.endsOn < input.startsOn) throw invalidField('endsOn', 'before_start', 'The study cannot end before it starts')
  const ids = [...new Set(input.researcherIds)]
  if (ids.length > 0) {
    const known = new Set((await researcherUsers(trx)).map((u) => u.id))
    if (ids.some((id) => !known.has(id))) throw invalidField('researcherIds', 'not_researcher', 'Only researcher accounts can be named')
  }
  return ids
}

function columns(input: Input) {
  return {
    team_id: input.teamId,
    title: input.title,
    question: input.question,
    protocol: input.protocol,
    approving_body: input.approvingBody,
    approval_reference: input.approvalReference,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    variables: toJson([...new Set(input.variables)]),
    k: input.k,
  }
}

async function setResearchers(trx: Trx, studyId: string, ids: string[]) {
  await trx.deleteFrom('study_researchers').where('study_id', '=', studyId).execute()
  if (ids.length > 0)
    await trx
      .insertInto('study_researchers')
      .values(ids.map((user_id) => ({ study_id: studyId, user_id })))
      .execute()
}

export async function createStudy(trx: Trx, lead: Actor, input: Input, now: string): Promise<string> {
  const researchers = await check(trx, lead, input)
  const id = crypto.randomUUID()
  await trx
    .insertInto('studies')
    .values({
      id,
      ...columns(input),
      status: 'draft',
      decided_by: null,
      decided_at: null,
      decision_note: null,
      created_by: lead.userId,
      created_at: now,
      version: 1,
    })
    .execute()
  await setResearchers(trx, id, researchers)
  return id
}

/** The study a lead may change: one of their teams', in draft, at the version they saw. */
async function draftOfLead(trx: Trx, lead: Actor, id: string, expected: number) {
  const row = await trx.selectFrom('studies').select(['status', 'version', 'team_id']).where('id', '=', id).executeTakeFirst()
  if (!row || !lead.teamIds.includes(row.team_id)) throw fail('resource.not_found')
  if (row.version !== expected) throw fail('version.mismatch')
  if (row.status !== 'draft') throw fail('study.not_editable')
  return row
}

async function bump(trx: Trx, id: string, expected: number, set: Partial<Omit<Row<'studies'>, 'id' | 'version'>>) {
  const res = await trx
    .updateTable('studies')
    .set({ ...set, version: expected + 1 })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
}

export async function updateStudy(trx: Trx, lead: Actor, id: string, expected: number, input: Input) {
  await draftOfLead(trx, lead, id, expected)
  const researchers = await check(trx, lead, input)
  await bump(trx, id, expected, columns(input))
  await setResearchers(trx, id, researchers)
}

export async function submitStudy(trx: Trx, lead: Actor, id: string, expected: number) {
  await draftOfLead(trx, lead, id, expected)
  await bump(trx, id, expected, { status: 'submitted' })
}

/**
 * The DPO's decision. Separation of duties: a DPO who registered the study or is named on it as a
 * researcher does not approve their own work; another DPO must.
 */
export async function decideStudy(trx: Trx, dpo: Actor, id: string, expected: number, decision: Decision, now: string) {
  const row = await trx.selectFrom('studies').select(['status', 'version', 'created_by']).where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const named = await trx
    .selectFrom('study_researchers')
    .select('user_id')
    .where('study_id', '=', id)
    .where('user_id', '=', dpo.userId)
    .executeTakeFirst()
  if (row.created_by === dpo.userId || named) throw fail('study.decider_involved')
  if (row.version !== expected) throw fail('version.mismatch')
  if (row.status !== 'submitted') throw fail('study.not_submitted')
  if (decision.decision === 'refused' && decision.note === '') throw invalidField('note', 'required', 'A refusal says why')
  await bump(trx, id, expected, {
    status: decision.decision,
    decided_by: dpo.userId,
    decided_at: now,
    decision_note: decision.note === '' ? null : decision.note,
  })
}

/**
 * Closing an approved study, by its team's lead or the DPO: nothing is extractable from then on,
 * and its extracts' files are deleted in the same transaction (the register keeps who took what).
 * Returns how many extracts lost their files.
 */
export async function closeStudy(trx: Trx, user: Actor, id: string, expected: number, now: string): Promise<number> {
  const row = await trx.selectFrom('studies').select(['status', 'version', 'team_id']).where('id', '=', id).executeTakeFirst()
  const mayClose = row && (user.roles.includes('dpo') || (user.roles.includes('lead') && user.teamIds.includes(row.team_id)))
  if (!row || !mayClose) throw fail('resource.not_found')
  if (row.version !== expected) throw fail('version.mismatch')
  if (row.status !== 'approved') throw fail('study.not_approved')
  await bump(trx, id, expected, { status: 'closed', closed_by: user.userId, closed_at: now })
  return purgeExtractFiles(trx, [id], now)
}
