import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { FIXTURE_FILE, fixtureJson } from './fixtures/make-fixture'

let t: TestApp
let admin: Agent
let lead: Agent
const fixture = () => JSON.parse(fs.readFileSync(FIXTURE_FILE, 'utf8')) as any[]

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
  lead = await t.as(['lead'])
})
afterAll(() => t.close())

/** What the directory holds, table by table: compared before and after a refused import. */
async function snapshot(app: TestApp) {
  const db = app.services.db
  return {
    organisations: await db.selectFrom('partner_organisations').selectAll().orderBy('id').execute(),
    contacts: await db.selectFrom('partner_org_contacts').selectAll().orderBy('id').execute(),
    services: await db.selectFrom('partner_services').selectAll().orderBy('id').execute(),
    needs: await db.selectFrom('partner_service_needs').selectAll().orderBy('service_id').orderBy('need_code').execute(),
    coverage: await db.selectFrom('partner_service_coverage').selectAll().orderBy('service_id').orderBy('level').orderBy('code').execute(),
  }
}
const importFile = (as: Agent, body: unknown) => as.post('/api/partners/hsds', body)
const errorsOf = (res: { json: () => unknown }) => (res.json() as { errors: { field: string; code: string; message: string }[] }).errors

describe('HSDS import and export', () => {
  it('the committed fixture is what the fixture data makes (30 organisations, Arabic, Turkish and Dutch spoken)', () => {
    expect(fs.readFileSync(FIXTURE_FILE, 'utf8')).toBe(fixtureJson())
    const orgs = fixture()
    expect(orgs).toHaveLength(30)
    const languages = new Set(orgs.flatMap((o) => o.services.flatMap((s: any) => s.languages.map((l: any) => l.code))))
    for (const code of ['ar', 'tr', 'nl', 'fr', 'de']) expect(languages).toContain(code)
    const levels = new Set(orgs.flatMap((o) => o.services.flatMap((s: any) => s.service_areas.map((a: any) => a.uri.split(':')[3]))))
    expect([...levels].sort()).toEqual(['municipality', 'national', 'postcode', 'province', 'region'])
  })

  it('round-trips: export → import into an empty database → export gives identical JSON', async () => {
    const first = await importFile(admin, fixture())
    expect(first.statusCode, first.body).toBe(200)
    expect(json(first)).toEqual({ organizations: 30, created: 30, updated: 0, services: 33 })
    const exported = await lead.get('/api/partners/hsds')
    expect(exported.statusCode).toBe(200)
    // The export of the imported fixture is the fixture itself.
    expect(json(exported)).toEqual(fixture())

    const other = await startTestApp()
    try {
      const otherAdmin = await other.as(['admin'])
      expect((await otherAdmin.get('/api/partners/hsds')).json()).toEqual([])
      const again = await importFile(otherAdmin, json(exported))
      expect(again.statusCode, again.body).toBe(200)
      expect((await otherAdmin.get('/api/partners/hsds')).body).toBe(exported.body)
    } finally {
      await other.close()
    }
  })

  it('re-importing the same ids updates in place (upsert), drops services the file no longer lists, and is audited', async () => {
    const file = fixture()
    const target = file.find((o) => o.services.length === 2)
    target.name = `${target.name} (renamed)`
    const dropped = target.services.pop()
    const res = await importFile(admin, file)
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ organizations: 30, created: 0, updated: 30 })
    const view = json(await lead.get(`/api/partners/${target.id}`))
    expect(view.name).toBe(target.name)
    expect(view.services.map((s: { id: string }) => s.id)).not.toContain(dropped.id)
    expect(
      await t.services.db.selectFrom('partner_service_coverage').select('code').where('service_id', '=', dropped.id).execute(),
    ).toEqual([])
    const audit = await auditRows(t.services, 'partner.imported')
    expect(audit.at(-1)).toMatchObject({ outcome: 'success' })
    expect(JSON.parse(String(audit.at(-1)?.details))).toMatchObject({ organizations: 30, updated: 30 })
    // Back to the fixture, for the tests below.
    expect((await importFile(admin, fixture())).statusCode).toBe(200)
  })

  const cases: [string, (file: any[]) => void, { field: string; code?: string; record: number }][] = [
    ['a wrong type', (f) => void (f[2].services[0].minimum_age = 'twelve'), { field: '2.services.0.minimum_age', record: 2 }],
    [
      'an unknown postcode',
      (f) => void (f[4].services[0].service_areas[0].uri = 'urn:parcours:be:postcode:9999'),
      { field: '4.services.0.service_areas.0.uri', code: 'unknown_area', record: 4 },
    ],
    [
      'an unknown province',
      (f) => void (f[5].services[0].service_areas[0].uri = 'urn:parcours:be:province:BE-XXX'),
      { field: '5.services.0.service_areas.0.uri', code: 'unknown_area', record: 5 },
    ],
    [
      'a free-text area',
      (f) => void (f[6].services[0].service_areas = [{ id: f[6].services[0].service_areas[0].id, name: 'Liège et environs' }]),
      { field: '6.services.0.service_areas.0.uri', code: 'unknown_area', record: 6 },
    ],
    [
      'an unknown need',
      (f) => void (f[7].services[0].attributes[0].taxonomy_term.code = 'astrology'),
      { field: '7.services.0.attributes.0.taxonomy_term.code', code: 'unknown', record: 7 },
    ],
    ['a duplicate organisation id', (f) => void (f[9].id = f[8].id), { field: '9.id', code: 'duplicate', record: 9 }],
    [
      'a duplicate service id',
      (f) => void (f[11].services[0].id = f[10].services[0].id),
      { field: '11.services.0.id', code: 'duplicate', record: 11 },
    ],
    [
      'a service claiming another organisation',
      (f) => void (f[12].services[0].organization_id = f[13].id),
      { field: '12.services.0.organization_id', code: 'mismatch', record: 12 },
    ],
    ['an id that is not a uuid', (f) => void (f[14].id = 'not-a-uuid'), { field: '14.id', record: 14 }],
    [
      'a bad charter date',
      (f) =>
        void (f[0].attributes.find((a: any) => a.taxonomy_term.code === 'organization.charter_renew_on')
          ? (f[0].attributes.find((a: any) => a.taxonomy_term.code === 'organization.charter_renew_on').value = '31/12/2026')
          : f[0].attributes.push({
              id: '00000000-0000-4000-8000-000000000001',
              taxonomy_term_id: '00000000-0000-4000-8000-000000000002',
              value: '31/12/2026',
              taxonomy_term: {
                id: '00000000-0000-4000-8000-000000000002',
                code: 'organization.charter_renew_on',
                name: 'x',
                description: 'x',
                taxonomy: 'parcours',
              },
            })),
      { field: '0.attributes.', code: 'invalid', record: 0 },
    ],
    [
      'an unknown capacity',
      (f) => void (f[15].services[0].attributes.find((a: any) => a.taxonomy_term.code === 'service.capacity').value = 'plenty'),
      { field: '15.services.0.capacity', record: 15 },
    ],
    [
      'a three-letter language',
      (f) => void (f[16].services[0].languages[0].code = 'ara'),
      { field: '16.services.0.languages.0.code', code: 'unsupported', record: 16 },
    ],
  ]
  it.each(cases)('refuses %s, naming the record and the field, and imports nothing', async (_what, spoil, expected) => {
    const before = await snapshot(t)
    const file = fixture()
    for (const o of file) o.name = `${o.name} — changed`
    spoil(file)
    const res = await importFile(admin, file)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    const errors = errorsOf(res)
    const hit = errors.find((e) => e.field.startsWith(expected.field))
    expect(hit, JSON.stringify(errors)).toBeDefined()
    if (expected.code) expect(hit?.code).toBe(expected.code)
    expect(hit?.message).toMatch(new RegExp(`^organization ${expected.record}\\b`))
    const id = file[expected.record].id
    if (/^[0-9a-f-]{36}$/.test(id)) expect(hit?.message).toContain(id)
    expect(await snapshot(t)).toEqual(before)
  })

  it('refuses what is not an array, prototype-pollution keys and a 50 MB body, importing nothing', async () => {
    const before = await snapshot(t)
    const notArray = await importFile(admin, { organizations: [] })
    expect(notArray.statusCode).toBe(400)
    expect(errorsOf(notArray)[0]?.field).toBe('body')
    for (const raw of [
      `[{"__proto__": {"admin": true}, "id": "${fixture()[0].id}", "name": "x", "description": "x"}]`,
      `[{"constructor": {"prototype": {"admin": true}}, "id": "${fixture()[0].id}", "name": "x", "description": "x"}]`,
    ]) {
      const res = await admin.request('POST', '/api/partners/hsds', Buffer.from(raw), { 'content-type': 'application/json' })
      expect(res.statusCode, res.body).toBe(400)
      expect(({} as Record<string, unknown>).admin).toBeUndefined()
    }
    const huge = Buffer.alloc(50 * 1024 * 1024, 0x20)
    huge.write('[', 0)
    huge.write(']', huge.length - 1)
    const tooLarge = await admin.request('POST', '/api/partners/hsds', huge, { 'content-type': 'application/json' })
    expect(tooLarge.statusCode).toBe(413)
    expect(json(tooLarge).code).toBe('payload.too_large')
    expect(await snapshot(t)).toEqual(before)
  })

  it('keeps script in a name as text', async () => {
    const file = fixture().slice(0, 1)
    file[0].name = '<script>alert(1)</script> Centre'
    expect((await importFile(admin, file)).statusCode).toBe(200)
    expect(json(await lead.get(`/api/partners/${file[0].id}`)).name).toBe('<script>alert(1)</script> Centre')
    expect((await importFile(admin, fixture())).statusCode).toBe(200)
  })

  it('lets only admins import; intake, workers and leads export', async () => {
    for (const roles of [['lead'], ['worker'], ['intake'], ['dpo'], ['partner']] as const) {
      const as = await t.as([...roles])
      expect((await importFile(as, [])).statusCode, roles[0]).toBe(403)
    }
    for (const roles of [['intake'], ['worker'], ['lead'], ['admin']] as const) {
      const as = await t.as([...roles])
      expect((await as.get('/api/partners/hsds')).statusCode, roles[0]).toBe(200)
    }
    for (const roles of [['dpo'], ['partner'], ['researcher']] as const) {
      const as = await t.as([...roles])
      expect((await as.get('/api/partners/hsds')).statusCode, roles[0]).toBe(403)
    }
  })
})
