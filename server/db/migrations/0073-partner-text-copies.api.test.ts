import type { Kysely } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { up } from './0073-partner-text-copies'

/**
 * Migration 0073: the coverage, need and term rows of a directory written before it have no copy
 * of their service's text. A database from before it is made again from a current one (the three
 * columns dropped); running the migration gives every row its service's text, and free text with a
 * place, a need or a language finds the services again.
 */
let t: TestApp
let admin: Agent
let worker: Agent
const TABLES = ['partner_service_coverage', 'partner_service_needs', 'partner_service_terms'] as const

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
  worker = await t.as(['worker'])
})
afterAll(() => t?.close())

it('copies each service’s text into its coverage, need and term rows', async () => {
  const created = await admin.post('/api/partners', {
    name: 'Maison Zéphyrine',
    description: 'Écoute et médiation familiale',
    active: true,
    services: [
      {
        name: 'Permanence',
        capacity: 'available',
        waitDays: 2,
        languages: ['ar'],
        needs: ['family_support'],
        coverage: [{ level: 'postcode', code: '7000' }],
      },
    ],
  })
  expect(created.statusCode, created.body).toBe(201)
  const db = t.services.db as unknown as Kysely<Record<string, { search_text: string; service_id: string }>>
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('search_text').execute()

  await up(db as unknown as Kysely<unknown>)

  const texts = await t.services.db.selectFrom('partner_services').select(['id', 'search_text']).execute()
  const textOf = new Map(texts.map((s) => [s.id, s.search_text]))
  for (const table of TABLES) {
    const rows = await db.selectFrom(table).select(['service_id', 'search_text']).execute()
    expect(rows.length, table).toBeGreaterThan(0)
    for (const row of rows) expect(row.search_text, table).toBe(textOf.get(row.service_id))
  }
  const names = async (params: Record<string, string>) => {
    const res = await worker.get(`/api/partners/search?${new URLSearchParams({ q: 'zephyrine', ...params }).toString()}`)
    expect(res.statusCode, res.body).toBe(200)
    return (json(res) as { items: { organisation: { name: string } }[] }).items.map((i) => i.organisation.name)
  }
  expect(await names({ place: '7000' })).toEqual(['Maison Zéphyrine'])
  expect(await names({ need: 'family_support' })).toEqual(['Maison Zéphyrine'])
  expect(await names({ language: 'ar' })).toEqual(['Maison Zéphyrine'])
})
