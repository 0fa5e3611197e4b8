import crypto from 'node:crypto'
import type { Insertable } from 'kysely'
import { toJson } from '../db/json'
import type { Database } from '../db/schema'
import type { Services } from '../http/context'
import { newPersonCode } from '../modules/persons/person-code'
import { addNameSets } from '../security/person-access'
import { hashPassword } from '../security/passwords'
import { createUser } from '../modules/users/users.commands'
import { systemContext } from './system-context'
import { FIRST_NAMES, LAST_NAMES, POSTCODES, pick, rng } from './synthetic'

const BATCH = 400

/**
 * Scale data for benchmarks: persons written through the same codec and name index as the app,
 * in batches, each batch one transaction with one audit entry.
 */
export async function seedPersons(services: Services, count: number, onProgress?: (done: number) => void, seed = 42): Promise<string> {
  const ctx = await systemContext(services, null, 'seed-persons')
  const email = `synthetic-${seed}@bench.parcours.test`
  let author = await services.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  if (!author) {
    const password = await hashPassword(crypto.randomBytes(24).toString('base64url'))
    const id = await ctx.write('user.created', async (trx, audit) => {
      const created = await createUser(trx, { email, displayName: 'Synthetic data', roles: ['worker'], teamIds: [] }, ctx.now(), password)
      audit.subject('user', created.id)
      return created.id
    })
    author = { id }
  }
  const r = rng(seed)
  const now = new Date().toISOString()
  // Codes are 40 random bits: among 120,000 new ones, two alike about once in 150 seeds, which
  // the unique index then refuses. A code already given in this run is drawn again.
  const given = new Set<string>()
  const freshCode = () => {
    let code = newPersonCode()
    while (given.has(code)) code = newPersonCode()
    given.add(code)
    return code
  }
  for (let done = 0; done < count;) {
    const size = Math.min(BATCH, count - done)
    await ctx.write('seed.persons', async (trx, audit) => {
      const persons: Insertable<Database['persons']>[] = []
      const keys: Parameters<typeof addNameSets>[1] = []
      const wrapped = []
      for (let i = 0; i < size; i++) {
        const id = crypto.randomUUID()
        const first = pick(r, FIRST_NAMES)
        const last = pick(r, LAST_NAMES)
        const year = 1950 + Math.floor(r() * 60)
        const { key, wrappedKey } = services.codec.newPersonKey(id)
        wrapped.push({ person_id: id, wrapped_key: wrappedKey, created_at: now })
        persons.push({
          id,
          code: freshCode(),
          ...services.codec.sealRow('persons', key, id, {
            first_name: first,
            last_name: last,
            other_names: [],
            birth_date: null,
            birth_year: year,
            phone: null,
            email: null,
            notes: `Synthetic record ${done + i}`,
          }),
          gender: r() < 0.5 ? 'male' : 'female',
          languages: toJson(['fr']),
          postcode: pick(r, POSTCODES),
          created_by: author.id,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        keys.push({ personId: id, set: services.names.personSet({ firstName: first, lastName: last, otherNames: [] }) })
      }
      await trx.insertInto('person_keys').values(wrapped).execute()
      await trx.insertInto('persons').values(persons).execute()
      await addNameSets(trx, keys)
      audit.detail({ count: size })
    })
    done += size
    onProgress?.(done)
  }
  return author.id
}
