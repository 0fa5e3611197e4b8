import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CaseWorld, caseWorld } from '../../test/case-world'
import { RELATIONSHIPS, type Relationship } from '../../test/case-world'
import { json, startTestApp, type TestApp } from '../../test/harness'

/**
 * Who reaches which contact, for every relationship of the case world (its case of team A:
 * `assigned` and `coWorker` work on it, `teamLead` leads team A, `breakGlass` holds a grant):
 * intake and leads every contact; workers those they logged (not web-form ones), those whose
 * call-back is theirs (not web-form ones either), and those linked to a case they see, changing
 * only those of cases they work on; other roles none.
 */
let t: TestApp
let w: CaseWorld
const ids = {} as Record<'linked' | 'intakeOwn' | 'webForm' | 'workerOwn' | 'callBack' | 'webCallBack', string>
const body = { channel: 'phone', occurredAt: '2026-11-30T09:00:00Z', callerKind: 'anonymous', summary: 'Relationships' }

beforeAll(async () => {
  t = await startTestApp({ env: { PARCOURS_DENIALS_PER_MINUTE: '100000' } })
  w = await caseWorld(t)
  const acc = await w.newCase()
  const make = async (who: Relationship, extra: Record<string, unknown> = {}) => {
    const res = await w.as[who].post('/api/contacts', { ...body, ...extra })
    expect(res.statusCode, res.body).toBe(201)
    return json(res).id as string
  }
  ids.linked = await make('intake')
  const linked = await w.as.teamLead.post(`/api/contacts/${ids.linked}/link`, { accompanimentId: acc.id }, { 'if-match': '"1"' })
  expect(linked.statusCode, linked.body).toBe(200)
  ids.intakeOwn = await make('intake')
  ids.webForm = await make('intake', { channel: 'web_form' })
  ids.workerOwn = await make('assigned')
  // Call-backs intake gives to a worker of another team (as the triage does to whoever is on duty).
  const callBack = async (extra: Record<string, unknown> = {}) => {
    const id = await make('intake', extra)
    const set = await w.as.intake.post(
      `/api/contacts/${id}/callback`,
      { dueDate: '2026-12-03', assigneeId: w.as.otherWorker.userId },
      { 'if-match': '"1"' },
    )
    expect(set.statusCode, set.body).toBe(200)
    return id
  }
  ids.callBack = await callBack()
  ids.webCallBack = await callBack({ channel: 'web_form' })
})
afterAll(() => t?.close())

const NONE = { partner: 403, researcher: 403, dpo: 403, admin: 403 } as const
const SEES_ALL = { intake: 200, teamLead: 200, otherTeamLead: 200 } as const
/** GET status, then PUT status (with the current version), per relationship. */
const EXPECTED: Record<keyof typeof ids, Record<Relationship, [number, number]>> = {
  linked: {
    ...pairs(SEES_ALL),
    ...pairs(NONE),
    assigned: [200, 200],
    coWorker: [200, 200],
    otherWorker: [404, 404],
    breakGlass: [200, 403],
  },
  intakeOwn: {
    ...pairs(SEES_ALL),
    ...pairs(NONE),
    assigned: [404, 404],
    coWorker: [404, 404],
    otherWorker: [404, 404],
    breakGlass: [404, 404],
  },
  webForm: {
    ...pairs(SEES_ALL),
    ...pairs(NONE),
    assigned: [404, 404],
    coWorker: [404, 404],
    otherWorker: [404, 404],
    breakGlass: [404, 404],
  },
  workerOwn: {
    ...pairs(SEES_ALL),
    ...pairs(NONE),
    assigned: [200, 200],
    coWorker: [404, 404],
    otherWorker: [404, 404],
    breakGlass: [404, 404],
  },
  callBack: {
    ...pairs(SEES_ALL),
    ...pairs(NONE),
    assigned: [404, 404],
    coWorker: [404, 404],
    otherWorker: [200, 200],
    breakGlass: [404, 404],
  },
  webCallBack: {
    ...pairs(SEES_ALL),
    ...pairs(NONE),
    assigned: [404, 404],
    coWorker: [404, 404],
    otherWorker: [404, 404],
    breakGlass: [404, 404],
  },
}
function pairs<R extends string>(m: Record<R, number>): Record<R, [number, number]> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [v, v]])) as Record<R, [number, number]>
}

describe.each(Object.keys(EXPECTED) as (keyof typeof ids)[])('a contact %s', (which) => {
  it.each(RELATIONSHIPS)('as %s', async (rel) => {
    const [read, change] = EXPECTED[which][rel]
    const agent = w.as[rel]
    expect((await agent.get(`/api/contacts/${ids[which]}`)).statusCode, 'GET').toBe(read)
    expect((await agent.get(`/api/contacts/${ids[which]}/history`)).statusCode, 'history').toBe(read)
    const listed = await agent.get('/api/contacts?limit=100')
    if (read === 403) expect(listed.statusCode).toBe(403)
    else
      expect(
        json(listed).items.some((i: { id: string }) => i.id === ids[which]),
        'in the list',
      ).toBe(read === 200)
    const current = json(await w.as.intake.get(`/api/contacts/${ids[which]}`))
    // The contact keeps its channel: a web-form contact turned into a phone call would change who sees it.
    const put = await agent.put(
      `/api/contacts/${ids[which]}`,
      { ...body, channel: current.channel },
      { 'if-match': `"${current.version}"` },
    )
    expect(put.statusCode, `PUT ${put.body}`).toBe(change)
  })
})
