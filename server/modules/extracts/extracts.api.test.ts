import crypto from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, serviceDate, startTestApp, type TestApp } from '../../test/harness'
import { rotateKeys } from '../../ops/key-rotation'
import { openBytes } from '../../security/aead'
import { Codec } from '../../security/codec'
import { quarterOf } from './extract.generalise'
import { extractFileAad, extractKeyAad } from './extract.seal'
import {
  csvRows,
  download,
  NOTE,
  pagesRead,
  runExtractJobs,
  seedStudyTeam,
  type StudyTeam,
  TEEN,
  takeExtract,
  xlsxRows,
} from './extracts.fixture'

/**
 * Study extracts (issue 14): only while an approved study runs, only for its researchers and the
 * DPO; generalised variables and a per-study pseudonym, k-anonymous; never a name, free text, birth
 * date or postcode; every extract and download audited; a researcher reaches no person or case.
 * The client's age band kept on the case (ADR 0014) is tested in extract-age-band.api.test.ts.
 */
let t: TestApp
let s: StudyTeam
let lead: Agent
let worker: Agent
let dpo: Agent
let rA: Agent & { userId: string }
let rB: Agent & { userId: string }
let studyA: string
let studyB: string

const extract = (agent: Agent, studyId: string, language = 'fr') => takeExtract(t, agent, studyId, language)
const study = (over: Record<string, unknown>, approve = true) => s.study(over, approve)

/** No plaintext in any field; pseudonyms are checked for their shape, then left out of the search (hex could hold digits of a postcode). */
function expectNoPlaintext(rows: string[][]) {
  const [header, ...records] = rows
  expect(header?.[0]).toBe('pseudonym')
  for (const r of records) expect(r[0]).toMatch(/^[0-9a-f]{20}$/)
  const text = [header!, ...records.map((r) => r.slice(1))].flat().join('\n').toLowerCase()
  for (const p of s.plaintexts) expect(text, p).not.toContain(p.toLowerCase())
  for (const postcode of ['1000', '6700']) expect(text).not.toContain(postcode)
}

beforeAll(async () => {
  t = await startTestApp()
  s = await seedStudyTeam(t)
  ;({ lead, worker, dpo, rA, rB, studyA, studyB } = s)
})
afterAll(() => t.close())

describe('study extracts', () => {
  it('extracts the team’s cases, generalised and k-anonymous, without any plaintext, audited', async () => {
    const e = await extract(rA, studyA)
    expect(e).toMatchObject({ studyId: studyA, records: 6, dropped: 1, k: 5, createdBy: { id: rA.userId }, language: 'fr' })
    expect(e.variables).toEqual(['age_band', 'gender', 'province', 'framework', 'opened_quarter', 'sessions_held_band'])

    const csv = await download(rA, studyA, e.id, 'csv')
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="extract-[0-9a-f]{8}\.csv"$/)
    expect(csv.headers['cache-control']).toBe('no-store')
    const rows = csvRows(csv.rawPayload)
    expect(rows[0]).toEqual(['pseudonym', ...e.variables])
    expect(rows).toHaveLength(7)
    const quarter = quarterOf(new Date().toISOString())
    for (const r of rows.slice(1)) expect(r.slice(1, 6)).toEqual(['36_50', 'male', 'brussels_capital', 'voluntary', quarter])
    // The first adult's one held session, the others none.
    expect(
      rows
        .slice(1)
        .map((r) => r[6])
        .sort(),
    ).toEqual(['0', '0', '0', '0', '0', '1_5'])
    expectNoPlaintext(rows)
    expect(rows.flat().join(',')).not.toContain('under_18')

    const xlsx = await download(rA, studyA, e.id, 'xlsx')
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const sheet = await xlsxRows(xlsx.rawPayload)
    expect(sheet).toEqual(rows)
    expectNoPlaintext(sheet)
    // The raw bytes too (the workbook's own properties and shared strings).
    for (const p of [TEEN.firstName, TEEN.lastName, NOTE]) expect(xlsx.rawPayload.includes(Buffer.from(p))).toBe(false)

    const dict = json(await download(rA, studyA, e.id, 'dictionary'))
    expect(dict).toMatchObject({ language: 'fr', k: 5, records: 6, dropped: 1 })
    expect(dict.variables.map((v: { name: string }) => v.name)).toEqual(['pseudonym', ...e.variables])
    expect(dict.variables.find((v: { name: string }) => v.name === 'province').values).toContain('luxembourg')
    expect(dict.variables[1].meaning).toMatch(/année de naissance/)
    const nl = json(await download(rA, studyA, (await extract(rA, studyA, 'nl')).id, 'dictionary'))
    expect(nl.variables[1].meaning).toMatch(/geboortejaar/)

    // Asked by the researcher; read and stored by the job. Its pages open no sealed value (each
    // case keeps its client's age band, ADR 0014), so their entries name no person.
    const [created] = (await auditRows(t.services, 'study.extract_created')).filter((r) => r.subject_id === studyA)
    expect(created).toMatchObject({ actor_id: rA.userId, subject_type: 'study', outcome: 'success' })
    expect(JSON.parse(created!.details as string)).toMatchObject({ studyId: studyA, extractId: e.id, variables: e.variables })
    const [stored] = (await auditRows(t.services, 'study.extract_stored')).filter((r) => JSON.parse(r.details as string).extractId === e.id)
    expect(stored).toMatchObject({ actor_id: null, subject_type: 'study', subject_id: studyA, outcome: 'success' })
    expect(JSON.parse(stored!.details as string)).toMatchObject({ requestedBy: rA.userId, variables: e.variables, records: 6, dropped: 1 })
    const { pages, persons } = await pagesRead(t, e.id)
    expect(pages).toBeGreaterThan(0)
    expect(persons).toEqual(new Set())
    const downloads = (await auditRows(t.services, 'study.extract_downloaded')).filter((r) => r.subject_id === studyA)
    expect(downloads.map((r) => JSON.parse(r.details as string).format)).toEqual(expect.arrayContaining(['csv', 'xlsx', 'dictionary']))

    // The register: who, when, how many.
    const list = json(await rA.get(`/api/studies/${studyA}/extracts`))
    expect(list.items).toHaveLength(2)
    expect(list.items[1]).toMatchObject({ id: e.id, records: 6, dropped: 1, createdBy: { id: rA.userId } })
  })

  it('keeps pseudonyms stable within a study and different across studies', async () => {
    const pseudonyms = async (agent: Agent, studyId: string) => {
      const e = await extract(agent, studyId)
      return new Set(
        csvRows((await download(agent, studyId, e.id, 'csv')).rawPayload)
          .slice(1)
          .map((r) => r[0]),
      )
    }
    const first = await pseudonyms(rA, studyA)
    const again = await pseudonyms(dpo, studyA)
    expect(first.size).toBe(6)
    expect([...again].sort()).toEqual([...first].sort())
    const other = await pseudonyms(rB, studyB)
    // Study B asks for age band and framework: the teenager alone is under 18, so dropped again.
    expect(other.size).toBe(6)
    for (const p of other) expect(first.has(p)).toBe(false)
  })

  it('is made by a job reading the cases a page at a time, each page its own audited transaction, with the same records', async () => {
    const whole = await extract(rA, studyA)
    const res = await rA.post(`/api/studies/${studyA}/extracts`, { language: 'fr' })
    expect(res.statusCode, res.body).toBe(201)
    const paged = json(res)
    const { job_id } = await t.services.db
      .selectFrom('study_extracts')
      .select('job_id')
      .where('id', '=', paged.id)
      .executeTakeFirstOrThrow()
    // Pages of two cases instead of two thousand: the seven cases in four pages, the last one short.
    await t.services.db
      .updateTable('jobs')
      .set({ payload: JSON.stringify({ extractId: paged.id, pageSize: 2 }) })
      .where('id', '=', job_id!)
      .execute()
    await runExtractJobs(t)
    const reads = (await auditRows(t.services, 'study.extract_read')).filter((r) => JSON.parse(r.details as string).extractId === paged.id)
    expect(reads.map((r) => JSON.parse(r.details as string).page)).toEqual([1, 2, 3, 4])
    expect(reads.map((r) => JSON.parse(r.details as string).records)).toEqual([2, 2, 2, 1])
    // The job's first look reads no person: an entry of its own, naming none.
    const started = (await auditRows(t.services, 'study.extract_started')).filter(
      (r) => JSON.parse(r.details as string).extractId === paged.id,
    )
    expect(started.map((r) => [r.subject_id, r.person_id, r.persons])).toEqual([[studyA, null, null]])
    // Four pages, the files, storing them: six steps, all done.
    const job = await t.services.db
      .selectFrom('jobs')
      .select(['state', 'progress_done', 'progress_total'])
      .where('id', '=', job_id!)
      .executeTakeFirstOrThrow()
    expect(job).toMatchObject({ state: 'done', progress_done: 6, progress_total: 6 })
    const view = json(await rA.get(`/api/studies/${studyA}/extracts`)).items.find((e: { id: string }) => e.id === paged.id)
    expect(view).toMatchObject({ state: 'ready', records: 6, dropped: 1 })
    const a = csvRows((await download(rA, studyA, whole.id, 'csv')).rawPayload)
    const b = csvRows((await download(rA, studyA, paged.id, 'csv')).rawPayload)
    expect(b).toEqual(a)
    // Each page was read through a narrowed SQLite page cache (jobs/page-cache.ts): the job leaves
    // the connection's cache at its full size.
    if (t.services.kind === 'sqlite') {
      const [row] = (await sql<{ cache_size: number }>`pragma cache_size`.execute(t.services.db)).rows
      expect(Number(row?.cache_size)).toBe(-65536)
    }
  })

  it('gives up, saying why, when the study stopped being extractable before its job ran', async () => {
    const id = await study({ title: 'Terminée entre-temps' })
    const res = await rA.post(`/api/studies/${id}/extracts`, { language: 'fr' })
    expect(res.statusCode, res.body).toBe(201)
    const e = json(res)
    // The study's last day passes while the extract waits.
    await t.services.db
      .updateTable('studies')
      .set({ ends_on: serviceDate(-1) })
      .where('id', '=', id)
      .execute()
    await runExtractJobs(t)
    const view = json(await dpo.get(`/api/studies/${id}/extracts`)).items.find((x: { id: string }) => x.id === e.id)
    expect(view).toMatchObject({ state: 'failed', failure: 'study.not_extractable', records: 0, readyAt: null })
    const row = await t.services.db.selectFrom('study_extracts').select('key_sealed').where('id', '=', e.id).executeTakeFirstOrThrow()
    const files = await t.services.db.selectFrom('study_extract_files').select('format').where('extract_id', '=', e.id).execute()
    expect([files, row.key_sealed]).toEqual([[], ''])
    const [abandoned] = (await auditRows(t.services, 'study.extract_abandoned')).filter((r) => r.subject_id === id)
    expect(JSON.parse(abandoned!.details as string)).toMatchObject({ extractId: e.id, failure: 'study.not_extractable' })
    // No page was read: the job looked at the study, then gave up.
    const reads = (await auditRows(t.services, 'study.extract_read')).filter((r) => JSON.parse(r.details as string).extractId === e.id)
    expect(reads).toEqual([])
    const started = (await auditRows(t.services, 'study.extract_started')).filter((r) => JSON.parse(r.details as string).extractId === e.id)
    expect(started).toHaveLength(1)
  })

  it('makes one extract of a study at a time: another asked meanwhile is refused, saying why', async () => {
    const id = await study({ title: 'Un extrait à la fois' })
    // Three asked at once (two by the researcher, one by the DPO): one is registered.
    const asked = await Promise.all([rA, rA, dpo].map((a) => a.post(`/api/studies/${id}/extracts`, { language: 'fr' })))
    expect(asked.map((r) => r.statusCode).sort()).toEqual([201, 409, 409])
    for (const r of asked.filter((x) => x.statusCode === 409)) {
      expect(r.headers['content-type']).toContain('application/problem+json')
      expect(json(r).code).toBe('study.extract_in_progress')
    }
    expect(json(await rA.get(`/api/studies/${id}/extracts`)).items).toHaveLength(1)
    // Once it is ready, another may be taken.
    await runExtractJobs(t)
    const second = await rA.post(`/api/studies/${id}/extracts`, { language: 'nl' })
    expect(second.statusCode, second.body).toBe(201)
    // An extract whose job gave up does not hold the study back.
    await t.services.db
      .updateTable('jobs')
      .set({ state: 'failed', lease_token: null })
      .where(
        'id',
        '=',
        (await t.services.db.selectFrom('study_extracts').select('job_id').where('id', '=', json(second).id).executeTakeFirstOrThrow())
          .job_id!,
      )
      .execute()
    expect(json(await rA.get(`/api/studies/${id}/extracts`)).items.find((e: { id: string }) => e.id === json(second).id).state).toBe(
      'failed',
    )
    expect((await rA.post(`/api/studies/${id}/extracts`, { language: 'fr' })).statusCode).toBe(201)
    await runExtractJobs(t)
  })

  it('is for the study’s researchers and the DPO only', async () => {
    const e = await extract(rA, studyA)
    // The researcher of study B gets nothing of study A, not even that it exists.
    expect((await rB.post(`/api/studies/${studyA}/extracts`, { language: 'fr' })).statusCode).toBe(404)
    expect((await rB.get(`/api/studies/${studyA}/extracts`)).statusCode).toBe(404)
    expect((await rB.get(`/api/studies/${studyA}/extracts/${e.id}/csv`)).statusCode).toBe(404)
    // Nor through their own study's path.
    expect((await rB.get(`/api/studies/${studyB}/extracts/${e.id}/csv`)).statusCode).toBe(404)
    // The lead who registered it, and the team's worker, hold no permission to extract.
    expect((await lead.post(`/api/studies/${studyA}/extracts`, { language: 'fr' })).statusCode).toBe(403)
    expect((await worker.get(`/api/studies/${studyA}/extracts/${e.id}/csv`)).statusCode).toBe(403)
    expect((await dpo.get(`/api/studies/${studyA}/extracts/${e.id}/xlsx`)).statusCode).toBe(200)
    expect((await rA.get(`/api/studies/${studyA}/extracts/${e.id}/pdf`)).statusCode).toBe(400)
    const bad = await rA.post(`/api/studies/${studyA}/extracts`, { language: 'es' })
    expect(bad.statusCode).toBe(400)
    expect(json(bad).errors[0].field).toBe('language')
  })

  it('extracts nothing before approval nor outside the study’s dates', async () => {
    const submitted = await study({ title: 'Pas encore approuvée' }, false)
    const early = await rA.post(`/api/studies/${submitted}/extracts`, { language: 'fr' })
    expect(early.statusCode).toBe(409)
    expect(json(early).code).toBe('study.not_extractable')
    const ended = await study({ title: 'Terminée', startsOn: serviceDate(-60), endsOn: serviceDate(-1) })
    expect(json(await rA.post(`/api/studies/${ended}/extracts`, { language: 'fr' })).code).toBe('study.not_extractable')
    const future = await study({ title: 'Pas commencée', startsOn: serviceDate(1), endsOn: serviceDate(60) })
    expect(json(await dpo.post(`/api/studies/${future}/extracts`, { language: 'fr' })).code).toBe('study.not_extractable')
    // To someone not named on it, a study not extractable is simply not found.
    expect((await rB.post(`/api/studies/${ended}/extracts`, { language: 'fr' })).statusCode).toBe(404)
    const rows = await t.services.db.selectFrom('study_extracts').select('study_id').execute()
    expect(rows.map((r) => r.study_id)).not.toContain(submitted)
    expect(rows.map((r) => r.study_id)).not.toContain(ended)
  })

  it('stores the files sealed', async () => {
    const rows = await t.services.db.selectFrom('study_extract_files').select(['format', 'sealed']).execute()
    // Three files for each extract made (those given up have none).
    const ready = await t.services.db.selectFrom('study_extracts').select('id').where('ready_at', 'is not', null).execute()
    expect(ready.length).toBeGreaterThan(0)
    expect(rows.length).toBe(ready.length * 3)
    for (const r of rows) {
      expect(Buffer.from(r.sealed).includes(Buffer.from('pseudonym'))).toBe(false)
      expect(Buffer.from(r.sealed).includes(Buffer.from('"variables"'))).toBe(false)
    }
  })

  it('never lets a researcher reach a person or a case', async () => {
    for (const agent of [rA, rB]) {
      for (const id of s.personIds) expect([403, 404]).toContain((await agent.get(`/api/persons/${id}`)).statusCode)
      for (const id of s.caseIds) {
        expect([403, 404]).toContain((await agent.get(`/api/accompaniments/${id}`)).statusCode)
        expect([403, 404]).toContain((await agent.get(`/api/accompaniments/${id}/sessions`)).statusCode)
      }
      expect([403, 404]).toContain((await agent.get('/api/accompaniments')).statusCode)
      expect([403, 404]).toContain((await agent.get(`/api/persons?q=${encodeURIComponent(TEEN.lastName)}`)).statusCode)
    }
  })

  // Last: the app under test keeps the old master only, so nothing runs after the rotation.
  it('stays readable after a master-key rotation, under the new master alone', async () => {
    const e = await extract(rA, studyA)
    const oldKey = Buffer.from((t.config.masterKey as { base64: string }).base64, 'base64')
    const newKey = crypto.randomBytes(32)
    // Every extract holding a key (one given up holds none).
    const stored = await t.services.db.selectFrom('study_extracts').select('id').where('key_sealed', '!=', '').execute()
    const report = await rotateKeys(t.services.db, new Codec(newKey, { previous: oldKey }), {
      current: { key: newKey, generated: false, file: null },
      previous: oldKey,
    })
    expect(report.secrets.failed).toBe(0)
    expect(report.secrets.resealed).toBeGreaterThanOrEqual(stored.length)
    const alone = new Codec(newKey)
    const row = await t.services.db
      .selectFrom('study_extracts')
      .innerJoin('study_extract_files', 'study_extract_files.extract_id', 'study_extracts.id')
      .select(['study_extracts.id', 'study_extracts.key_sealed', 'study_extract_files.sealed as csv'])
      .where('study_extracts.id', '=', e.id)
      .where('study_extract_files.format', '=', 'csv')
      .executeTakeFirstOrThrow()
    expect(() => new Codec(oldKey).openSecret(row.key_sealed, extractKeyAad(row.id))).toThrow()
    const key = Buffer.from(alone.openSecret(row.key_sealed, extractKeyAad(row.id)), 'base64')
    expect(openBytes(key, Buffer.from(row.csv), extractFileAad(row.id, 'csv')).toString('utf8')).toMatch(/^\uFEFFpseudonym,age_band,/)
  })
})
