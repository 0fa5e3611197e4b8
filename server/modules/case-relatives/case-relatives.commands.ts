import crypto from 'node:crypto'
import type { z } from 'zod'
import type { CaseRelativeInput } from '../../../common/contracts/case-relatives.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { invalidField } from '../../http/errors'
import { type ChangeableCase, insertRows, missOrStale, rowsOf, updateRows } from '../../security/case-access'
import { readablePersonIds } from '../../security/person-access'

type Input = z.output<typeof CaseRelativeInput>

/**
 * A relative may be linked to a registered person only if the caller may read that person (they
 * registered them, or see one of their cases): otherwise a case would become a window onto a
 * stranger's cases. A person who does not exist answers the same, so that an id tells nothing.
 */
async function checkPerson(ctx: RequestContext, trx: Trx, acc: ChangeableCase, personId: string | null): Promise<void> {
  if (!personId) return
  if (personId === acc.person_id) throw invalidField('personId', 'is_client', 'The client cannot be their own relative')
  if (!(await readablePersonIds(trx, ctx.user, [personId])).has(personId))
    throw invalidField('personId', 'unknown_person', 'No person you may read has this id')
}

function values(ctx: RequestContext, key: Buffer, id: string, input: Input) {
  const sealed = ctx.codec.sealRow('case_relatives', key, id, { name: input.name, note: input.note })
  return {
    person_id: input.personId,
    name_sealed: sealed.name_sealed,
    relationship: input.relationship,
    involvement: input.involvement,
    consent: input.consent,
    consent_on: input.consentOn,
    note_sealed: sealed.note_sealed,
    ended_on: input.endedOn,
    updated_at: ctx.now(),
  }
}

export async function addRelative(ctx: RequestContext, trx: Trx, acc: ChangeableCase, input: Input): Promise<string> {
  await checkPerson(ctx, trx, acc, input.personId)
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  await insertRows(trx, acc, 'case_relatives', {
    id,
    ...values(ctx, key, id, input),
    created_by: ctx.user.userId,
    created_at: ctx.now(),
    version: 1,
  })
  return id
}

export async function updateRelative(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  relativeId: string,
  version: number,
  input: Input,
): Promise<void> {
  // A colleague who edits the consent keeps the link someone else made; a new link is checked.
  const current = await rowsOf(trx, acc, 'case_relatives')
    .select('case_relatives.person_id')
    .where('case_relatives.id', '=', relativeId)
    .executeTakeFirst()
  if (!current) return missOrStale(trx, acc, 'case_relatives', relativeId)
  if (input.personId !== current.person_id) await checkPerson(ctx, trx, acc, input.personId)
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const result = await updateRows(trx, acc, 'case_relatives')
    .set({ ...values(ctx, key, relativeId, input), version: version + 1 })
    .where('case_relatives.id', '=', relativeId)
    .where('case_relatives.version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await missOrStale(trx, acc, 'case_relatives', relativeId)
}
