import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

let t: TestApp
let admin: Agent
let lead: Agent
let worker: Agent
let intake: Agent

beforeAll(async () => {
  t = await startTestApp()
  admin = await t.as(['admin'])
  lead = await t.as(['lead'])
  worker = await t.as(['worker'])
  intake = await t.as(['intake'])
})
afterAll(() => t.close())

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })
const L = (text: string) => ({ fr: text, nl: text, de: text, en: text })
const organisation = (over: Record<string, unknown> = {}) => ({
  name: `Centre ${crypto.randomBytes(3).toString('hex')}`,
  description: 'Consultations psychologiques',
  missions: 'Soigner',
  charterSignedOn: '2026-01-15',
  charterRenewOn: '2028-01-15',
  audiences: ['young_people', 'families'],
  languages: ['fr', 'ar'],
  email: 'Accueil@Centre.example',
  referralEmail: 'orientations@centre.example',
  contacts: [{ name: 'Nadia Ferrant', title: 'Coordinatrice', phone: '+32 4 000 00 00' }],
  services: [
    {
      name: 'Consultations',
      capacity: 'limited',
      waitDays: 21,
      languages: ['fr', 'ar'],
      needs: ['mental_health'],
      coverage: [
        { level: 'postcode', code: '4000' },
        { level: 'province', code: 'BE-WLG' },
      ],
    },
  ],
  ...over,
})

describe('the partner directory', () => {
  it('is kept by leads and admins, read by intake and workers, and every change is audited', async () => {
    const created = await lead.post('/api/partners', organisation())
    expect(created.statusCode, created.body).toBe(201)
    const org = json(created)
    expect(created.headers.etag).toBe('"1"')
    expect(org).toMatchObject({
      version: 1,
      email: 'accueil@centre.example',
      active: true,
      contacts: [{ name: 'Nadia Ferrant', title: 'Coordinatrice', email: null }],
      services: [
        {
          capacity: 'limited',
          waitDays: 21,
          needs: ['mental_health'],
          // Wide to narrow, each with a readable name.
          coverage: [
            { level: 'province', code: 'BE-WLG', name: 'Liège' },
            { level: 'postcode', code: '4000', name: '4000 Liège' },
          ],
        },
      ],
    })
    for (const reader of [intake, worker, admin]) {
      const read = await reader.get(`/api/partners/${org.id}`)
      expect(read.statusCode).toBe(200)
      expect(json(read).name).toBe(org.name)
    }
    expect(json(await worker.get('/api/partners')).items.map((o: { id: string }) => o.id)).toContain(org.id)
    expect((await worker.post('/api/partners', organisation())).statusCode).toBe(403)
    expect((await intake.put(`/api/partners/${org.id}`, organisation(), ifMatch(1))).statusCode).toBe(403)
    const audit = await auditRows(t.services, 'partner.created')
    expect(audit.some((a) => a.subject_id === org.id)).toBe(true)
  })

  it('updates with If-Match, keeping the ids of the services it is given and removing the others', async () => {
    const org = json(await admin.post('/api/partners', organisation()))
    const serviceId = org.services[0].id
    const body = organisation({
      name: org.name,
      services: [
        { ...organisation().services[0], id: serviceId, capacity: 'full' },
        { name: 'Groupe de parents', needs: ['family_support'], coverage: [{ level: 'municipality', code: 'liege' }] },
      ],
    })
    expect((await lead.put(`/api/partners/${org.id}`, body)).statusCode).toBe(428)
    const updated = await lead.put(`/api/partners/${org.id}`, body, ifMatch(1))
    expect(updated.statusCode, updated.body).toBe(200)
    expect(updated.headers.etag).toBe('"2"')
    const view = json(updated)
    expect(view.services).toHaveLength(2)
    expect(view.services[0]).toMatchObject({ id: serviceId, capacity: 'full', version: 2 })
    const stale = await lead.put(`/api/partners/${org.id}`, { ...body, services: [body.services[1]] }, ifMatch(1))
    expect(stale.statusCode).toBe(412)
    const dropped = await lead.put(`/api/partners/${org.id}`, { ...body, services: [body.services[1]] }, ifMatch(2))
    expect(json(dropped).services.map((s: { name: string }) => s.name)).toEqual(['Groupe de parents'])
    expect(await t.services.db.selectFrom('partner_services').select('id').where('id', '=', serviceId).execute()).toEqual([])
    expect((await lead.put(`/api/partners/${crypto.randomUUID()}`, body, ifMatch(1))).statusCode).toBe(404)
    expect((await auditRows(t.services, 'partner.updated')).filter((a) => a.subject_id === org.id)).toHaveLength(2)
  })

  it('refuses bad input with problem+json naming each field, and writes nothing', async () => {
    const before = await t.services.db.selectFrom('partner_organisations').select('id').execute()
    const bad = organisation({
      languages: ['arabic'],
      charterSignedOn: '2027-01-01',
      charterRenewOn: '2026-01-01',
      services: [
        {
          name: 'Consultations',
          needs: ['astrology'],
          coverage: [
            { level: 'postcode', code: '9999' },
            { level: 'municipality', code: 'atlantis' },
          ],
        },
      ],
    })
    const res = await lead.post('/api/partners', bad)
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    expect(json(res).errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['languages.0']))
    const domain = await lead.post('/api/partners', { ...bad, languages: ['ar'], charterRenewOn: '2028-01-01' })
    expect(domain.statusCode).toBe(400)
    expect(
      json(domain)
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['services.0.coverage.0.code', 'services.0.coverage.1.code', 'services.0.needs.0'])
    const dates = await lead.post('/api/partners', { ...organisation(), charterSignedOn: '2027-01-01', charterRenewOn: '2026-01-01' })
    expect(json(dates).errors.map((e: { field: string }) => e.field)).toEqual(['charterRenewOn'])
    const noCoverage = await lead.post('/api/partners', organisation({ services: [{ name: 'x', coverage: [] }] }))
    expect(json(noCoverage).errors.map((e: { field: string }) => e.field)).toEqual(['services.0.coverage'])
    // A service id another organisation holds is not taken over.
    const other = json(await lead.post('/api/partners', organisation()))
    const stolen = await lead.post(
      '/api/partners',
      organisation({ services: [{ ...organisation().services[0], id: other.services[0].id }] }),
    )
    expect(json(stolen).errors.map((e: { field: string }) => e.field)).toEqual(['services.0.id'])
    const after = await t.services.db.selectFrom('partner_organisations').select('id').execute()
    expect(after.length).toBe(before.length + 1)
  })

  it('has need categories admins add, rename and retire (If-Match); services must name a known one', async () => {
    const list = json(await intake.get('/api/need-categories')).items
    expect(list.map((n: { code: string }) => n.code)).toEqual(
      expect.arrayContaining([
        'mental_health',
        'housing',
        'training',
        'employment',
        'family_support',
        'youth_work',
        'religious_guidance',
        'victim_support',
        'legal_aid',
      ]),
    )
    expect(list.find((n: { code: string }) => n.code === 'legal_aid').labels).toEqual({
      fr: 'Aide juridique',
      nl: 'Juridische bijstand',
      de: 'Rechtshilfe',
      en: 'Legal aid',
    })
    expect((await lead.post('/api/need-categories', { code: 'debt_advice', labels: L('Dettes'), position: 20 })).statusCode).toBe(403)
    const created = await admin.post('/api/need-categories', { code: 'debt_advice', labels: L('Médiation de dettes'), position: 20 })
    expect(created.statusCode, created.body).toBe(201)
    const taken = await admin.post('/api/need-categories', { code: 'debt_advice', labels: L('Autre'), position: 21 })
    expect(json(taken).errors[0].field).toBe('code')
    expect((await admin.put('/api/need-categories/debt_advice', { labels: L('Dettes'), active: false, position: 20 })).statusCode).toBe(428)
    const retired = await admin.put('/api/need-categories/debt_advice', { labels: L('Dettes'), active: false, position: 20 }, ifMatch(1))
    expect(json(retired)).toMatchObject({ code: 'debt_advice', active: false, version: 2 })
    expect(
      (await admin.put('/api/need-categories/debt_advice', { labels: L('Dettes'), active: true, position: 20 }, ifMatch(1))).statusCode,
    ).toBe(412)
    const org = await lead.post(
      '/api/partners',
      organisation({ services: [{ name: 'Dettes', needs: ['debt_advice'], coverage: [{ level: 'national', code: 'BE' }] }] }),
    )
    expect(org.statusCode, org.body).toBe(201)
    expect(await auditRows(t.services, 'need_category.updated')).toHaveLength(1)
  })
})
