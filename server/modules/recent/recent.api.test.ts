import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, TEST_PASSWORD } from '../../test/harness'

/**
 * RECENTLY VIEWED: the cases and persons a user opened last, kept by the server, shown through the
 * doors again at every read (a case taken from the user disappears), cleared on request, and at
 * sign-out when the service says so.
 */
type Member = Agent & { userId: string; email: string }
type Item = { kind: string; id: string; code: string; label: string; link: string; viewedAt: string }

async function world(env: Record<string, string> = {}) {
  const t = await startTestApp({ env })
  const team = await t.team()
  const intake = (await t.as(['intake'], { teamIds: [team] })) as Member
  const worker = (await t.as(['worker'], { teamIds: [team] })) as Member
  const other = (await t.as(['worker'], { teamIds: [team] })) as Member
  const lead = (await t.as(['lead'], { teamIds: [team] })) as Member
  const person = json(await intake.post('/api/persons', { firstName: 'Julien', lastName: 'Delvaux' }))
  const created = json(await intake.post('/api/accompaniments', { personId: person.id, teamId: team, kind: 'concerned' }))
  const assigned = await lead.post(`/api/accompaniments/${created.id}/assign`, { primaryWorkerId: worker.userId })
  expect(assigned.statusCode, assigned.body).toBe(200)
  return { t, team, intake, worker, other, lead, person, acc: { id: created.id as string, code: json(assigned).code as string } }
}
const recent = async (agent: Agent) => {
  const res = await agent.get('/api/me/recent')
  expect(res.statusCode, res.body).toBe(200)
  return json<{ items: Item[] }>(res).items
}

describe('recently viewed', () => {
  let w: Awaited<ReturnType<typeof world>>
  beforeAll(async () => {
    w = await world()
  })
  afterAll(() => w?.t.close())

  it('lists the case and person pages opened, newest first, presented with code, label and link', async () => {
    expect(await recent(w.worker)).toEqual([])
    expect((await w.worker.get(`/api/persons/${w.person.id}`)).statusCode).toBe(200)
    expect((await w.worker.get(`/api/accompaniments/${w.acc.id}`)).statusCode).toBe(200)
    const items = await recent(w.worker)
    expect(items.map(({ viewedAt: _, ...i }) => i)).toEqual([
      { kind: 'case', id: w.acc.id, code: w.acc.code, label: 'Julien Delvaux', link: `/accompaniments/${w.acc.id}` },
      { kind: 'person', id: w.person.id, code: w.person.code, label: 'Julien Delvaux', link: `/persons/${w.person.id}` },
    ])
    // Opening the person again moves it up, without a second row.
    await w.worker.get(`/api/persons/${w.person.id}`)
    const moved = await recent(w.worker)
    expect(moved.map((i) => i.kind)).toEqual(['person', 'case'])
    expect(moved[0]!.viewedAt > items[1]!.viewedAt).toBe(true)
    // Opening it again while it is the latest changes nothing: its time is when the user turned to it.
    await w.worker.get(`/api/persons/${w.person.id}`)
    expect(await recent(w.worker)).toEqual(moved)
    // Each user has their own.
    expect(await recent(w.lead)).toEqual([])
  })

  it('records nothing for a page the user may not open', async () => {
    expect((await w.other.get(`/api/accompaniments/${w.acc.id}`)).statusCode).toBe(404)
    expect((await w.other.get(`/api/persons/${w.person.id}`)).statusCode).toBe(404)
    expect(await recent(w.other)).toEqual([])
  })

  it('drops a case, and a person reached through it, once the user lost access, at read time', async () => {
    expect((await recent(w.worker)).map((i) => i.id)).toContain(w.acc.id)
    const moved = await w.lead.post(`/api/accompaniments/${w.acc.id}/assign`, { primaryWorkerId: w.other.userId })
    expect(moved.statusCode, moved.body).toBe(200)
    expect(await recent(w.worker)).toEqual([])
    // The list's entry names only the persons it shows.
    const entry = (await auditRows(w.t.services, 'recent_view.listed')).at(-1)!
    expect(entry.persons ?? '').not.toContain(w.person.id)
    // Given back, it comes back.
    await w.lead.post(`/api/accompaniments/${w.acc.id}/assign`, { primaryWorkerId: w.worker.userId })
    expect((await recent(w.worker)).map((i) => i.id)).toEqual([w.person.id, w.acc.id])
    const shown = (await auditRows(w.t.services, 'recent_view.listed')).at(-1)!
    expect(shown.persons).toContain(w.person.id)
  })

  it('keeps the last ten', async () => {
    const ids: string[] = []
    for (let i = 0; i < 12; i++) {
      const p = json(await w.intake.post('/api/persons', { firstName: 'Julie', lastName: `Nummer${'abcdefghijkl'[i]}` }))
      expect((await w.intake.get(`/api/persons/${p.id}`)).statusCode).toBe(200)
      ids.push(p.id)
    }
    const items = await recent(w.intake)
    expect(items).toHaveLength(10)
    expect(items.map((i) => i.id)).toEqual(ids.slice(2).reverse())
    // Opening one of the ten again drops none of the others.
    expect((await w.intake.get(`/api/persons/${ids[2]}`)).statusCode).toBe(200)
    expect((await recent(w.intake)).map((i) => i.id)).toEqual([ids[2], ...ids.slice(3).reverse()])
    // A new one drops the oldest.
    const p = json(await w.intake.post('/api/persons', { firstName: 'Julie', lastName: 'Nummerm' }))
    expect((await w.intake.get(`/api/persons/${p.id}`)).statusCode).toBe(200)
    expect((await recent(w.intake)).map((i) => i.id)).toEqual([p.id, ids[2], ...ids.slice(4).reverse()])
  })

  it('is cleared on request, audited without a name', async () => {
    expect((await recent(w.intake)).length).toBeGreaterThan(0)
    const res = await w.intake.request('DELETE', '/api/me/recent')
    expect(res.statusCode, res.body).toBe(200)
    expect(await recent(w.intake)).toEqual([])
    const entry = (await auditRows(w.t.services, 'recent_view.cleared')).at(-1)!
    expect(entry.actor_id).toBe(w.intake.userId)
    expect(entry.details).not.toMatch(/Julie|Nummer/)
  })

  it('is refused to roles that open no person', async () => {
    for (const role of ['admin', 'dpo', 'partner', 'researcher'] as const) {
      const agent = await w.t.as([role])
      expect((await agent.get('/api/me/recent')).statusCode, role).toBe(403)
      expect((await agent.request('DELETE', '/api/me/recent')).statusCode, role).toBe(403)
    }
  })
})

describe('at sign-out', () => {
  for (const [setting, kept] of [
    ['false', true],
    ['true', false],
  ] as const) {
    it(`PARCOURS_RECENT_CLEAR_AT_SIGNOUT=${setting}: the list is ${kept ? 'kept' : 'cleared'}`, async () => {
      const w = await world({ PARCOURS_RECENT_CLEAR_AT_SIGNOUT: setting })
      try {
        expect((await w.worker.get(`/api/accompaniments/${w.acc.id}`)).statusCode).toBe(200)
        expect((await w.lead.get(`/api/accompaniments/${w.acc.id}`)).statusCode).toBe(200)
        expect(await recent(w.worker)).toHaveLength(1)
        expect((await w.worker.post('/api/auth/logout')).statusCode).toBe(200)
        // Signed in again as the same worker.
        const again = w.t.agent()
        const login = await again.post('/api/auth/login', { email: w.worker.email, password: TEST_PASSWORD })
        expect(login.statusCode, login.body).toBe(200)
        expect((await recent(again)).length).toBe(kept ? 1 : 0)
        // Another user's list is never touched by someone's sign-out.
        expect(await recent(w.lead)).toHaveLength(1)
      } finally {
        await w.t.close()
      }
    })
  }
})
