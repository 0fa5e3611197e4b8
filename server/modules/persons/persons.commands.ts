import crypto from 'node:crypto'
import type { z } from 'zod'
import type { PersonInput } from '../../../common/contracts/persons.contracts'
import { toJson } from '../../db/json'
import type { RequestContext, Trx } from '../../http/context'
import { type OpenedPerson, replaceNameSet, updatePersonRow } from '../../security/person-access'
import { fail, invalidField } from '../../http/errors'
import { setClientAgeBands } from '../../security/case-access'
import { ageBandOf } from '../extracts/extract.generalise'
import { isKnownPostcode } from '../postcodes/postcodes.data'
import { freeCode } from '../../security/codes'
import { newPersonCode } from './person-code'

type Input = z.output<typeof PersonInput>

function checkInput(input: Input): void {
  if (input.postcode && !isKnownPostcode(input.postcode)) throw invalidField('postcode', 'unknown_postcode', 'Unknown Belgian postcode')
  if (input.birthDate && Date.parse(input.birthDate) > Date.now()) throw invalidField('birthDate', 'in_future', 'Birth date in the future')
}

/** The birth year kept: the one given, else the birth date's. */
const birthYearOf = (input: Input): number | null => input.birthYear ?? (input.birthDate ? Number(input.birthDate.slice(0, 4)) : null)

function sealedValues(ctx: RequestContext, key: Buffer, id: string, input: Input) {
  return ctx.codec.sealRow('persons', key, id, {
    first_name: input.firstName,
    last_name: input.lastName,
    other_names: input.otherNames,
    birth_date: input.birthDate ?? null,
    birth_year: birthYearOf(input),
    phone: input.phone,
    email: input.email ?? null,
    notes: input.notes,
  })
}

export async function createPerson(ctx: RequestContext, trx: Trx, input: Input): Promise<string> {
  checkInput(input)
  const id = crypto.randomUUID()
  const now = ctx.now()
  const key = await ctx.codec.createPersonKey(trx, id, now)
  await trx
    .insertInto('persons')
    .values({
      id,
      code: await freeCode(trx, 'persons', newPersonCode),
      ...sealedValues(ctx, key, id, input),
      gender: input.gender,
      languages: toJson(input.languages),
      postcode: input.postcode ?? null,
      created_by: ctx.user.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute()
  await replaceNameSet(trx, id, ctx.names.personSet(input))
  return id
}

/** Writes only when the stored version is the one the client read: no silent overwrite. */
export async function updatePerson(ctx: RequestContext, trx: Trx, person: OpenedPerson, version: number, input: Input): Promise<void> {
  checkInput(input)
  const id = person.id
  const key = await ctx.codec.personKey(trx, id)
  const result = await updatePersonRow(trx, person)
    .set({
      ...sealedValues(ctx, key, id, input),
      gender: input.gender,
      languages: toJson(input.languages),
      postcode: input.postcode ?? null,
      updated_at: ctx.now(),
      version: version + 1,
    })
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw fail('version.mismatch')
  await replaceNameSet(trx, id, ctx.names.personSet(input))
  // A corrected birth year moves the age band kept on each of their cases (ADR 0014).
  const birthYear = birthYearOf(input)
  await setClientAgeBands(trx, person, (openedAt) => ageBandOf(birthYear, openedAt))
}
