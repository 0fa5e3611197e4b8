import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * The statistics read day counts that the contact door keeps with every contact write (0032).
 * Whatever mix of contacts and changes, they must say what a count of the contacts themselves
 * says: here a seeded mix of new contacts, drafts edited freely, finalised contacts edited with
 * If-Match (channel, caller kind, themes, orientation, and the instant moved across Brussels days,
 * weeks and the end of summer time), compared with a recount of the contacts table per Brussels week.
 */
let t: TestApp
let intake: Agent & { userId: string }
let lead: Agent & { userId: string }

const CHANNELS = ['phone', 'email', 'walk_in', 'web_form', 'letter', 'other'] as const
const KINDS = ['relative', 'professional', 'person_concerned', 'anonymous'] as const
const THEMES = ['worry_relative', 'online_exposure', 'conflict_zone']
const ORIENTATIONS = [null, 'none', 'information_only', 'advice_case'] as const
const FROM = '2026-10-12'
const TO = '2026-11-08'

/** A deterministic draw, so that a failure can be replayed. */
function rng(seed: number) {
  let s = seed
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31
    return s / 2 ** 31
  }
}
const r = rng(2032)
const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)] as T

/** An instant around the period: often within an hour of a Brussels midnight, sometimes with an offset. */
function instant(): string {
  const day = Date.parse('2026-10-10T00:00:00Z') + Math.floor(r() * 32) * 86_400_000
  const minutes = r() < 0.6 ? 21 * 60 + Math.floor(r() * 240) : Math.floor(r() * 1440)
  const at = new Date(day + minutes * 60_000)
  return r() < 0.3 ? new Date(at.getTime() + 2 * 3_600_000).toISOString().replace('.000Z', '+02:00') : at.toISOString()
}
function body() {
  const callerKind = pick(KINDS)
  const orientation = pick(ORIENTATIONS)
  return {
    channel: pick(CHANNELS),
    occurredAt: instant(),
    callerKind,
    callerSector: callerKind === 'professional' ? 'school' : null,
    themes: THEMES.filter(() => r() < 0.4),
    orientation,
    urgency: 'none',
  }
}
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })

const BRUSSELS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' })
const brusselsDate = (at: string) => {
  const p = Object.fromEntries(BRUSSELS.formatToParts(new Date(at)).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day}`
}
const mondayOf = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`)
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10)
}

/** The statistics' counts recomputed from every contact, independently of the day counts. */
async function recount() {
  const rows = await t.services.db
    .selectFrom('contacts')
    .select(['occurred_at', 'channel', 'caller_kind', 'orientation', 'themes'])
    .execute()
  const weeks = new Map<string, Record<string, unknown>>()
  const blank = () => ({
    total: 0,
    channel: {} as Record<string, number>,
    callerKind: {} as Record<string, number>,
    orientation: {} as Record<string, number>,
    theme: {} as Record<string, number>,
  })
  const totals = blank()
  const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1)
  for (const c of rows) {
    const day = brusselsDate(c.occurred_at)
    if (day < FROM || day > TO) continue
    const week = (weeks.get(mondayOf(day)) as ReturnType<typeof blank> | undefined) ?? blank()
    weeks.set(mondayOf(day), week)
    for (const b of [week, totals]) {
      b.total++
      bump(b.channel, c.channel)
      bump(b.callerKind, c.caller_kind)
      bump(b.orientation, c.orientation ?? 'not_yet')
      for (const theme of JSON.parse(c.themes) as string[]) bump(b.theme, theme)
    }
  }
  return { weeks, totals }
}
/** The endpoint's breakdown without its zero counts, to compare with the recount. */
const nonZero = (b: { total: number; channel: object; callerKind: object; orientation: object; theme: object }) => {
  const strip = (m: object) => Object.fromEntries(Object.entries(m).filter(([, n]) => n !== 0))
  return {
    total: b.total,
    channel: strip(b.channel),
    callerKind: strip(b.callerKind),
    orientation: strip(b.orientation),
    theme: strip(b.theme),
  }
}

beforeAll(async () => {
  t = await startTestApp()
  intake = await t.as(['intake'])
  lead = await t.as(['lead'], { teamIds: [await t.team()] })
})
afterAll(() => t.close())

it('equals a recount of the contacts after a mix of new contacts, drafts edited and finalised contacts edited', async () => {
  const contacts: { id: string; version: number; final: boolean }[] = []
  for (let i = 0; i < 60; i++) {
    const res = await intake.post('/api/contacts', body())
    expect(res.statusCode, res.body).toBe(201)
    contacts.push({ id: json(res).id, version: json(res).version, final: false })
  }
  for (const c of contacts.filter(() => r() < 0.5)) {
    const res = await intake.post(`/api/contacts/${c.id}/finalise`, undefined, ifMatch(c.version))
    expect(res.statusCode, res.body).toBe(200)
    c.version = json(res).version
    c.final = true
  }
  // Each contact changed up to three times, drafts and final ones alike.
  for (let round = 0; round < 3; round++)
    for (const c of contacts.filter(() => r() < 0.5)) {
      const res = await intake.put(`/api/contacts/${c.id}`, body(), ifMatch(c.version))
      expect(res.statusCode, res.body).toBe(200)
      c.version = json(res).version
    }

  const res = await lead.get(`/api/contacts/statistics?from=${FROM}&to=${TO}`)
  expect(res.statusCode, res.body).toBe(200)
  const s = json(res)
  const expected = await recount()
  // The period holds contacts in every week, and the draws moved some across its edges.
  expect(expected.totals.total).toBeGreaterThan(20)
  expect(s.weeks.map((w: { week: string }) => w.week)).toEqual(['2026-10-12', '2026-10-19', '2026-10-26', '2026-11-02'])
  for (const w of s.weeks) {
    const want = expected.weeks.get(w.week) ?? { total: 0, channel: {}, callerKind: {}, orientation: {}, theme: {} }
    expect(nonZero(w), w.week).toEqual(want)
  }
  expect(nonZero(s.totals)).toEqual(expected.totals)
})
