import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../http/context'
import { json, startTestApp, type TestApp } from '../test/harness'
import { caseRow, prng, randomCases } from '../test/random-cases'
import { type CasePage, visibleCases, visiblePage } from './case-access'

/**
 * A lead's caseload page is drawn from the team's most recent cases and the few the lead reaches
 * otherwise, and its total is counted in two parts (case-access.ts, `visiblePage`). Both must
 * equal what the set form gives: every visible case, sorted most recently changed first (then by
 * id), cut to the page; and the count of every visible case.
 */
let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t?.close())

const STATUSES = ['intake', 'active', 'suspended', 'closing', 'closed'] as const

/** The set form, sorted and cut: the formulation the page must agree with. */
async function expected(actor: Actor, page: CasePage) {
  let q = visibleCases(t.services.db, actor)
  if (page.status) q = q.where('accompaniments.status', '=', page.status)
  const ids = await q
    .select('accompaniments.id')
    .orderBy('accompaniments.updated_at', 'desc')
    .orderBy('accompaniments.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  const n = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return { ids: ids.map((r) => r.id), total: Number(n.n) }
}

async function actual(actor: Actor, page: CasePage) {
  const p = visiblePage(t.services.db, actor, page)
  return { ids: (await p.rows.select('accompaniments.id').execute()).map((r) => r.id), total: await p.total() }
}

/** Every page size and offset over the actor's cases, with and without each status. */
async function expectSamePages(actor: Actor, label: string) {
  let checked = 0
  for (const status of [undefined, ...STATUSES])
    for (const limit of [1, 2, 3, 7, 100]) {
      const { total } = await expected(actor, { status, limit, offset: 0 })
      for (let offset = 0; offset <= total + 1; offset += limit) {
        const page = { status, limit, offset }
        expect(await actual(actor, page), `${label}: ${JSON.stringify(page)}`).toEqual(await expected(actor, page))
        checked += total
      }
    }
  return checked
}

/** A case row as the rule reads it; `updated_at` minutes from a fixed instant, some equal. */
async function insertCase(teamId: string, status: (typeof STATUSES)[number], minute: number, creator: string) {
  const id = crypto.randomUUID()
  const person = json(await (await t.as(['worker'])).post('/api/persons', { firstName: 'Page', lastName: `Case ${minute}` })).id
  const at = new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString()
  await t.services.db
    .insertInto('accompaniments')
    .values(
      caseRow({
        id,
        code: `P-${crypto.randomBytes(5).toString('hex')}`,
        person_id: person,
        team_id: teamId,
        status,
        created_by: creator,
        created_at: at,
      }),
    )
    .execute()
  return id
}

describe("a lead's caseload page and total", () => {
  it('equal the set form sorted and cut, over the team, cases assigned outside it, break-the-glass and closed cases', async () => {
    const team = await t.team()
    const other = await t.team()
    const lead = await t.as(['lead', 'worker'], { teamIds: [team] })
    const actor: Actor = {
      ...lead,
      displayName: lead.email,
      roles: ['lead', 'worker'],
      teamIds: [team],
      sessionId: 's',
      sessionState: 'active',
    }
    const grant = async (caseId: string, hours: number) =>
      t.services.db
        .insertInto('access_grants')
        .values({
          id: crypto.randomUUID(),
          accompaniment_id: caseId,
          user_id: lead.userId,
          reason_sealed: 'x',
          granted_at: new Date().toISOString(),
          expires_at: new Date(Date.now() + hours * 3_600_000).toISOString(),
        })
        .execute()
    const assign = (caseId: string) =>
      t.services.db
        .insertInto('accompaniment_workers')
        .values({ accompaniment_id: caseId, user_id: lead.userId, role: 'primary' })
        .execute()
    // The team's cases, of every status, some changed at the same minute.
    for (let i = 0; i < 12; i++) await insertCase(team, STATUSES[i % STATUSES.length]!, i % 5 === 0 ? 3 : i * 7, lead.userId)
    // One of them the lead also works on: reached twice, counted once.
    await assign(await insertCase(team, 'active', 40, lead.userId))
    // Outside the team: assigned (one closed), granted (live), granted (expired: not seen), neither.
    await assign(await insertCase(other, 'active', 100, lead.userId))
    await assign(await insertCase(other, 'closed', 2, lead.userId))
    await assign(await insertCase(other, 'suspended', 3, lead.userId))
    await grant(await insertCase(other, 'active', 50, lead.userId), 4)
    await grant(await insertCase(other, 'closed', 1, lead.userId), 4)
    await grant(await insertCase(other, 'active', 60, lead.userId), -4)
    await insertCase(other, 'active', 70, lead.userId)

    const all = await expected(actor, { limit: 100, offset: 0 })
    // 13 of the team, 3 assigned and 2 granted outside it: a world that shows each way in.
    expect(all.total).toBe(18)
    expect(await expectSamePages(actor, 'lead')).toBeGreaterThan(0)

    // Through the API, page by page: the same cases in the same order, and the same total.
    const seen: string[] = []
    for (let offset = 0; offset < 20; offset += 4) {
      const body = json(await lead.get(`/api/accompaniments?limit=4&offset=${offset}`))
      expect(body.total).toBe(18)
      seen.push(...body.items.map((c: { id: string }) => c.id))
    }
    expect(seen).toEqual(all.ids)
  })

  it.each([1, 2, 3].map(() => crypto.randomInt(2 ** 31)))('equal it for every actor of a random world (seed %i)', async (seed) => {
    const rnd = prng(seed)
    const world = await randomCases(t, rnd)
    // Changed at a few different minutes, so that both the order and its ties are exercised.
    for (const c of world.cases)
      await t.services.db
        .updateTable('accompaniments')
        .set({ updated_at: new Date(Date.UTC(2026, 10, 1) + rnd.int(0, 6) * 60_000).toISOString() })
        .where('id', '=', c.id)
        .execute()
    let checked = 0
    for (const actor of world.actors)
      checked += await expectSamePages(actor, `seed ${seed}, ${JSON.stringify(actor.roles)} of ${actor.teamIds.length} teams`)
    expect(checked, `seed ${seed}: nobody sees any case`).toBeGreaterThan(0)
  })
})
