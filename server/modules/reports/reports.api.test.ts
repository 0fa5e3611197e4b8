import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let team: string
let worker: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
})
afterAll(() => t.close())

/** What a reader gets out of a PDF: its text as poppler extracts it, and its structure as pdfinfo reads it. */
function readPdf(bytes: Buffer) {
  const file = path.join(t.dataDir, `report-${Date.now()}-${Math.random()}.pdf`)
  fs.writeFileSync(file, bytes)
  try {
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    // pdfinfo exits non-zero on a broken file; its error stream names any syntax problem.
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    const errors = execFileSync('sh', ['-c', 'pdfinfo "$1" 2>&1 >/dev/null', 'sh', file], { encoding: 'utf8' })
    return { text: text.replace(/\s+/g, ' '), pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), info, errors }
  } finally {
    fs.rmSync(file, { force: true })
  }
}

async function judicialCase() {
  const person = json(await worker.post('/api/persons', { firstName: 'Inès', lastName: 'Haddad' }))
  const acc = json(
    await worker.post('/api/accompaniments', {
      kind: 'concerned',
      personId: person.id,
      teamId: team,
      framework: {
        framework: 'judicial',
        measure: 'conditional_release',
        authorityKind: 'justice_house',
        mandateStart: '2026-09-01',
        mandateEnd: '2027-09-01',
      },
    }),
  )
  const held = (date: string, attendance: string, notes: string) =>
    worker.post(`/api/accompaniments/${acc.id}/sessions`, {
      startsAt: `${date}T10:00:00Z`,
      modality: 'office',
      status: 'held',
      attendance,
      notes,
    })
  await held('2026-10-05', 'present', 'Évoque sa sœur et ses doutes sur le groupe.')
  await held('2026-10-19', 'unexcused_absence', 'Absent sans prévenir.')
  await held('2026-11-02', 'late', 'Hors période.')
  return acc
}

it('reports attendance and engagement for the period, and nothing of the notes', async () => {
  const acc = await judicialCase()
  const res = await worker.post(`/api/accompaniments/${acc.id}/reports`, {
    periodFrom: '2026-10-01',
    periodTo: '2026-10-31',
    engagement: 'partial',
    engagementComment: 'Participe, avec une absence non justifiée.',
    recipient: 'Maison de justice de Liège — assistante de justice',
    sentAt: '2026-11-03T09:00:00+01:00',
  })
  expect(res.statusCode, res.body).toBe(201)
  const report = json(res)
  expect(report.content.sessions).toEqual([
    { date: '2026-10-05', status: 'held', attendance: 'present' },
    { date: '2026-10-19', status: 'held', attendance: 'unexcused_absence' },
  ])
  expect(report.content.attendance).toEqual({ present: 1, unexcused_absence: 1 })
  expect(report).toMatchObject({ recipient: 'Maison de justice de Liège — assistante de justice', sentAt: '2026-11-03T08:00:00.000Z' })
  expect(JSON.stringify(report)).not.toMatch(/sœur|doutes|prévenir/)

  const list = json(await worker.get(`/api/accompaniments/${acc.id}/reports`)).items
  expect(list.map((r: { id: string }) => r.id)).toEqual([report.id])

  const pdf = await worker.get(`/api/accompaniments/${acc.id}/reports/${report.id}/pdf`)
  expect(pdf.statusCode).toBe(200)
  expect(pdf.headers['content-type']).toBe('application/pdf')
  expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const read = readPdf(pdf.rawPayload)
  expect(read.errors).toBe('')
  expect(read.pages).toBe(1)
  expect(read.text).toContain('absence non justifiée')
  expect(read.text).toContain('Inès Haddad')
  // Dates as the app writes them: in prose with "1er" for the first of the month, in lists day first.
  expect(read.text).toMatch(/Période\s: du 1er octobre 2026 au 31 octobre 2026/)
  expect(read.text).toContain('Envoyé le 3 novembre 2026')
  expect(read.text).toMatch(/05\/10\/2026\s+tenu — présent/)
  expect(read.text).toMatch(/Mandat 01\/09\/2026 – /)
  expect(read.text).not.toMatch(/\d{4}-\d{2}-\d{2}/)
  expect(read.text).not.toMatch(/sœur|doutes|prévenir/)
  const raw = await t.services.db.selectFrom('judicial_reports').select(['content_sealed', 'recipient_sealed']).executeTakeFirstOrThrow()
  expect(`${raw.content_sealed}${raw.recipient_sealed}`).not.toContain('Haddad')
})

it("dates sessions by the service's day (Europe/Brussels), not by the UTC day", async () => {
  const acc = await judicialCase()
  const held = (startsAt: string) =>
    worker.post(`/api/accompaniments/${acc.id}/sessions`, { startsAt, modality: 'office', status: 'held', attendance: 'present' })
  // 00:30 on 1 October in Brussels (summer time) is 22:30 UTC on 30 September: inside October.
  expect((await held('2026-09-30T22:30:00Z')).statusCode).toBe(201)
  // 00:30 on 1 November in Brussels (winter time) is 23:30 UTC on 31 October: outside October.
  expect((await held('2026-10-31T23:30:00Z')).statusCode).toBe(201)
  // 23:30 on 31 October in Brussels is 22:30 UTC the same day: inside.
  expect((await held('2026-10-31T22:30:00Z')).statusCode).toBe(201)
  const res = await worker.post(`/api/accompaniments/${acc.id}/reports`, {
    periodFrom: '2026-10-01',
    periodTo: '2026-10-31',
    engagement: 'active',
    recipient: 'Maison de justice de Liège',
  })
  expect(res.statusCode, res.body).toBe(201)
  const report = json(res)
  expect(report.content.sessions.map((s: { date: string }) => s.date)).toEqual(['2026-10-01', '2026-10-05', '2026-10-19', '2026-10-31'])
  const read = readPdf((await worker.get(`/api/accompaniments/${acc.id}/reports/${report.id}/pdf`)).rawPayload)
  expect(read.text).toMatch(/01\/10\/2026\s+tenu — présent/)
  expect(read.text).not.toContain('30/09/2026')
  expect(read.text).not.toContain('01/11/2026')
})

it('makes reports for judicial cases only', async () => {
  const person = json(await worker.post('/api/persons', { firstName: 'Jonas', lastName: 'Claes' }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  const res = await worker.post(`/api/accompaniments/${acc.id}/reports`, {
    periodFrom: '2026-10-01',
    periodTo: '2026-10-31',
    engagement: 'active',
    recipient: 'Juge',
  })
  expect(res.statusCode).toBe(409)
  expect(json(res).code).toBe('state.invalid_transition')
  const bad = await worker.post(`/api/accompaniments/${acc.id}/reports`, {
    periodFrom: '2026-10-31',
    periodTo: '2026-10-01',
    engagement: 'active',
    recipient: 'Juge',
  })
  expect(json(bad).errors[0].field).toBe('periodTo')
})

it('keeps the reports of a closed case, printable and downloadable, and makes no new one (409)', async () => {
  const acc = await judicialCase()
  const input = { periodFrom: '2026-10-01', periodTo: '2026-10-31', engagement: 'active', recipient: 'Maison de justice' }
  const sent = json(await worker.post(`/api/accompaniments/${acc.id}/reports`, input))
  const lead = await t.as(['lead'], { teamIds: [team] })
  const version = json(await worker.get(`/api/accompaniments/${acc.id}`)).version
  await worker.post(
    `/api/accompaniments/${acc.id}/closure`,
    { outcome: 'mandate_ended', reason: 'Fin du mandat' },
    { 'if-match': `"${version}"` },
  )
  const closed = await lead.post(`/api/accompaniments/${acc.id}/closure/decision`, { approve: true }, { 'if-match': `"${version + 1}"` })
  expect(json(closed).status).toBe('closed')
  for (const agent of [worker, lead]) {
    const refused = await agent.post(`/api/accompaniments/${acc.id}/reports`, input)
    expect(refused.statusCode).toBe(409)
    expect(json(refused).code).toBe('state.invalid_transition')
  }
  expect(json(await worker.get(`/api/accompaniments/${acc.id}/reports`)).items.map((r: { id: string }) => r.id)).toEqual([sent.id])
  const pdf = await lead.get(`/api/accompaniments/${acc.id}/reports/${sent.id}/pdf`)
  expect(pdf.statusCode).toBe(200)
  expect(readPdf(pdf.rawPayload).text).toContain('Maison de justice')
})

it('prints every name as written: an embedded Unicode font, text that extracts back the same', async () => {
  const names = ['sœur', 'Şahin', 'Łódź', 'Ağrı', 'Nguyễn', 'Ђорђевић', '…']
  const person = json(await worker.post('/api/persons', { firstName: 'Ağrı', lastName: 'Şahin-Nguyễn' }))
  const acc = json(
    await worker.post('/api/accompaniments', {
      kind: 'concerned',
      personId: person.id,
      teamId: team,
      framework: { framework: 'judicial', measure: 'conditional_release', authorityKind: 'justice_house', mandateStart: '2026-09-01' },
    }),
  )
  const comment = 'Sa sœur vit à Łódź ; il revoit M. Ђорђевић… comme convenu.'
  const report = json(
    await worker.post(`/api/accompaniments/${acc.id}/reports`, {
      periodFrom: '2026-10-01',
      periodTo: '2026-10-31',
      engagement: 'active',
      engagementComment: comment,
      recipient: 'Tribunal de Łódź — Şahin',
    }),
  )
  const pdf = await worker.get(`/api/accompaniments/${acc.id}/reports/${report.id}/pdf`)
  expect(pdf.statusCode).toBe(200)
  const read = readPdf(pdf.rawPayload)
  expect(read.errors).toBe('')
  expect(read.pages).toBe(1)
  expect(read.info).toMatch(/^Title:\s+.+— /m)
  for (const name of names) expect(read.text).toContain(name)
  expect(read.text).toContain('Ağrı Şahin-Nguyễn')
  expect(read.text).toContain(comment)
  expect(read.text).toContain('Tribunal de Łódź — Şahin')
  expect(read.text).not.toContain('?')
})
