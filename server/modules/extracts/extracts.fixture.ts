import ExcelJS from 'exceljs'
import { expect } from 'vitest'
import { JobRunner } from '../../jobs/jobs.runner'
import { type Agent, auditRows, json, serviceAt, serviceDate, type TestApp } from '../../test/harness'
import { studyExtractJob } from './extract.job'

/** Runs every extract job that is due, on this app's database, until none is left. */
export async function runExtractJobs(t: TestApp): Promise<void> {
  const runner = new JobRunner(t.services, [studyExtractJob])
  while (await runner.runOnce());
}

/**
 * Takes an extract as the agent, as a researcher does: the request registers it (queued, empty,
 * its files refused with 409 until ready), its job makes the files, and the register then shows it
 * ready. Returns the ready extract's view.
 */
export async function takeExtract(t: TestApp, agent: Agent, studyId: string, language = 'fr') {
  const res = await agent.post(`/api/studies/${studyId}/extracts`, { language })
  expect(res.statusCode, res.body).toBe(201)
  const queued = json(res)
  expect(queued).toMatchObject({ state: 'queued', records: 0, dropped: 0, readyAt: null, failure: null })
  const early = await agent.get(`/api/studies/${studyId}/extracts/${queued.id}/csv`)
  expect(early.statusCode).toBe(409)
  expect(json(early).code).toBe('study.extract_not_ready')
  await runExtractJobs(t)
  const list = json(await agent.get(`/api/studies/${studyId}/extracts`))
  const ready = list.items.find((e: { id: string }) => e.id === queued.id)
  expect(ready).toMatchObject({ state: 'ready', progress: null, failure: null, readyAt: expect.any(String) })
  return ready
}

/** An extract's file as its researcher downloads it. */
export async function download(agent: Agent, studyId: string, extractId: string, format: string) {
  const res = await agent.get(`/api/studies/${studyId}/extracts/${extractId}/${format}`)
  expect(res.statusCode, res.body).toBe(200)
  return res
}

/** The CSV's rows as arrays of fields (no field of an extract needs quoting). */
export function csvRows(body: Buffer): string[][] {
  const text = body.toString('utf8')
  expect(text.startsWith('\uFEFF')).toBe(true)
  expect(text.endsWith('\r\n')).toBe(true)
  return text
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','))
}

export async function xlsxRows(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(body as unknown as ArrayBuffer)
  const sheet = wb.worksheets[0]!
  // The header row stays in view as the researcher scrolls (frozen, in place of a bold style).
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  const rows: string[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
  return rows
}

export const YEAR = Number(serviceDate().slice(0, 4))
/** The one client under 18, alone in the province of Luxembourg: k-anonymity drops them. */
export const TEEN = { firstName: 'Zéphyrin', lastName: 'Quellebecq', birthDate: `${YEAR - 17}-06-15`, postcode: '6700', gender: 'male' }
export const NOTE = 'Ornithorynque confidentiel du vendredi'

export type StudyTeam = Awaited<ReturnType<typeof seedStudyTeam>>

/**
 * A team whose extracts the tests read: six similar adults in Brussels (one with a held session
 * whose note is NOTE), TEEN, a restricted and an erased person; its lead, worker, the DPO, two
 * researchers, and two approved studies, A (six variables, researcher A) and B (age band and
 * framework, researcher B). `plaintexts` is every plaintext those persons and cases hold.
 */
export async function seedStudyTeam(t: TestApp) {
  const team = await t.team()
  const lead = await t.as(['lead'], { teamIds: [team] })
  const worker = await t.as(['worker'], { teamIds: [team] })
  const dpo = await t.as(['dpo'])
  const rA = await t.as(['researcher'])
  const rB = await t.as(['researcher'])
  const plaintexts: string[] = [TEEN.firstName, TEEN.lastName, TEEN.birthDate, TEEN.postcode, NOTE]
  const caseIds: string[] = []
  const personIds: string[] = []

  async function openCase(person: Record<string, unknown>) {
    const p = await worker.post('/api/persons', person)
    expect(p.statusCode, p.body).toBe(201)
    const c = await worker.post('/api/accompaniments', { kind: 'concerned', personId: json(p).id, teamId: team })
    expect(c.statusCode, c.body).toBe(201)
    personIds.push(json(p).id)
    caseIds.push(json(c).id)
    return { personId: json(p).id as string, caseId: json(c).id as string }
  }

  /** A study of the team, registered, submitted and (unless `approve` is false) approved. */
  async function study(over: Record<string, unknown>, approve = true): Promise<string> {
    const created = await lead.post('/api/studies', {
      teamId: team,
      title: 'Étude des extraits',
      question: 'Question de recherche',
      protocol: 'Protocole : variables généralisées, k ≥ 5.',
      approvingBody: 'Comité d’éthique',
      approvalReference: 'CE-2026-200',
      startsOn: serviceDate(-10),
      endsOn: serviceDate(100),
      variables: ['age_band', 'gender', 'province', 'framework', 'opened_quarter', 'sessions_held_band'],
      researcherIds: [rA.userId],
      ...over,
    })
    expect(created.statusCode, created.body).toBe(201)
    const id = json(created).id as string
    expect((await lead.post(`/api/studies/${id}/submit`, {}, { 'if-match': '"1"' })).statusCode).toBe(200)
    if (approve) {
      const decided = await dpo.post(`/api/studies/${id}/decision`, { decision: 'approved', note: 'OK' }, { 'if-match': '"2"' })
      expect(decided.statusCode, decided.body).toBe(200)
    }
    return id
  }

  for (let i = 0; i < 6; i++) {
    const name = { firstName: `Adulte${i}`, lastName: `Semblable${i}` }
    plaintexts.push(name.firstName, name.lastName)
    await openCase({ ...name, birthYear: YEAR - 40, postcode: '1000', gender: 'male', phone: '+32 470 12 34 56' })
  }
  await openCase(TEEN)
  const s = await worker.post(`/api/accompaniments/${caseIds[0]}/sessions`, {
    startsAt: serviceAt(-1, '10:00'),
    modality: 'office',
    status: 'held',
    notes: NOTE,
  })
  expect(s.statusCode, s.body).toBe(201)
  const restricted = await openCase({ firstName: 'Restreint', lastName: 'Limité', birthYear: YEAR - 40, postcode: '1000', gender: 'male' })
  const before = json(await dpo.get(`/api/persons/${restricted.personId}/restriction`))
  const r = await dpo.post(
    `/api/persons/${restricted.personId}/restriction`,
    { reason: 'Demande art. 18' },
    { 'if-match': `"${before.version}"` },
  )
  expect(r.statusCode, r.body).toBe(201)
  const erased = await openCase({ firstName: 'Effacé', lastName: 'Disparu', birthYear: YEAR - 40, postcode: '1000', gender: 'male' })
  // Erasure itself (a DPO request carried out) is tested in modules/erasures; its tombstone marks are what the extract reads.
  await markErased(t, erased.personId)
  plaintexts.push('Restreint', 'Limité', 'Effacé', 'Disparu')

  const studyA = await study({})
  const studyB = await study({ title: 'Autre étude', variables: ['age_band', 'framework'], researcherIds: [rB.userId] })
  return { team, lead, worker, dpo, rA, rB, plaintexts, caseIds, personIds, openCase, study, studyA, studyB }
}

/** A person and their cases as erasure leaves them, for the extract's purpose: out of every extract. */
export async function markErased(t: TestApp, personId: string): Promise<void> {
  const at = new Date().toISOString()
  await t.services.db.updateTable('persons').set({ erased_at: at }).where('id', '=', personId).execute()
  await t.services.db.updateTable('accompaniments').set({ erased_at: at }).where('person_id', '=', personId).execute()
}

/** The pages an extract's job read (their audit entries) and the persons those entries name. */
export async function pagesRead(t: TestApp, extractId: string) {
  const reads = (await auditRows(t.services, 'study.extract_read')).filter((r) => JSON.parse(r.details as string).extractId === extractId)
  const rows = reads.length
    ? await t.services.db
        .selectFrom('audit_persons')
        .select('person_id')
        .where(
          'seq',
          'in',
          reads.map((r) => r.seq),
        )
        .execute()
    : []
  return { pages: reads.length, persons: new Set(rows.map((r) => r.person_id)) }
}
