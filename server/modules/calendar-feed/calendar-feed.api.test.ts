import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

/**
 * Issue 12: a worker's sessions in their own calendar application, at a secret address: the
 * feed parses as iCalendar, holds their sessions with the case's code and the kind of session —
 * never a name, a place or a note — and nobody else's; a revoked or replaced address answers 404.
 */
let t: TestApp
let team: string
let lead: Agent & { userId: string }
let worker: Agent & { userId: string }
let other: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp({ env: { PARCOURS_PUBLIC_URL: 'https://parcours.example.org' } })
  team = await t.team()
  lead = await t.as(['lead'], { teamIds: [team] })
  worker = await t.as(['worker'], { teamIds: [team] })
  other = await t.as(['worker'], { teamIds: [team] })
})
afterAll(() => t.close())

const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '.000Z')

/** A minimal RFC 5545 reader: unfolds lines, returns each VEVENT's properties. */
function parseIcs(text: string) {
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
  expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true)
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)
  const events: Record<string, string>[] = []
  let current: Record<string, string> | null = null
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {}
    else if (line === 'END:VEVENT') {
      events.push(current as Record<string, string>)
      current = null
    } else if (current) {
      const i = line.indexOf(':')
      current[line.slice(0, i)] = line.slice(i + 1)
    }
  }
  return events
}

it('serves my sessions as codes and kinds at a secret address, which stops working once revoked or replaced', async () => {
  const person = json(await lead.post('/api/persons', { firstName: 'Julien', lastName: 'Verhaegen' }))
  const acc = json(await lead.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  expect(
    (await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: worker.userId, coWorkerIds: [other.userId] })).statusCode,
  ).toBe(200)
  const session = async (by: Agent, days: number, modality: string) => {
    const res = await by.post(`/api/accompaniments/${acc.id}/sessions`, {
      startsAt: at(days),
      modality,
      status: 'planned',
      durationMinutes: 45,
      place: 'Rue Haute 12',
      notes: 'Julien parle de sa mère',
    })
    expect(res.statusCode, res.body).toBe(201)
    return json(res) as { id: string; startsAt: string }
  }
  const mine = await session(worker, 2, 'home_visit')
  await session(other, 3, 'office')

  expect(json(await worker.get('/api/me/calendar-feed'))).toEqual({ active: false, createdAt: null })
  const issued = await worker.post('/api/me/calendar-feed')
  expect(issued.statusCode, issued.body).toBe(200)
  const url = new URL(json(issued).url)
  expect(url.origin).toBe('https://parcours.example.org')
  expect(json(await worker.get('/api/me/calendar-feed')).active).toBe(true)
  // Only a hash of the token is stored.
  const token = url.pathname.split('/').pop()?.replace('.ics', '') as string
  const stored = await t.services.db.selectFrom('calendar_feeds').selectAll().execute()
  expect(JSON.stringify(stored)).not.toContain(token)

  const feed = await t.agent().get(url.pathname)
  expect(feed.statusCode, feed.body).toBe(200)
  expect(feed.headers['content-type']).toContain('text/calendar')
  const events = parseIcs(feed.body)
  expect(events).toHaveLength(1)
  expect(events[0]).toMatchObject({
    UID: `${mine.id}@parcours.example.org`,
    SUMMARY: `${acc.code} – Visite à domicile`,
    STATUS: 'CONFIRMED',
  })
  const start = Date.parse(mine.startsAt)
  expect(events[0]?.DTSTART).toBe(new Date(start).toISOString().replace(/[-:]/g, '').replace('.000', ''))
  expect(events[0]?.DTEND).toBe(new Date(start + 45 * 60_000).toISOString().replace(/[-:]/g, '').replace('.000', ''))
  expect(feed.body).not.toMatch(/Julien|Verhaegen|Rue Haute|mère/)
  // The read is audited as the owner's, with the client shown.
  const entries = await auditRows(t.services, 'calendar.feed_read')
  expect(entries.at(-1)).toMatchObject({ actor_id: worker.userId })

  // Another worker's feed holds their own session only.
  const theirs = new URL(json(await other.post('/api/me/calendar-feed')).url)
  expect(parseIcs((await t.agent().get(theirs.pathname)).body).map((e) => e.SUMMARY)).toEqual([`${acc.code} – Entretien au bureau`])

  // Made again: the former address is dead. Revoked: the new one too.
  const again = new URL(json(await worker.post('/api/me/calendar-feed')).url)
  expect((await t.agent().get(url.pathname)).statusCode).toBe(404)
  expect((await t.agent().get(again.pathname)).statusCode).toBe(200)
  expect((await worker.request('DELETE', '/api/me/calendar-feed')).statusCode).toBe(200)
  expect((await t.agent().get(again.pathname)).statusCode).toBe(404)
  expect(json(await worker.get('/api/me/calendar-feed')).active).toBe(false)
  // A made-up token is as unknown as a revoked one; a malformed one is refused.
  expect((await t.agent().get(`/api/calendar-feed/${'A'.repeat(43)}.ics`)).statusCode).toBe(404)
  expect((await t.agent().get('/api/calendar-feed/short.ics')).statusCode).toBe(400)
  // Roles without sessions have no feed.
  expect((await (await t.as(['intake'])).post('/api/me/calendar-feed')).statusCode).toBe(403)
})
