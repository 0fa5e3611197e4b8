import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type StudyTeam, download, seedStudyTeam, takeExtract } from '../../modules/extracts/extracts.fixture'
import { startTestApp, type TestApp } from '../../test/harness'
import { up } from './0071-extract-files'

/**
 * Migration 0071 moves an extract's files out of its register row. A database from before it is
 * made again from a current one: the three columns put back and filled from the files table, the
 * table dropped. Running the migration must give every file back, byte for byte as downloaded
 * before, and nothing for an extract whose files were empty.
 */
let t: TestApp
let s: StudyTeam

beforeAll(async () => {
  t = await startTestApp()
  s = await seedStudyTeam(t)
})
afterAll(() => t?.close())

it('moves the files of a database from before 0071 into their table, and drops the columns', async () => {
  const db = t.services.db
  const kept = await takeExtract(t, s.rA, s.studyA)
  const emptied = await takeExtract(t, s.rB, s.studyB)
  const before = await Promise.all(
    (['csv', 'xlsx', 'dictionary'] as const).map(async (f) => (await download(s.rA, s.studyA, kept.id, f)).rawPayload),
  )

  const blob = t.services.kind === 'postgres' ? sql`bytea` : sql`blob`
  for (const format of ['csv', 'xlsx', 'dictionary']) {
    await sql`alter table study_extracts add column ${sql.ref(format)} ${blob}`.execute(db)
    await sql`update study_extracts set ${sql.ref(format)} = coalesce((select sealed from study_extract_files f
      where f.extract_id = study_extracts.id and f.format = ${format}), ${Buffer.alloc(0)})`.execute(db)
  }
  // As a purge left them: the files empty (0059), the register row kept.
  await sql`update study_extracts set csv = ${Buffer.alloc(0)}, xlsx = ${Buffer.alloc(0)}, dictionary = ${Buffer.alloc(0)},
    key_sealed = '', purged_at = ready_at where id = ${emptied.id}`.execute(db)
  await db.schema.dropTable('study_extract_files').execute()

  await up(db as unknown as Kysely<unknown>, t.services.kind)
  const after = await Promise.all(
    (['csv', 'xlsx', 'dictionary'] as const).map(async (f) => (await download(s.rA, s.studyA, kept.id, f)).rawPayload),
  )
  expect(after).toEqual(before)
  const files = await db.selectFrom('study_extract_files').select(['extract_id', 'format']).orderBy('format').execute()
  expect(files).toEqual(['csv', 'dictionary', 'xlsx'].map((format) => ({ extract_id: kept.id, format })))
  await expect(sql`select csv from study_extracts`.execute(db)).rejects.toThrow()
})
