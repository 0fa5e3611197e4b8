import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { ageBandsBackfill } from '../../cli/age-bands.command'
import { systemContext } from '../../seed/system-context'
import { csvRows, download, markErased, pagesRead, seedStudyTeam, type StudyTeam, takeExtract, YEAR } from './extracts.fixture'

/**
 * The client's age band kept on the case (ADR 0014, migration 0068): set when the case opens,
 * moved on every case of the person when their birth year is corrected, and filled for older cases
 * by `cases age-bands`; until then an extract opens those clients' birth years, naming them.
 */
let t: TestApp
let s: StudyTeam
let worker: Agent

const bandOf = async (caseId: string) =>
  (await t.services.db.selectFrom('accompaniments').select('age_band').where('id', '=', caseId).executeTakeFirstOrThrow()).age_band
const bandsOf = async (caseIds: string[]) =>
  new Map(
    (await t.services.db.selectFrom('accompaniments').select(['id', 'age_band']).where('id', 'in', caseIds).execute()).map((r) => [
      r.id,
      r.age_band,
    ]),
  )

/** The person corrected by the worker through the normal screen, as a whole record (If-Match). */
async function correct(personId: string, fields: Record<string, unknown>) {
  const person = json(await worker.get(`/api/persons/${personId}`))
  const put = await worker.put(`/api/persons/${personId}`, fields, { 'if-match': `"${person.version}"` })
  expect(put.statusCode, put.body).toBe(200)
}

beforeAll(async () => {
  t = await startTestApp()
  s = await seedStudyTeam(t)
  worker = s.worker
})
afterAll(() => t.close())

describe('the client’s age band on the case', () => {
  it('is kept from the case’s opening, and moves when the birth year is corrected', async () => {
    expect(await Promise.all(s.caseIds.slice(0, 7).map(bandOf))).toEqual([...Array(6).fill('36_50'), 'under_18'])
    // No birth year at all: unknown, as an extract says.
    const unknown = await s.openCase({ firstName: 'Sans', lastName: 'Année', postcode: '1000', gender: 'female' })
    expect(await bandOf(unknown.caseId)).toBe('unknown')
    // A second case of the same person, then the birth year given: both cases move.
    const second = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: unknown.personId, teamId: s.team }))
    await correct(unknown.personId, { firstName: 'Sans', lastName: 'Année', birthYear: YEAR - 20, postcode: '1000', gender: 'female' })
    expect([await bandOf(unknown.caseId), await bandOf(second.id)]).toEqual(['18_25', '18_25'])
    // A birth date instead of a year: the year is the date's.
    await correct(unknown.personId, {
      firstName: 'Sans',
      lastName: 'Année',
      birthDate: `${YEAR - 60}-01-02`,
      postcode: '1000',
      gender: 'female',
    })
    expect([await bandOf(unknown.caseId), await bandOf(second.id)]).toEqual(['over_50', 'over_50'])
    // Out of the team's extracts again: two more records would change the next test's counts.
    await markErased(t, unknown.personId)
  })

  it('moves on a restricted case of the person too, which is stored as it is', async () => {
    const person = await s.openCase({ firstName: 'Deux', lastName: 'Dossiers', birthYear: YEAR - 30, postcode: '1000', gender: 'male' })
    const other = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.personId, teamId: s.team }))
    const before = json(await s.dpo.get(`/api/persons/${person.personId}/restriction`))
    const restricted = await s.dpo.post(
      `/api/persons/${person.personId}/restriction`,
      { reason: 'Demande art. 18', accompanimentId: other.id },
      { 'if-match': `"${before.version}"` },
    )
    expect(restricted.statusCode, restricted.body).toBe(201)
    // The person is not restricted, one of their cases is: the person's correction is allowed.
    await correct(person.personId, { firstName: 'Deux', lastName: 'Dossiers', birthYear: YEAR - 55, postcode: '1000', gender: 'male' })
    expect([await bandOf(person.caseId), await bandOf(other.id)]).toEqual(['over_50', 'over_50'])
    await markErased(t, person.personId)
  })

  it('is opened from the birth year for cases from before it was kept, naming those persons, until `cases age-bands` keeps theirs', async () => {
    const extract = async () => {
      const e = await takeExtract(t, s.rB, s.studyB)
      return { id: e.id as string, rows: csvRows((await download(s.rB, s.studyB, e.id, 'csv')).rawPayload) }
    }
    const kept = await extract()
    const bands = await bandsOf(s.caseIds.slice(0, 7))
    // As a database from before migration 0068 holds them: three cases without their band.
    const older = s.caseIds.slice(0, 3)
    await t.services.db.updateTable('accompaniments').set({ age_band: null }).where('id', 'in', older).execute()
    const e = await extract()
    expect(e.rows).toEqual(kept.rows)
    expect((await pagesRead(t, e.id)).persons).toEqual(new Set(s.personIds.slice(0, 3)))

    // The operator's command keeps them (the restricted and erased persons' cases stay without).
    expect(await ageBandsBackfill(await systemContext(t.services, null, 'test'))).toBe(3)
    expect(await bandsOf(s.caseIds.slice(0, 7))).toEqual(bands)
    const [entry] = await auditRows(t.services, 'cases.age_bands_kept')
    const opened = await t.services.db.selectFrom('audit_persons').select('person_id').where('seq', '=', entry!.seq).execute()
    expect(new Set(opened.map((r) => r.person_id))).toEqual(new Set(s.personIds.slice(0, 3)))
    expect(await ageBandsBackfill(await systemContext(t.services, null, 'test'))).toBe(0)
    const last = await extract()
    expect((await pagesRead(t, last.id)).persons).toEqual(new Set())
    expect(last.rows).toEqual(kept.rows)
  })
})
