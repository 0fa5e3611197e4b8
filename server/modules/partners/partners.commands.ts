import crypto from 'node:crypto'
import type { FieldError } from '../../../common/contracts/problem.contracts'
import type { PartnerOrganisationInput } from '../../../common/contracts/partners.contracts'
import { toJson } from '../../db/json'
import type { Trx } from '../../http/context'
import { AppError, fail } from '../../http/errors'
import { isKnownArea } from './partners.geography'
import { coverageRow, filterRow, rankCopies, serviceTerms } from './partners.search-index'

/**
 * Writes to the partner directory, each in the transaction of its audit entry (ctx.write). An
 * organisation is written whole: its contacts and services as given (services keep their ids;
 * those left out are removed with their needs and coverage), so the editor, the HSDS import and,
 * later, a partner's own edits share one path.
 */
export type Written = { id: string; version: number; created: boolean }

/** Needs and coverage a service names that the directory does not know, and ids owned elsewhere. */
export async function checkOrganisation(trx: Trx, id: string | null, input: PartnerOrganisationInput): Promise<FieldError[]> {
  const errors: FieldError[] = []
  const needs = new Set((await trx.selectFrom('need_categories').select('code').execute()).map((n) => n.code))
  input.services.forEach((s, i) => {
    s.needs.forEach((n, j) => {
      if (!needs.has(n)) errors.push({ field: `services.${i}.needs.${j}`, code: 'unknown', message: 'No need category has this code' })
    })
    s.coverage.forEach((c, j) => {
      if (!isKnownArea(c.level, c.code))
        errors.push({ field: `services.${i}.coverage.${j}.code`, code: 'unknown', message: `No ${c.level} has this code` })
    })
  })
  errors.push(...(await foreignIds(trx, id, input)))
  const seen = new Set<string>()
  input.services.forEach((s, i) => {
    if (s.id && seen.has(s.id)) errors.push({ field: `services.${i}.id`, code: 'duplicate', message: 'Listed twice' })
    if (s.id) seen.add(s.id)
  })
  return errors
}

/** Service and contact ids given that belong to another organisation (or, for a new one, to any). */
export async function foreignIds(trx: Trx, id: string | null, input: PartnerOrganisationInput, prefix = ''): Promise<FieldError[]> {
  const errors: FieldError[] = []
  const serviceIds = input.services.flatMap((s) => (s.id ? [s.id] : []))
  const contactIds = input.contacts.flatMap((c) => (c.id ? [c.id] : []))
  const owners = new Map<string, string>()
  if (serviceIds.length)
    for (const r of await trx.selectFrom('partner_services').select(['id', 'organisation_id']).where('id', 'in', serviceIds).execute())
      owners.set(r.id, r.organisation_id)
  if (contactIds.length)
    for (const r of await trx.selectFrom('partner_org_contacts').select(['id', 'organisation_id']).where('id', 'in', contactIds).execute())
      owners.set(r.id, r.organisation_id)
  input.services.forEach((s, i) => {
    const owner = s.id ? owners.get(s.id) : undefined
    if (owner && owner !== id)
      errors.push({ field: `${prefix}services.${i}.id`, code: 'taken', message: 'Another organisation has this service' })
  })
  input.contacts.forEach((c, i) => {
    const owner = c.id ? owners.get(c.id) : undefined
    if (owner && owner !== id)
      errors.push({ field: `${prefix}contacts.${i}.id`, code: 'taken', message: 'Another organisation has this contact' })
  })
  return errors
}

export async function createOrganisation(trx: Trx, input: PartnerOrganisationInput, now: string): Promise<Written> {
  const id = input.id ?? crypto.randomUUID()
  if (input.id) {
    const taken = await trx.selectFrom('partner_organisations').select('id').where('id', '=', id).executeTakeFirst()
    if (taken) throw new AppError('validation.failed', [{ field: 'id', code: 'taken', message: 'An organisation has this id' }])
  }
  const errors = await checkOrganisation(trx, null, input)
  if (errors.length) throw new AppError('validation.failed', errors)
  return writeOrganisation(trx, id, input, now, null)
}

export async function updateOrganisation(
  trx: Trx,
  id: string,
  expected: number,
  input: PartnerOrganisationInput,
  now: string,
): Promise<Written> {
  const current = await trx.selectFrom('partner_organisations').select('version').where('id', '=', id).executeTakeFirst()
  if (!current) throw fail('resource.not_found')
  if (current.version !== expected) throw fail('version.mismatch')
  const errors = await checkOrganisation(trx, id, input)
  if (errors.length) throw new AppError('validation.failed', errors)
  return writeOrganisation(trx, id, input, now, expected)
}

/** Inserts or replaces the organisation `id` (checks done by the caller); `expected`: the version it replaces. */
export async function writeOrganisation(
  trx: Trx,
  id: string,
  input: PartnerOrganisationInput,
  now: string,
  expected: number | null,
): Promise<Written> {
  const fields = {
    name: input.name,
    alternate_name: input.alternateName,
    description: input.description,
    missions: input.missions,
    goals: input.goals,
    ethics: input.ethics,
    charter_signed_on: input.charterSignedOn,
    charter_renew_on: input.charterRenewOn,
    audiences: toJson(input.audiences),
    languages: toJson(input.languages),
    accessibility: input.accessibility,
    email: input.email,
    website: input.website,
    referral_email: input.referralEmail,
    active: input.active ? 1 : 0,
    updated_at: now,
  }
  let version = 1
  if (expected === null) {
    await trx
      .insertInto('partner_organisations')
      .values({ id, ...fields, created_at: now, version })
      .execute()
  } else {
    version = expected + 1
    const updated = await trx
      .updateTable('partner_organisations')
      .set({ ...fields, version })
      .where('id', '=', id)
      .where('version', '=', expected)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) throw fail('version.mismatch')
  }

  await trx.deleteFrom('partner_org_contacts').where('organisation_id', '=', id).execute()
  if (input.contacts.length)
    await trx
      .insertInto('partner_org_contacts')
      .values(
        input.contacts.map((c, position) => ({
          id: c.id ?? crypto.randomUUID(),
          organisation_id: id,
          position,
          name: c.name,
          title: c.title,
          email: c.email,
          phone: c.phone,
        })),
      )
      .execute()

  const before = await trx.selectFrom('partner_services').select(['id', 'version']).where('organisation_id', '=', id).execute()
  const beforeIds = before.map((s) => s.id)
  if (beforeIds.length) {
    await trx.deleteFrom('partner_service_needs').where('service_id', 'in', beforeIds).execute()
    await trx.deleteFrom('partner_service_coverage').where('service_id', 'in', beforeIds).execute()
    await trx.deleteFrom('partner_service_terms').where('service_id', 'in', beforeIds).execute()
  }
  const kept = new Set(input.services.flatMap((s) => (s.id ? [s.id] : [])))
  const gone = beforeIds.filter((s) => !kept.has(s))
  if (gone.length) await trx.deleteFrom('partner_services').where('id', 'in', gone).execute()
  const versions = new Map(before.map((s) => [s.id, s.version]))
  for (const [position, s] of input.services.entries()) {
    const serviceId = s.id ?? crypto.randomUUID()
    const copies = rankCopies(s, input)
    const serviceFields = {
      position,
      name: s.name,
      description: s.description,
      status: s.status,
      eligibility: s.eligibility,
      capacity: s.capacity,
      wait_days: s.waitDays,
      fees_description: s.feesDescription,
      languages: toJson(s.languages),
      audiences: toJson(s.audiences),
      minimum_age: s.minimumAge,
      maximum_age: s.maximumAge,
      updated_at: now,
      ...copies,
    }
    const had = versions.get(serviceId)
    if (had === undefined)
      await trx
        .insertInto('partner_services')
        .values({ id: serviceId, organisation_id: id, ...serviceFields, version: 1 })
        .execute()
    else
      await trx
        .updateTable('partner_services')
        .set({ ...serviceFields, version: had + 1 })
        .where('id', '=', serviceId)
        .execute()
    if (s.needs.length)
      await trx
        .insertInto('partner_service_needs')
        .values(s.needs.map((need_code) => ({ ...filterRow(serviceId, copies, s.waitDays), need_code })))
        .execute()
    if (s.coverage.length)
      await trx
        .insertInto('partner_service_coverage')
        .values(s.coverage.map((c) => coverageRow(serviceId, c, copies, s.waitDays)))
        .execute()
    const terms = serviceTerms(s.languages, s.audiences)
    if (terms.length)
      await trx
        .insertInto('partner_service_terms')
        .values(terms.map((term) => ({ ...filterRow(serviceId, copies, s.waitDays), term })))
        .execute()
  }
  return { id, version, created: expected === null }
}
