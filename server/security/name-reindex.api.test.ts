import crypto from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createServices } from '../services'
import { auditRows, json, startTestApp, type TestApp } from '../test/harness'
import { verifyAudit } from './audit.chain'
import { NAME_INDEX_VERSION } from './name-index'
import { runCli } from '../test/cli'

/**
 * Search keys are keyed hashes of names: when the way they are made changes, the stored ones
 * match nothing until every person's names are opened and hashed again. A database made before
 * ADR 0006 (keys not tagged with the part of the name) found nobody by name after the upgrade.
 */
let t: TestApp
let worker: Awaited<ReturnType<TestApp['as']>>
beforeAll(async () => {
  t = await startTestApp()
  worker = await t.as(['worker'], { teamIds: [await t.team()] })
  for (const [firstName, lastName] of [
    ['Sofia', 'Lemaire'],
    ['Youssef', 'Benhaddou'],
  ])
    expect((await worker.post('/api/persons', { firstName, lastName })).statusCode).toBe(201)
})
afterAll(() => t.close())

const found = async (q: string) => json(await worker.post('/api/persons/search', { q })).items.length

/** What a database indexed by an older version holds: keys this version's queries never produce. */
async function ageTheIndex(): Promise<void> {
  const rows = await t.services.db.selectFrom('person_name_sets').select(['person_id']).execute()
  await t.services.db.deleteFrom('person_name_sets').execute()
  await t.services.db.deleteFrom('name_set_keys').execute()
  for (const r of rows) {
    const set_hash = crypto.randomBytes(16).toString('base64url')
    await t.services.db.insertInto('person_name_sets').values({ person_id: r.person_id, set_hash }).execute()
    await t.services.db
      .insertInto('name_set_keys')
      .values({ key_hash: crypto.randomBytes(16).toString('base64url'), set_hash })
      .execute()
  }
  await t.services.db.updateTable('system_state').set({ value: '1' }).where('key', '=', 'name_index_version').execute()
}

it('makes the keys again at start-up when the stored index is older, once, with one audit entry', async () => {
  expect(await found('Sofia Lemaire')).toBe(1)
  await ageTheIndex()
  expect(await found('Sofia Lemaire')).toBe(0)

  // A restart on the same database: the composition root notices and re-indexes before serving.
  const restarted = await createServices(t.config)
  try {
    expect(restarted.reindexed).toBe(2)
  } finally {
    await restarted.close()
  }
  expect(await found('Sofia Lemaire')).toBe(1)
  expect(await found('Youssef Benhadou')).toBe(1)
  // The aged sets went with their last bearers: only the two names' sets are stored.
  const stored = await t.services.db.selectFrom('name_set_keys').select('set_hash').distinct().execute()
  expect(stored).toHaveLength(2)
  const state = await t.services.db
    .selectFrom('system_state')
    .select('value')
    .where('key', '=', 'name_index_version')
    .executeTakeFirstOrThrow()
  expect(Number(state.value)).toBe(NAME_INDEX_VERSION)
  const entries = await auditRows(t.services, 'names.reindexed')
  expect(entries).toHaveLength(1)
  // How many persons were opened and why; nobody is named one by one.
  expect(JSON.parse(entries[0]?.details ?? '{}')).toEqual({ persons: 2, from: 1, to: NAME_INDEX_VERSION, reason: 'version' })
  expect(entries[0]?.persons).toBeNull()
  expect((await verifyAudit(t.services.db)).ok).toBe(true)

  // Up to date: the next start does nothing.
  const again = await createServices(t.config)
  try {
    expect(again.reindexed).toBeNull()
  } finally {
    await again.close()
  }
  expect(await auditRows(t.services, 'names.reindexed')).toHaveLength(1)
})

it('lets an operator make the keys again on demand (after restoring an older backup)', async () => {
  await ageTheIndex()
  // The version says "current", yet the keys are old: only the operator's command can tell.
  await t.services.db
    .updateTable('system_state')
    .set({ value: String(NAME_INDEX_VERSION) })
    .where('key', '=', 'name_index_version')
    .execute()
  expect(await found('Sofia Lemaire')).toBe(0)
  const res = runCli(t, ['names', 'reindex'])
  expect(res.status, res.stderr).toBe(0)
  expect(res.stdout).toContain('search keys made again for 2 persons')
  expect(await found('Sofia Lemaire')).toBe(1)
  const last = (await auditRows(t.services, 'names.reindexed')).at(-1)
  expect(JSON.parse(last?.details ?? '{}')).toMatchObject({ persons: 2, reason: 'operator' })
})
