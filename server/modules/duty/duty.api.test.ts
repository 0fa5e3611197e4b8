import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { addDays, brussels } from './duty.time'

let t: TestApp
let lead: Agent & { userId: string }
let intake: Agent & { userId: string }
let worker: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  lead = await t.as(['lead'], { teamIds: [team] })
  intake = await t.as(['intake'])
  worker = await t.as(['worker'], { teamIds: [team] })
})
afterAll(() => t.close())

const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, spans: [{ opens: '00:00', closes: '23:59' }] }))

describe('opening hours', () => {
  it('starts from working days 9–17 (version 0), and the lead sets them with If-Match', async () => {
    const initial = await intake.get('/api/duty/hours')
    expect(initial.statusCode).toBe(200)
    expect(json(initial)).toMatchObject({ version: 0, exceptions: [] })
    expect(json(initial).weekly).toHaveLength(5)

    const hours = {
      weekly: [
        {
          weekday: 1,
          spans: [
            { opens: '09:00', closes: '12:30' },
            { opens: '13:30', closes: '17:00' },
          ],
        },
      ],
      exceptions: [{ date: '2026-12-25', spans: [], note: 'Noël' }],
    }
    expect((await lead.put('/api/duty/hours', hours)).statusCode).toBe(428)
    const saved = await lead.put('/api/duty/hours', hours, { 'if-match': '"0"' })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.headers.etag).toBe('"1"')
    expect(json(saved)).toMatchObject({ ...hours, version: 1, updatedByName: expect.any(String) })
    // A second first save (someone else's version 0) is stale.
    expect((await lead.put('/api/duty/hours', hours, { 'if-match': '"0"' })).statusCode).toBe(412)
    expect(json(await worker.get('/api/duty/hours'))).toMatchObject({ version: 1, exceptions: hours.exceptions })
    const [entry] = await auditRows(t.services, 'duty.hours_updated')
    expect(entry).toMatchObject({ actor_id: lead.userId, subject_type: 'duty', subject_id: 'hours' })
  })

  it('names the field of bad hours: closing before opening, overlaps, a weekday twice', async () => {
    const bad = await lead.put(
      '/api/duty/hours',
      {
        weekly: [
          { weekday: 2, spans: [{ opens: '10:00', closes: '09:00' }] },
          {
            weekday: 3,
            spans: [
              { opens: '09:00', closes: '12:00' },
              { opens: '11:00', closes: '15:00' },
            ],
          },
          { weekday: 3, spans: [] },
        ],
        exceptions: [],
      },
      { 'if-match': '"1"' },
    )
    expect(bad.statusCode).toBe(400)
    const fields = json(bad).errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['weekly.0.spans.0.closes', 'weekly.1.spans.1.opens', 'weekly.2.weekday']))
    expect((await worker.put('/api/duty/hours', { weekly: [], exceptions: [] }, { 'if-match': '"1"' })).statusCode).toBe(403)
  })
})

describe('rota and who is on duty', () => {
  // "Now" is frozen at a Wednesday 10:30 in Brussels: hours that close at 23:59 are closed in the
  // last minute of the day, and a run that crosses midnight would compare two different days.
  // Its own agents sign in inside the frozen time so that their sessions live in it too.
  let lead: Agent & { userId: string }
  let intake: Agent & { userId: string }
  let worker: Agent & { userId: string }
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-02T09:30:00Z') })
    const team = await t.team()
    lead = await t.as(['lead'], { teamIds: [team] })
    intake = await t.as(['intake'])
    worker = await t.as(['worker'], { teamIds: [team] })
  })
  afterAll(() => {
    vi.useRealTimers()
  })

  it('puts staff on duty per half-day, refuses others, and answers who is on duty now and next', async () => {
    const local = brussels(new Date())
    const half = local.time < '13:00' ? 'am' : 'pm'
    // Open all week, all day: "now" is open whatever time the test runs.
    const hours = json(await lead.get('/api/duty/hours'))
    expect((await lead.put('/api/duty/hours', { weekly: ALWAYS, exceptions: [] }, { 'if-match': `"${hours.version}"` })).statusCode).toBe(
      200,
    )

    const staff = json(await lead.get('/api/duty/staff')).items.map((s: { id: string }) => s.id)
    expect(staff).toEqual(expect.arrayContaining([lead.userId, intake.userId, worker.userId]))
    const dpo = await t.as(['dpo'])
    expect(staff).not.toContain(dpo.userId)

    const put = (date: string, h: string, body: unknown, version: number) =>
      lead.put(`/api/duty/rota/${date}/${h}`, body, { 'if-match': `"${version}"` })
    const refused = await put(local.date, half, { userId: dpo.userId }, 0)
    expect(refused.statusCode).toBe(400)
    expect(json(refused).errors[0]).toMatchObject({ field: 'userId', code: 'not_duty_staff' })

    const now = await put(local.date, half, { userId: lead.userId, phone: '+32 470 12 34 56' }, 0)
    expect(now.statusCode, now.body).toBe(200)
    expect(json(now)).toMatchObject({ date: local.date, half, userId: lead.userId, phone: '+32 470 12 34 56', version: 1 })
    expect((await put(local.date, half, { userId: worker.userId }, 0)).statusCode).toBe(412)
    const tomorrow = addDays(local.date, 1)
    expect((await put(tomorrow, 'am', { userId: intake.userId }, 0)).statusCode).toBe(200)

    const duty = json(await worker.get('/api/duty/now'))
    expect(duty).toMatchObject({ localDate: local.date, open: true, nextOpening: null })
    expect(duty.onDuty).toMatchObject({ userId: lead.userId, phone: '+32 470 12 34 56' })
    // The next slot with someone on it: this afternoon if it is morning and nobody is on it, else tomorrow morning.
    expect(duty.next).toMatchObject({ date: tomorrow, half: 'am', userId: intake.userId })

    // Clearing the slot leaves nobody on duty now.
    expect((await put(local.date, half, { userId: null }, 1)).statusCode).toBe(200)
    expect(json(await intake.get('/api/duty/now')).onDuty).toBeNull()

    const listed = json(await intake.get(`/api/duty/rota?from=${local.date}&to=${addDays(local.date, 14)}`)).items
    expect(listed.map((s: { date: string; half: string }) => `${s.date}:${s.half}`)).toEqual([`${local.date}:${half}`, `${tomorrow}:am`])
    const tooLong = await intake.get(`/api/duty/rota?from=${local.date}&to=${addDays(local.date, 90)}`)
    expect(json(tooLong).errors[0]).toMatchObject({ field: 'to', code: 'range_too_long' })
    // Three changes saved; the refused and the stale ones left nothing, not even an entry.
    expect((await auditRows(t.services, 'duty.rota_updated')).length).toBe(3)
  })

  it('says when the line is closed and when it opens next', async () => {
    const local = brussels(new Date())
    const hours = json(await lead.get('/api/duty/hours'))
    // Closed today, open tomorrow from 08:00.
    const body = {
      weekly: ALWAYS,
      exceptions: [
        { date: local.date, spans: [] },
        { date: addDays(local.date, 1), spans: [{ opens: '08:00', closes: '12:00' }] },
      ],
    }
    expect((await lead.put('/api/duty/hours', body, { 'if-match': `"${hours.version}"` })).statusCode).toBe(200)
    expect(json(await intake.get('/api/duty/now'))).toMatchObject({
      open: false,
      today: [],
      nextOpening: { date: addDays(local.date, 1), time: '08:00' },
    })
  })

  it('tells the rota which half-days the line is open, from the weekly hours and the dated exceptions', async () => {
    // Frozen on Wednesday 2 December 2026.
    const hours = json(await lead.get('/api/duty/hours'))
    const weekday = (d: number, spans: { opens: string; closes: string }[]) => ({ weekday: d, spans })
    const body = {
      weekly: [
        ...[1, 2, 4, 5].map((d) =>
          weekday(d, [
            { opens: '09:00', closes: '12:30' },
            { opens: '13:30', closes: '17:00' },
          ]),
        ),
        // Wednesday mornings only; a span that closes at 13:00 leaves the afternoon closed.
        weekday(3, [{ opens: '09:00', closes: '13:00' }]),
      ],
      exceptions: [
        { date: '2026-12-04', spans: [], note: 'Journée du personnel' },
        { date: '2026-12-07', spans: [{ opens: '14:00', closes: '17:00' }] },
      ],
    }
    expect((await lead.put('/api/duty/hours', body, { 'if-match': `"${hours.version}"` })).statusCode).toBe(200)
    const rota = json(await intake.get('/api/duty/rota?from=2026-12-02&to=2026-12-08'))
    expect(rota.days).toEqual([
      { date: '2026-12-02', open: { am: true, pm: false }, note: null },
      { date: '2026-12-03', open: { am: true, pm: true }, note: null },
      { date: '2026-12-04', open: { am: false, pm: false }, note: 'Journée du personnel' },
      { date: '2026-12-05', open: { am: false, pm: false }, note: null },
      { date: '2026-12-06', open: { am: false, pm: false }, note: null },
      { date: '2026-12-07', open: { am: false, pm: true }, note: null },
      { date: '2026-12-08', open: { am: true, pm: true }, note: null },
    ])
    // One day asked for, one day answered; across the change to summer time too.
    expect(json(await intake.get('/api/duty/rota?from=2027-03-28&to=2027-03-28')).days.map((d: { date: string }) => d.date)).toEqual([
      '2027-03-28',
    ])
    expect(json(await intake.get('/api/duty/rota?from=2027-03-27&to=2027-03-29')).days).toHaveLength(3)

    // Someone left on this afternoon, which the hours now close, is not who is on duty next.
    const slotVersion = async (date: string, h: string) =>
      (json(await intake.get(`/api/duty/rota?from=${date}&to=${date}`)).items as { half: string; version: number }[]).find(
        (s) => s.half === h,
      )?.version ?? 0
    for (const [date, h, who] of [
      ['2026-12-02', 'pm', worker],
      ['2026-12-03', 'am', intake],
    ] as const) {
      const res = await lead.put(`/api/duty/rota/${date}/${h}`, { userId: who.userId }, { 'if-match': `"${await slotVersion(date, h)}"` })
      expect(res.statusCode, res.body).toBe(200)
    }
    expect(json(await intake.get('/api/duty/now')).next).toMatchObject({ date: '2026-12-03', half: 'am', userId: intake.userId })
  })
})

describe('emergency path', () => {
  it('ships a default path, which the lead replaces, in four languages, with If-Match', async () => {
    const first = json(await intake.get('/api/duty/emergency-path'))
    expect(first.version).toBe(0)
    expect(first.steps[0]).toMatchObject({ kind: 'call', callee: 'police', phone: '112' })
    const L = (s: string) => ({ fr: s, nl: s, de: s, en: s })
    const steps = [
      { kind: 'call', callee: 'police', phone: '101', text: L('Appeler la police') },
      { kind: 'call', callee: 'judicial_liaison', phone: '+32 2 555 01 01', text: L('Joindre la liaison') },
      { kind: 'note', callee: null, phone: null, text: L('Noter les mots exacts') },
    ]
    const saved = await lead.put('/api/duty/emergency-path', { steps }, { 'if-match': '"0"' })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(json(await worker.get('/api/duty/emergency-path'))).toMatchObject({ steps, version: 1 })
    const bad = await lead.put(
      '/api/duty/emergency-path',
      { steps: [{ kind: 'call', callee: null, phone: null, text: L('x') }] },
      { 'if-match': '"1"' },
    )
    expect(json(bad).errors[0]).toMatchObject({ field: 'steps.0.callee' })
    const missingLanguage = await lead.put(
      '/api/duty/emergency-path',
      { steps: [{ ...steps[2], text: { fr: 'x' } }] },
      { 'if-match': '"1"' },
    )
    expect(json(missingLanguage).errors.map((e: { field: string }) => e.field)).toContain('steps.0.text.nl')
    expect((await intake.put('/api/duty/emergency-path', { steps }, { 'if-match': '"1"' })).statusCode).toBe(403)
  })
})
