import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../db/database'
import { migrate } from '../db/migrate'
import { open, seal } from './aead'
import { Codec } from './codec'

const master = crypto.randomBytes(32)
const codec = new Codec(master)
const personId = crypto.randomUUID()
const key = codec.newPersonKey(personId).key

const PLAIN = {
  first_name: 'Zephyrine',
  last_name: 'Quastenbroek',
  other_names: ['Zeffy', 'Q.'],
  birth_date: '1991-04-17',
  birth_year: 1991,
  phone: null,
  email: 'z@example.org',
  notes: 'Unicorn marmalade memo — « accents » ✓',
}

/** Flips one bit in the ciphertext body of a `v1.<iv>.<body>` envelope. */
function flip(sealed: string, at = 3): string {
  const [v, iv, body] = sealed.split('.') as [string, string, string]
  const bytes = Buffer.from(body, 'base64url')
  bytes[at % bytes.length] = (bytes[at % bytes.length] as number) ^ 0x01
  return `${v}.${iv}.${bytes.toString('base64url')}`
}

describe('codec: sealing personal fields', () => {
  it('round-trips every field, keeping types, and seals null as null', () => {
    const sealed = codec.sealRow('persons', key, personId, PLAIN)
    expect(sealed.phone_sealed).toBeNull()
    expect(Object.keys(sealed).sort()).toEqual(
      Object.keys(PLAIN)
        .map((k) => `${k}_sealed`)
        .sort(),
    )
    for (const v of Object.values(sealed)) if (v) expect(v).not.toContain('Zephyrine')
    expect(codec.openRow('persons', key, personId, sealed)).toEqual(PLAIN)
  })

  it('only seals the fields it is given', () => {
    expect(codec.sealRow('persons', key, personId, { notes: 'x' })).toEqual({ notes_sealed: expect.stringMatching(/^v1\./) })
  })

  it('uses a fresh nonce every time, so equal values never look equal', () => {
    const a = codec.sealRow('persons', key, personId, { first_name: 'Anna' }).first_name_sealed as string
    const b = codec.sealRow('persons', key, personId, { first_name: 'Anna' }).first_name_sealed as string
    expect(a).not.toBe(b)
    expect(a.split('.')[1]).not.toBe(b.split('.')[1])
    const ivs = new Set(Array.from({ length: 200 }, () => seal(key, 'same', 'aad').split('.')[1]))
    expect(ivs.size).toBe(200)
  })

  it('refuses a value moved to another row or another column (wrong associated data)', () => {
    const sealed = codec.sealRow('persons', key, personId, { first_name: 'Anna' })
    expect(() => codec.openRow('persons', key, crypto.randomUUID(), sealed)).toThrow()
    expect(() => codec.openRow('persons', key, personId, { last_name_sealed: sealed.first_name_sealed })).toThrow()
    expect(() => open(key, sealed.first_name_sealed as string, `persons.first_name:${personId}`)).not.toThrow()
  })

  it('refuses any tampering with nonce, body or tag, and unknown formats', () => {
    const sealed = seal(key, 'Unicorn marmalade memo', 'aad')
    const [v, iv, body] = sealed.split('.') as [string, string, string]
    const bodyBytes = Buffer.from(body, 'base64url')
    expect(() => open(key, flip(sealed, 0), 'aad')).toThrow()
    expect(() => open(key, flip(sealed, bodyBytes.length - 1), 'aad')).toThrow() // the tag
    const otherIv = Buffer.from(iv, 'base64url')
    otherIv[0] = (otherIv[0] as number) ^ 0x80
    expect(() => open(key, `${v}.${otherIv.toString('base64url')}.${body}`, 'aad')).toThrow()
    expect(() => open(key, `${v}.${iv}.${bodyBytes.subarray(0, bodyBytes.length - 1).toString('base64url')}`, 'aad')).toThrow()
    expect(() => open(key, `v2.${iv}.${body}`, 'aad')).toThrow(/unsupported/)
    expect(() => open(key, 'Unicorn marmalade memo', 'aad')).toThrow(/unsupported/)
    expect(open(key, sealed, 'aad').toString()).toBe('Unicorn marmalade memo')
  })

  it('refuses the wrong person key', () => {
    const sealed = codec.sealRow('persons', key, personId, { notes: 'private' })
    const other = codec.newPersonKey(personId).key
    expect(() => codec.openRow('persons', other, personId, sealed)).toThrow()
  })

  it('opens what its schema declares, and refuses a sealed value that does not match it, naming the field and not the value', () => {
    // Sealed directly, bypassing the codec's check, as a value written by older code or moved by hand would be.
    const wrong = (field: string, value: unknown) => seal(key, JSON.stringify(value), `persons.${field}:${personId}`)
    const refused = (row: Record<string, string | null>) => {
      try {
        codec.openRow('persons', key, personId, row)
      } catch (error) {
        return String(error)
      }
      return 'opened'
    }
    expect(refused({ first_name_sealed: wrong('first_name', 'Zephyrine') })).toBe('opened')
    expect(refused({ first_name_sealed: wrong('first_name', 1991) })).toMatch(/persons\.first_name does not match its schema/)
    expect(refused({ birth_year_sealed: wrong('birth_year', '1991') })).toMatch(/persons\.birth_year/)
    expect(refused({ other_names_sealed: wrong('other_names', ['Zeffy', 7]) })).toMatch(
      /persons\.other_names does not match its schema: 1 /,
    )
    expect(refused({ other_names_sealed: wrong('other_names', 'Zeffy') })).not.toContain('Zeffy')
    // A column that may not be NULL holds no NULL; one that may, opens as null.
    expect(refused({ first_name_sealed: null })).toMatch(/persons\.first_name/)
    expect(codec.openRow('persons', key, personId, { phone_sealed: null })).toEqual({ phone: null })
    // Only the columns the row holds are opened.
    expect(Object.keys(codec.openRow('persons', key, personId, codec.sealRow('persons', key, personId, { notes: 'x' })))).toEqual(['notes'])
  })

  it('seals only what matches the schema, so that what is sealed always opens', () => {
    expect(() => codec.sealRow('persons', key, personId, { birth_year: '1991' as never })).toThrow(/persons\.birth_year does not match/)
    expect(() => codec.sealRow('persons', key, personId, { first_name: null as never })).toThrow(/persons\.first_name/)
    expect(() => codec.sealRow('network_snapshots', key, personId, { ties: [{ name: 'Maman' }] as never })).toThrow(
      /network_snapshots\.ties does not match its schema: 0\.id/,
    )
    expect(() => codec.sealRow('persons', key, personId, { first_name: 'Zephyrine' })).not.toThrow()
  })

  it('system secrets open only with the same master key and the same purpose', () => {
    const sealed = codec.sealSecret('JBSWY3DPEHPK3PXP', 'users.mfa_secret:u1')
    expect(new Codec(master).openSecret(sealed, 'users.mfa_secret:u1')).toBe('JBSWY3DPEHPK3PXP')
    expect(() => codec.openSecret(sealed, 'users.mfa_secret:u2')).toThrow()
    expect(() => new Codec(crypto.randomBytes(32)).openSecret(sealed, 'users.mfa_secret:u1')).toThrow()
  })
})

describe('codec: wrapped person keys in the database', () => {
  let db: Db
  beforeAll(async () => {
    db = openDatabase({ kind: 'sqlite', file: ':memory:' }).db
    await migrate(db, 'sqlite')
  })
  afterAll(() => db?.destroy())

  it('unwraps with the same master key, refuses another, and fails when the key is shredded', async () => {
    const id = crypto.randomUUID()
    const writer = new Codec(master)
    const dataKey = await writer.createPersonKey(db, id, new Date().toISOString())
    const sealed = writer.sealRow('persons', dataKey, id, { notes: 'Unicorn marmalade memo' })

    const row = await db.selectFrom('person_keys').select('wrapped_key').where('person_id', '=', id).executeTakeFirstOrThrow()
    expect(row.wrapped_key).not.toContain(dataKey.toString('base64'))
    expect(row.wrapped_key).not.toContain(dataKey.toString('base64url'))

    // A fresh codec has no cached key: it really unwraps from the database.
    const reader = new Codec(master)
    expect(reader.openRow('persons', await reader.personKey(db, id), id, sealed).notes).toBe('Unicorn marmalade memo')
    await expect(new Codec(crypto.randomBytes(32)).personKey(db, id)).rejects.toThrow()

    // A wrapped key copied to another person does not unwrap there.
    const other = crypto.randomUUID()
    await db
      .insertInto('person_keys')
      .values({ person_id: other, wrapped_key: row.wrapped_key, created_at: new Date().toISOString() })
      .execute()
    await expect(new Codec(master).personKey(db, other)).rejects.toThrow()

    await db.deleteFrom('person_keys').where('person_id', '=', id).execute()
    await expect(new Codec(master).personKey(db, id)).rejects.toThrow(/missing/)
  })
})

describe('the cache of unwrapped data keys', () => {
  let db: Db
  beforeAll(async () => {
    db = openDatabase({ kind: 'sqlite', file: ':memory:' }).db
    await migrate(db, 'sqlite')
  })
  afterAll(() => db.destroy())

  it('serves a key from memory for its TTL only, and not at all once invalidated (crypto-shredding)', async () => {
    let now = 1_000_000
    const keys = new Codec(master, { keyTtlMs: 30_000, now: () => now })
    const id = crypto.randomUUID()
    const created = await keys.createPersonKey(db, id, new Date().toISOString())
    expect(await keys.personKey(db, id)).toEqual(created)

    // Shredded in the database by another process: this one still holds the key until it expires…
    await db.deleteFrom('person_keys').where('person_id', '=', id).execute()
    now += 29_000
    expect(await keys.personKey(db, id)).toEqual(created)
    expect((await keys.personKeys(db, [id])).get(id)).toEqual(created)
    // …and not a moment after.
    now += 1_001
    await expect(keys.personKey(db, id)).rejects.toThrow(/missing/)
    expect((await keys.personKeys(db, [id])).has(id)).toBe(false)

    // Shredded by this process: invalidate drops the cached key at once.
    const other = crypto.randomUUID()
    await keys.createPersonKey(db, other, new Date().toISOString())
    expect((await keys.personKeys(db, [other])).size).toBe(1)
    await db.deleteFrom('person_keys').where('person_id', '=', other).execute()
    keys.invalidate(other)
    await expect(keys.personKey(db, other)).rejects.toThrow(/missing/)
    expect((await keys.personKeys(db, [other])).size).toBe(0)
  })

  it('keeps the keys of a bulk read out of the cache (remember: false), and those of any other read in it', async () => {
    const bulk = new Codec(master)
    const usual = new Codec(master)
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()]
    for (const id of [a, b]) await new Codec(master).createPersonKey(db, id, new Date().toISOString())
    expect((await bulk.personKeys(db, [a], { remember: false })).size).toBe(1)
    expect((await usual.personKeys(db, [b])).size).toBe(1)
    await db.deleteFrom('person_keys').where('person_id', 'in', [a, b]).execute()
    // The bulk reader asks the database again and finds the key gone; the usual one still holds its copy.
    await expect(bulk.personKey(db, a)).rejects.toThrow(/missing/)
    expect((await usual.personKeys(db, [b])).size).toBe(1)
  })
})
