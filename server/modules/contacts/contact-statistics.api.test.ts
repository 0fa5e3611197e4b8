import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { percentile } from './contact-statistics.queries'

type Member = Agent & { userId: string }
let t: TestApp
let intake: Member
let lead: Member
let otherLead: Member
let worker: Member
let admin: Member
const ids: Record<string, string> = {}
const sheets: Record<string, { id: string; versionId: string }> = {}

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })
const SECRET = 'Bérénice Vandenbroucke'
const base = { durationMinutes: 10, summary: `Appel de ${SECRET}`, personDescription: 'Un neveu de 19 ans', urgency: 'week' }
const DANGER = { urgency: { worker: 'within_week' }, violence_intent: { worker: 'high' }, access_means: { worker: 'moderate' } }
const PERIOD = 'from=2026-10-05&to=2026-10-18'

async function contact(key: string, body: object) {
  const res = await intake.post('/api/contacts', { ...base, ...body })
  expect(res.statusCode, res.body).toBe(201)
  ids[key] = json(res).id
}
/**
 * The route that answers a call-back (contact-callbacks.ts) stamps `called_back_at` with the time
 * of finalising; these durations (4, 10, 30 hours) need chosen instants, so the fixture writes that
 * one column through the harness's handle. contact-callbacks.api.test.ts tests the route itself.
 */
async function calledBack(key: string, hoursAfter: number) {
  const row = await t.services.db
    .selectFrom('contacts')
    .select('occurred_at')
    .where('id', '=', ids[key] as string)
    .executeTakeFirstOrThrow()
  const at = new Date(Date.parse(row.occurred_at) + hoursAfter * 3_600_000).toISOString()
  await t.services.db
    .updateTable('contacts')
    .set({ called_back_at: at })
    .where('id', '=', ids[key] as string)
    .execute()
}
async function sheet(code: string, titles: Record<string, string>) {
  const [first, ...others] = Object.entries(titles) as [[string, string], ...[string, string][]]
  const created = await lead.post('/api/sheets', {
    code,
    kind: 'general',
    audiences: ['parents'],
    themes: [],
    public: false,
    language: first[0],
    text: { title: first[1], body: 'Texte' },
  })
  expect(created.statusCode, created.body).toBe(201)
  let s = json(created)
  for (const [language, title] of [first, ...others]) {
    if (language !== first[0])
      s = json(await lead.put(`/api/sheets/${s.id}/texts/${language}`, { title, body: 'Text' }, ifMatch(s.version)))
    const res = await lead.post(`/api/sheets/${s.id}/texts/${language}/publish`, {}, ifMatch(s.version))
    expect(res.statusCode, res.body).toBe(200)
    s = json(res)
  }
  const v = await t.services.db.selectFrom('sheet_versions').select('id').where('sheet_id', '=', s.id).executeTakeFirstOrThrow()
  sheets[code] = { id: s.id, versionId: v.id }
}
/**
 * The route that records a sheet given (contact-information.ts) stamps the time of recording; the
 * period filter needs rows in past weeks, so they are written through the harness's handle with the
 * columns that route writes. contact-information.api.test.ts tests the route itself.
 */
async function given(key: string, code: string, how: 'read_aloud' | 'email' | 'paper', recordedAt: string) {
  const s = sheets[code] as { id: string; versionId: string }
  await t.services.db
    .insertInto('contact_information_given')
    .values({
      id: crypto.randomUUID(),
      contact_id: ids[key] as string,
      sheet_id: s.id,
      sheet_version_id: s.versionId,
      language: 'fr',
      how,
      recorded_by: intake.userId,
      recorded_at: recordedAt,
    })
    .execute()
}

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  intake = await t.as(['intake'])
  lead = await t.as(['lead'], { teamIds: [team] })
  otherLead = await t.as(['lead'], { teamIds: [await t.team()] })
  worker = await t.as(['worker'], { teamIds: [team] })
  admin = await t.as(['admin'])

  // Monday 5 October 2026 00:30 in Brussels (summer time): the first week of the period.
  await contact('a', {
    channel: 'phone',
    occurredAt: '2026-10-04T22:30:00.000Z',
    callerKind: 'relative',
    themes: ['worry_relative', 'online_exposure'],
  })
  await contact('b', {
    channel: 'email',
    occurredAt: '2026-10-06T10:00:00.000Z',
    callerKind: 'professional',
    callerSector: 'school',
    themes: ['online_exposure'],
    orientation: 'information_only',
  })
  // Written with an offset: still 12 October in Brussels, the second week.
  await contact('c', { channel: 'walk_in', occurredAt: '2026-10-12T09:00:00+02:00', callerKind: 'anonymous', orientation: 'advice_case' })
  // Monday 19 October 00:30 in Brussels, and a contact in September: outside the period.
  await contact('d', {
    channel: 'phone',
    occurredAt: '2026-10-18T22:30:00.000Z',
    callerKind: 'relative',
    orientation: 'referred',
    referredTo: 'CPAS',
  })
  await contact('e', { channel: 'letter', occurredAt: '2026-09-20T10:00:00.000Z', callerKind: 'relative' })

  expect((await intake.post(`/api/contacts/${ids.b}/finalise`, undefined, ifMatch(1))).statusCode).toBe(200)
  await calledBack('a', 4)
  await calledBack('b', 10)
  await calledBack('c', 30)
  await calledBack('d', 1)
  await calledBack('e', 2)

  // Immediate danger found on a and c (the triage sets danger_at); the lead acknowledges a's.
  for (const key of ['a', 'c'])
    expect((await intake.post(`/api/contacts/${ids[key]}/triage`, { answers: DANGER }, ifMatch(1))).statusCode).toBe(200)
  expect((await lead.post(`/api/contacts/${ids.a}/danger/acknowledge`, undefined, ifMatch(2))).statusCode).toBe(200)
  // One on d, outside the period.
  expect((await intake.post(`/api/contacts/${ids.d}/triage`, { answers: DANGER }, ifMatch(1))).statusCode).toBe(200)

  // Confidentiality exceptions on contacts, recorded now: one pending, one validated by a lead.
  const exception = {
    situation: `Menace annoncée par ${SECRET}`,
    legalBasisId: '7f0c1a52-0001-4d2e-9a00-000000000001',
    recipientKind: 'police',
    recipientName: 'Inspecteur Dubois',
    disclosed: 'Nom et adresse',
    disclosedAt: new Date().toISOString(),
  }
  const pending = await intake.post('/api/exceptions', { ...exception, contactId: ids.a })
  expect(pending.statusCode, pending.body).toBe(201)
  const decided = json(await intake.post('/api/exceptions', { ...exception, contactId: ids.b }))
  expect((await lead.post(`/api/exceptions/${decided.id}/decision`, { decision: 'validated' }, ifMatch(decided.version))).statusCode).toBe(
    200,
  )

  await sheet('radicalisation-en-ligne', { fr: 'La radicalisation en ligne', nl: 'Online radicalisering' })
  await sheet('droits-des-parents', { fr: 'Les droits des parents' })
  await given('a', 'radicalisation-en-ligne', 'read_aloud', '2026-10-05T08:00:00.000Z')
  await given('b', 'radicalisation-en-ligne', 'email', '2026-10-06T10:20:00.000Z')
  await given('c', 'radicalisation-en-ligne', 'email', '2026-10-12T07:10:00.000Z')
  await given('c', 'droits-des-parents', 'paper', '2026-10-12T07:15:00.000Z')
  await given('d', 'droits-des-parents', 'paper', '2026-10-18T22:40:00.000Z')
})
afterAll(() => t.close())

const zeroChannels = { phone: 0, email: 0, walk_in: 0, web_form: 0, letter: 0, other: 0 }
const zeroKinds = { relative: 0, professional: 0, person_concerned: 0, undisclosed: 0, anonymous: 0 }
const zeroOrientations = { none: 0, information_only: 0, advice_case: 0, accompaniment: 0, referred: 0, not_yet: 0 }

it('counts the contacts of the period per Brussels week by channel, caller kind, theme and orientation', async () => {
  const res = await lead.get(`/api/contacts/statistics?${PERIOD}&language=nl`)
  expect(res.statusCode, res.body).toBe(200)
  const s = json(res)
  expect(s).toMatchObject({ from: '2026-10-05', to: '2026-10-18' })
  expect(s.weeks).toEqual([
    {
      week: '2026-10-05',
      total: 2,
      channel: { ...zeroChannels, phone: 1, email: 1 },
      callerKind: { ...zeroKinds, relative: 1, professional: 1 },
      orientation: { ...zeroOrientations, not_yet: 1, information_only: 1 },
      theme: { worry_relative: 1, online_exposure: 2 },
    },
    {
      week: '2026-10-12',
      total: 1,
      channel: { ...zeroChannels, walk_in: 1 },
      callerKind: { ...zeroKinds, anonymous: 1 },
      orientation: { ...zeroOrientations, advice_case: 1 },
      theme: {},
    },
  ])
  expect(s.totals).toMatchObject({ total: 3, channel: { ...zeroChannels, phone: 1, email: 1, walk_in: 1 } })
  // Called back after 4, 10 and 30 hours: median 10, 90th percentile (nearest rank) 30.
  expect(s.callBack).toEqual({ count: 3, medianHours: 10, p90Hours: 30 })
  expect(s.emergencies).toEqual({ total: 2, acknowledged: 1, medianHoursToAcknowledge: 0 })
  // The exceptions were recorded today, outside October.
  expect(s.exceptions).toEqual({ pending: 0, validated: 0, refused: 0 })
  expect(s.sheets).toEqual([
    {
      sheetId: sheets['radicalisation-en-ligne']?.id,
      code: 'radicalisation-en-ligne',
      title: 'Online radicalisering',
      count: 3,
      byHow: { read_aloud: 1, email: 2, paper: 0 },
    },
    // No Dutch text: its French title.
    {
      sheetId: sheets['droits-des-parents']?.id,
      code: 'droits-des-parents',
      title: 'Les droits des parents',
      count: 1,
      byHow: { read_aloud: 0, email: 0, paper: 1 },
    },
  ])
  // Counts only: no identity, summary, description or contact id.
  for (const secret of ['Bérénice', 'Vandenbroucke', 'neveu', 'CPAS', 'Inspecteur', ...Object.values(ids)])
    expect(res.body).not.toContain(secret)
})

it('moves with the period: a later week, and by default the last twelve weeks with this week’s exceptions', async () => {
  const later = json(await lead.get('/api/contacts/statistics?from=2026-10-19&to=2026-10-25'))
  expect(later.weeks.map((w: { week: string }) => w.week)).toEqual(['2026-10-19'])
  expect(later.totals).toMatchObject({ total: 1, orientation: { ...zeroOrientations, referred: 1 } })
  expect(later.callBack).toEqual({ count: 1, medianHours: 1, p90Hours: 1 })
  expect(later.emergencies).toEqual({ total: 1, acknowledged: 0, medianHoursToAcknowledge: null })
  expect(later.sheets).toMatchObject([{ code: 'droits-des-parents', count: 1 }])

  const byDefault = json(await lead.get('/api/contacts/statistics'))
  expect(byDefault.weeks).toHaveLength(12)
  expect(byDefault.weeks[0].week).toBe(byDefault.from)
  expect(new Date(`${byDefault.from}T12:00:00Z`).getUTCDay()).toBe(1)
  expect(byDefault.exceptions).toEqual({ pending: 1, validated: 1, refused: 0 })
  // The September contact falls in the last twelve weeks only if they reach back to 20 September.
  expect(byDefault.totals.total).toBe(byDefault.from <= '2026-09-20' ? 5 : 4)
  // Any lead sees the whole line's figures, whatever team they lead.
  expect(json(await otherLead.get(`/api/contacts/statistics?${PERIOD}`)).totals.total).toBe(3)
})

it('names the field of a bad period', async () => {
  for (const [query, field] of [
    ['from=2026-10-18&to=2026-10-05', 'from'],
    ['from=2024-01-01&to=2026-10-05', 'from'],
    ['from=2026-13-01', 'from'],
    ['to=yesterday', 'to'],
    ['language=xx', 'language'],
  ] as const) {
    const res = await lead.get(`/api/contacts/statistics?${query}`)
    expect(res.statusCode, query).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(json(res).errors.map((e: { field: string }) => e.field)).toContain(`query.${field}`)
  }
  // Two years to the day is the longest period.
  expect((await lead.get('/api/contacts/statistics?from=2024-10-06&to=2026-10-05')).statusCode).toBe(200)
})

it('is for leads only, and each read is audited naming no one', async () => {
  for (const who of [intake, worker, admin]) expect((await who.get(`/api/contacts/statistics?${PERIOD}`)).statusCode).toBe(403)
  const before = (await auditRows(t.services, 'contact.statistics_viewed')).length
  expect((await lead.get(`/api/contacts/statistics?${PERIOD}`)).statusCode).toBe(200)
  const entries = await auditRows(t.services, 'contact.statistics_viewed')
  expect(entries).toHaveLength(before + 1)
  const entry = entries.at(-1)
  expect(entry).toMatchObject({ actor_id: lead.userId })
  expect(JSON.stringify(entry)).toContain('2026-10-05')
  const persons = await t.services.db.selectFrom('audit_persons').selectAll().where('seq', '=', Number(entry?.seq)).execute()
  expect(persons).toEqual([])
})

it('places values at the median and the 90th percentile', () => {
  expect(percentile([], 0.5)).toBeNull()
  expect(percentile([4, 30, 10, 2], 0.5)).toBe(7)
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9)
  expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10)
})
