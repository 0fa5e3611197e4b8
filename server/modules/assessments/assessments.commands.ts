import crypto from 'node:crypto'
import type { Answers } from '../../../common/contracts/instruments.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { assertMayChange } from '../accompaniments/accompaniments.queries'
import { definitionOf, latestVersion } from '../instruments/instruments.queries'
import { checkAnswers } from './assessments.validate'

type Case = { id: string; team_id: string; person_id: string; status: string }

async function checkWriter(ctx: RequestContext, trx: Trx, acc: Case): Promise<void> {
  await assertMayChange(trx, ctx.user, acc)
  if (acc.status === 'closed') throw fail('state.invalid_transition')
}

/** A new answer set is given in the instrument's latest version, and keeps it for good. */
export async function createAssessment(
  ctx: RequestContext,
  trx: Trx,
  acc: Case,
  input: { instrument: string; takenOn: string; answers: Answers },
): Promise<{ id: string; version: number }> {
  await checkWriter(ctx, trx, acc)
  const version = await latestVersion(trx, input.instrument)
  if (!version) throw invalidField('instrument', 'unknown_instrument', 'No such instrument')
  const answers = checkAnswers(version.definition, input.answers)
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const now = ctx.now()
  await trx
    .insertInto('assessments')
    .values({
      id,
      accompaniment_id: acc.id,
      instrument_id: input.instrument,
      instrument_version_id: version.id,
      taken_on: input.takenOn,
      answers_sealed: ctx.codec.sealRow('assessments', key, id, { answers }).answers_sealed as string,
      created_by: ctx.user.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute()
  return { id, version: version.version }
}

/** Answers and date change; the instrument version never does. */
export async function updateAssessment(
  ctx: RequestContext,
  trx: Trx,
  acc: Case,
  id: string,
  expected: number,
  input: { takenOn: string; answers: Answers },
): Promise<{ instrument: string; version: number }> {
  await checkWriter(ctx, trx, acc)
  const current = await trx
    .selectFrom('assessments')
    .innerJoin('instrument_versions', 'instrument_versions.id', 'assessments.instrument_version_id')
    .select(['assessments.version', 'assessments.instrument_id', 'instrument_versions.id as version_id', 'instrument_versions.definition'])
    .select('instrument_versions.version as instrument_version')
    .where('assessments.id', '=', id)
    .where('assessments.accompaniment_id', '=', acc.id)
    .executeTakeFirst()
  if (!current) throw fail('resource.not_found')
  if (current.version !== expected) throw fail('version.mismatch')
  const answers = checkAnswers(definitionOf(current.version_id, current.definition), input.answers)
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const result = await trx
    .updateTable('assessments')
    .set({
      taken_on: input.takenOn,
      answers_sealed: ctx.codec.sealRow('assessments', key, id, { answers }).answers_sealed as string,
      updated_at: ctx.now(),
      version: expected + 1,
    })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw fail('version.mismatch')
  return { instrument: current.instrument_id, version: current.instrument_version }
}
