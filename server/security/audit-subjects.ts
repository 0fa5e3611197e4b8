import type { Trx } from '../http/context'

/** An audit entry's subject as stored: its kind and the id of the record. */
export type SubjectKey = { type: string; id: string }

const keyOf = (s: SubjectKey) => `${s.type}:${s.id}`

/** How each kind of subject is named to the DPO: a code, a staff name, or a contact's time. */
const READERS: Record<string, (trx: Trx, ids: string[]) => Promise<{ id: string; ref: string }[]>> = {
  accompaniment: (trx, ids) =>
    trx
      .selectFrom('accompaniments')
      .select(['accompaniments.id', 'accompaniments.code as ref'])
      .where('accompaniments.id', 'in', ids)
      .execute(),
  person: (trx, ids) => trx.selectFrom('persons').select(['persons.id', 'persons.code as ref']).where('persons.id', 'in', ids).execute(),
  referral: (trx, ids) =>
    trx.selectFrom('referrals').select(['referrals.id', 'referrals.code as ref']).where('referrals.id', 'in', ids).execute(),
  // A contact has no code: the moment it took place is how the contact point refers to it.
  contact: (trx, ids) =>
    trx.selectFrom('contacts').select(['contacts.id', 'contacts.occurred_at as ref']).where('contacts.id', 'in', ids).execute(),
  user: (trx, ids) => trx.selectFrom('users').select(['users.id', 'users.display_name as ref']).where('users.id', 'in', ids).execute(),
  team: (trx, ids) => trx.selectFrom('teams').select(['teams.id', 'teams.name as ref']).where('teams.id', 'in', ids).execute(),
  partner_organisation: (trx, ids) =>
    trx
      .selectFrom('partner_organisations')
      .select(['partner_organisations.id', 'partner_organisations.name as ref'])
      .where('partner_organisations.id', 'in', ids)
      .execute(),
}

/**
 * The references by which the DPO's audit screen names the subjects of a page of entries, keyed
 * `type:id`: case, person and referral codes, a contact's time, the name of a staff account, a
 * team or a partner organisation. Never a person's name or a record's content: the subject of an
 * entry is named the way the service names it, so that the DPO need not read the record. A
 * subject whose record is gone (or of another kind) has none.
 */
export async function subjectReferences(trx: Trx, subjects: SubjectKey[]): Promise<Map<string, string>> {
  const byType = new Map<string, Set<string>>()
  for (const s of subjects) if (READERS[s.type]) byType.set(s.type, (byType.get(s.type) ?? new Set()).add(s.id))
  const out = new Map<string, string>()
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const rows = await READERS[type]!(trx, [...ids])
      for (const r of rows) out.set(keyOf({ type, id: r.id }), r.ref)
    }),
  )
  return out
}

export const subjectKey = keyOf
