import crypto from 'node:crypto'
import type { Answers } from '../../../common/contracts/instruments.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { type ChangeableCase, insertRows, rowsOf, updateRows } from '../../security/case-access'
import { definitionOf, latestVersion, usesOf } from '../instruments/instruments.queries'
import { PROGRESS_REVIEW_CODE } from '../instruments/builtin'
import { refreshReviewFacts } from '../progress/progress-facts'
import { checkAnswers } from './assessments.validate'

/** A new answer set is given in the instrument's latest version, and keeps it for good. */
export async function createAssessment(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  input: { instrument: string; takenOn: string; answers: Answers },
): Promise<{ id: string; version: number }> {
  const version = await latestVersion(trx, input.instrument)
  if (!version) throw invalidField('instrument', 'unknown_instrument', 'No such instrument')
  const uses = await usesOf(trx, input.instrument)
  // The triage grid (and any instrument made for contacts) is not answered on a case.
  if (uses?.purpose !== 'case') throw invalidField('instrument', 'not_for_cases', 'This instrument is answered for contacts, not on a case')
  // Motivations are about the person concerned, not a relative's: each kind of case has its own.
  if (!uses.clientKinds.includes(acc.kind))
    throw invalidField('instrument', 'not_for_client_kind', 'This instrument is not answered on this kind of case')
  const answers = checkAnswers(version.definition, input.answers)
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const now = ctx.now()
  await insertRows(trx, acc, 'assessments', {
    id,
    instrument_id: input.instrument,
    instrument_version_id: version.id,
    taken_on: input.takenOn,
    answers_sealed: ctx.codec.sealRow('assessments', key, id, { answers }).answers_sealed,
    created_by: ctx.user.userId,
    created_at: now,
    updated_at: now,
    updated_by: ctx.user.userId,
    version: 1,
  })
  if (input.instrument === PROGRESS_REVIEW_CODE) await refreshReviewFacts(ctx, trx, acc)
  return { id, version: version.version }
}

/** Answers and date change; the instrument version never does. */
export async function updateAssessment(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  id: string,
  expected: number,
  input: { takenOn: string; answers: Answers },
): Promise<{ instrument: string; version: number }> {
  const current = await rowsOf(trx, acc, 'assessments')
    .innerJoin('instrument_versions', 'instrument_versions.id', 'assessments.instrument_version_id')
    .select(['assessments.version', 'assessments.instrument_id', 'instrument_versions.id as version_id', 'instrument_versions.definition'])
    .select('instrument_versions.version as instrument_version')
    .where('assessments.id', '=', id)
    .executeTakeFirst()
  if (!current) throw fail('resource.not_found')
  if (current.version !== expected) throw fail('version.mismatch')
  const answers = checkAnswers(definitionOf(current.version_id, current.definition), input.answers)
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const result = await updateRows(trx, acc, 'assessments')
    .set({
      taken_on: input.takenOn,
      answers_sealed: ctx.codec.sealRow('assessments', key, id, { answers }).answers_sealed,
      updated_at: ctx.now(),
      updated_by: ctx.user.userId,
      version: expected + 1,
    })
    .where('assessments.id', '=', id)
    .where('assessments.version', '=', expected)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw fail('version.mismatch')
  if (current.instrument_id === PROGRESS_REVIEW_CODE) await refreshReviewFacts(ctx, trx, acc)
  return { instrument: current.instrument_id, version: current.instrument_version }
}
