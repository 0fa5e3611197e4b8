import crypto from 'node:crypto'
import type { z } from 'zod'
import type { CaseRelativeInput } from '../../../common/contracts/case-relatives.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { assertMayChange } from '../accompaniments/accompaniments.queries'
import { missOrStale } from '../accompaniments/case-rows'

type Input = z.output<typeof CaseRelativeInput>
type Case = { id: string; team_id: string; person_id: string; status: string }

async function check(ctx: RequestContext, trx: Trx, acc: Case, input: Input): Promise<void> {
  await assertMayChange(trx, ctx.user, acc)
  if (acc.status === 'closed') throw fail('state.invalid_transition')
  if (input.personId === acc.person_id) throw invalidField('personId', 'is_client', 'The client cannot be their own relative')
  if (input.personId) {
    const exists = await trx.selectFrom('persons').select('id').where('id', '=', input.personId).executeTakeFirst()
    if (!exists) throw invalidField('personId', 'not_found', 'No such person')
  }
}

function values(ctx: RequestContext, key: Buffer, id: string, input: Input) {
  const sealed = ctx.codec.sealRow('case_relatives', key, id, { name: input.name, note: input.note })
  return {
    person_id: input.personId,
    name_sealed: sealed.name_sealed!,
    relationship: input.relationship,
    involvement: input.involvement,
    consent: input.consent,
    consent_on: input.consentOn,
    note_sealed: sealed.note_sealed ?? null,
    ended_on: input.endedOn,
    updated_at: ctx.now(),
  }
}

export async function addRelative(ctx: RequestContext, trx: Trx, acc: Case, input: Input): Promise<string> {
  await check(ctx, trx, acc, input)
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  await trx
    .insertInto('case_relatives')
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

export async function updateRelative(ctx: RequestContext, trx: Trx, acc: Case, relativeId: string, version: number, input: Input) {
  await check(ctx, trx, acc, input)
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const result = await trx
    .updateTable('case_relatives')
    .set({ ...values(ctx, key, relativeId, input), version: version + 1 })
    .where('id', '=', relativeId)
    .where('accompaniment_id', '=', acc.id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await missOrStale(trx, 'case_relatives', relativeId, acc.id)
}
