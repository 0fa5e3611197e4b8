import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { DEMO_SHEETS } from '../../seed/sheets.data'
import { seedSheets } from '../../seed/sheets.seed'
import { publicSheets, publishedSheetRef } from './sheets.queries'

let t: TestApp
let lead: Agent & { userId: string }
let admin: Agent & { userId: string }
let intake: Agent & { userId: string }
let worker: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  lead = await t.as(['lead'])
  admin = await t.as(['admin'])
  intake = await t.as(['intake'])
  worker = await t.as(['worker'])
})
afterAll(() => t.close())

const unique = () => crypto.randomBytes(3).toString('hex')
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })

type Sheet = { id: string; version: number; code: string }
async function create(
  by: Agent,
  over: { code?: string; language?: string; title?: string; body?: string; public?: boolean; kind?: string; audiences?: string[] } = {},
) {
  const res = await by.post('/api/sheets', {
    code: over.code ?? `sheet-${unique()}`,
    kind: over.kind ?? 'general',
    audiences: over.audiences ?? ['parents'],
    themes: ['information-request'],
    public: over.public ?? false,
    language: over.language ?? 'fr',
    text: { title: over.title ?? 'Titre', body: over.body ?? 'Texte' },
  })
  expect(res.statusCode, res.body).toBe(201)
  return json(res) as Sheet & { draft: { version: number } }
}
async function publish(by: Agent, s: { id: string; version: number }, language = 'fr') {
  const res = await by.post(`/api/sheets/${s.id}/texts/${language}/publish`, {}, ifMatch(s.version))
  expect(res.statusCode, res.body).toBe(200)
  return json(res) as Sheet
}
async function save(by: Agent, s: { id: string; version: number }, language: string, title: string, body: string) {
  const res = await by.put(`/api/sheets/${s.id}/texts/${language}`, { title, body }, ifMatch(s.version))
  expect(res.statusCode, res.body).toBe(200)
  return json(res) as Sheet
}
const search = async (as: Agent, language: string, q: string) =>
  json(await as.get(`/api/sheets?language=${language}&q=${encodeURIComponent(q)}`)).items.map((i: { code: string }) => i.code)

describe('information sheets', () => {
  it('go from draft to published; readers see only published texts; every change is audited', async () => {
    const s = await create(lead, { title: 'Brouillon', body: 'Pas encore lu' })
    expect(s).toMatchObject({ version: 1, available: false, text: null, draft: { version: 1, status: 'draft', title: 'Brouillon' } })
    // A draft is invisible to readers: not listed, not found.
    expect((await intake.get(`/api/sheets/${s.id}?language=fr`)).statusCode).toBe(404)
    expect(json(await intake.get('/api/sheets?language=fr')).items.map((i: { id: string }) => i.id)).not.toContain(s.id)
    const edited = await save(lead, s, 'fr', 'Pour les parents', 'Vous vous inquiétez pour votre enfant.')
    expect(edited).toMatchObject({ version: 2, draft: { version: 1, title: 'Pour les parents' } })
    const published = await publish(admin, edited)
    expect(published).toMatchObject({ version: 3, available: true, draft: null, text: { version: 1, status: 'published' } })
    const read = json(await intake.get(`/api/sheets/${s.id}?language=fr`))
    expect(read).toMatchObject({ title: 'Pour les parents', text: { body: 'Vous vous inquiétez pour votre enfant.' }, draft: null })
    const actions = (await auditRows(t.services))
      .filter((r) => r.subject_id === s.id && r.action.startsWith('sheet.'))
      .map((r) => [r.action, r.subject_type, r.outcome])
    expect(actions).toEqual([
      ['sheet.created', 'sheet', 'success'],
      ['sheet.draft_saved', 'sheet', 'success'],
      ['sheet.published', 'sheet', 'success'],
    ])
  })

  it('never change a published text: a change is a new numbered version, the old one stays readable', async () => {
    let s: Sheet = await publish(lead, await create(lead, { title: 'Version un', body: 'Premier texte' }))
    s = await save(lead, s, 'fr', 'Version deux', 'Second texte')
    // Until the new version is published, readers keep the first.
    expect(json(await worker.get(`/api/sheets/${s.id}?language=fr`)).text).toMatchObject({ version: 1, title: 'Version un' })
    expect(json(await worker.get(`/api/sheets/${s.id}/texts/fr/versions/2`)).code).toBe('resource.not_found')
    s = await publish(lead, s)
    expect(json(await worker.get(`/api/sheets/${s.id}?language=fr`)).text).toMatchObject({ version: 2, title: 'Version deux' })
    const history = json(await worker.get(`/api/sheets/${s.id}/texts/fr/versions`)).items
    expect(history.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'archived'],
    ])
    expect(json(await worker.get(`/api/sheets/${s.id}/texts/fr/versions/1`))).toMatchObject({
      version: 1,
      status: 'archived',
      title: 'Version un',
      body: 'Premier texte',
    })
    // Publishing twice without a new draft is refused, not a silent no-op.
    const again = await lead.post(`/api/sheets/${s.id}/texts/fr/publish`, {}, ifMatch(s.version))
    expect(again.statusCode).toBe(409)
    expect(json(again).code).toBe('state.invalid_transition')
  })

  it('say when a language is missing instead of falling back on another', async () => {
    const s = await publish(lead, await create(lead, { language: 'en', title: 'For teachers', body: 'A pupil worries you.' }), 'en')
    const nl = json(await intake.get(`/api/sheets/${s.id}?language=nl`))
    expect(nl).toMatchObject({ language: 'nl', available: false, title: null, text: null })
    expect(nl.languages.map((l: { language: string }) => l.language)).toEqual(['en'])
    const listed = json(await intake.get('/api/sheets?language=nl')).items.find((i: { id: string }) => i.id === s.id)
    expect(listed).toMatchObject({ available: false, title: null })
  })

  it('refuse a stale or missing If-Match, and a taken code, and write nothing', async () => {
    const s = await create(lead)
    const stale = await lead.put(`/api/sheets/${s.id}/texts/fr`, { title: 'A', body: 'B' }, ifMatch(s.version + 5))
    expect(stale.statusCode).toBe(412)
    expect((await lead.put(`/api/sheets/${s.id}/texts/fr`, { title: 'A', body: 'B' })).statusCode).toBe(428)
    const meta = await lead.put(
      `/api/sheets/${s.id}`,
      { kind: 'targeted', audiences: ['teachers'], themes: [], public: true },
      ifMatch(s.version + 1),
    )
    expect(meta.statusCode).toBe(412)
    expect(json(await lead.get(`/api/sheets/${s.id}`))).toMatchObject({ version: 1, kind: 'general', public: false })
    const taken = await lead.post('/api/sheets', {
      code: s.code,
      kind: 'general',
      audiences: ['parents'],
      themes: [],
      public: false,
      language: 'fr',
      text: { title: 'x', body: 'y' },
    })
    expect(taken.statusCode).toBe(400)
    expect(json(taken).errors).toEqual([expect.objectContaining({ field: 'code', code: 'taken' })])
    const bad = await lead.post('/api/sheets', { code: 'Not A Code', kind: 'other', audiences: [], themes: [], public: 1 })
    expect(bad.statusCode).toBe(400)
    const fields = json(bad).errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['code', 'kind', 'audiences', 'public', 'language', 'text']))
  })

  it('find published texts by words in the chosen language, accents folded both ways, best first', async () => {
    const tag = unique()
    const a = await publish(
      lead,
      await create(lead, {
        code: `radicalisation-${tag}`,
        title: `Qu'est-ce que la radicalisation violente ? ${tag}`,
        body: "Un éducateur ou un parent peut s'adresser au service.",
      }),
    )
    const b = await publish(
      lead,
      await create(lead, { code: `droits-${tag}`, title: `Vos droits ${tag}`, body: 'La radicalisation est évoquée une fois.' }),
    )
    const de = await publish(
      lead,
      await create(lead, {
        code: `radikal-${tag}`,
        language: 'de',
        title: `Was ist gewaltbereite Radikalisierung? ${tag}`,
        body: 'Für Eltern und Lehrkräfte, auf der Straße.',
      }),
      'de',
    )
    // Title matches rank above body matches.
    expect(await search(intake, 'fr', `radicalisation ${tag}`)).toEqual([a.code, b.code])
    expect(await search(intake, 'fr', `éducateur ${tag}`)).toEqual([a.code])
    expect(await search(intake, 'fr', `educateur ${tag}`)).toEqual([a.code])
    expect(await search(intake, 'fr', `EDUCATEUR ${tag}`)).toEqual([a.code])
    expect(await search(intake, 'de', `Radikalisierung ${tag}`)).toEqual([de.code])
    expect(await search(intake, 'de', `fur eltern ${tag}`)).toEqual([de.code])
    expect(await search(intake, 'de', `Strasse ${tag}`)).toEqual([de.code])
    expect(await search(intake, 'de', `straße ${tag}`)).toEqual([de.code])
    // Only the chosen language's texts are searched.
    expect(await search(intake, 'fr', `Radikalisierung ${tag}`)).toEqual([])
    expect(await search(intake, 'de', `radicalisation ${tag}`)).toEqual([])
    // Search syntax from the caller is only words.
    expect(await search(intake, 'fr', `"${tag}" * ( -radicalisation:* & ! ^`)).toEqual([a.code, b.code])
    // An unpublished text leaves the index; a new version replaces the old one in it.
    const gone = await lead.post(`/api/sheets/${b.id}/texts/fr/unpublish`, {}, ifMatch(b.version))
    expect(gone.statusCode, gone.body).toBe(200)
    expect(await search(intake, 'fr', `radicalisation ${tag}`)).toEqual([a.code])
    const renamed = await publish(lead, await save(lead, a, 'fr', `Comprendre ${tag}`, 'Un texte tout autre.'))
    expect(await search(intake, 'fr', `educateur ${tag}`)).toEqual([])
    expect(await search(intake, 'fr', `comprendre ${tag}`)).toEqual([renamed.code])
  })

  it('are managed by leads and admins only', async () => {
    const s = await create(admin)
    for (const who of [intake, worker]) {
      const res = await who.put(`/api/sheets/${s.id}/texts/fr`, { title: 'x', body: 'y' }, ifMatch(s.version))
      expect(res.statusCode).toBe(403)
    }
    expect(json(await admin.get(`/api/sheets/${s.id}?language=fr`)).draft).toMatchObject({ version: 1 })
  })
})

describe('public sheets and the seam for information given', () => {
  it('show published texts of public sheets to anyone, and nothing else', async () => {
    const code = `public-${unique()}`
    const draft = await create(lead, { code, public: true, title: 'Pour tous', body: 'Texte public' })
    const hidden = await publish(lead, await create(lead, { title: 'Interne', body: 'Pas public' }))
    const anon = t.agent()
    expect((await anon.get(`/api/public/sheets/${code}?language=fr`)).statusCode).toBe(404)
    await publish(lead, draft)
    const list = json(await anon.get('/api/public/sheets?language=fr')).items.map((i: { code: string }) => i.code)
    expect(list).toContain(code)
    expect(list).not.toContain(hidden.code)
    expect(json(await anon.get(`/api/public/sheets/${code}?language=fr`))).toMatchObject({
      code,
      languages: ['fr'],
      text: { title: 'Pour tous', body: 'Texte public', version: 1 },
    })
    expect(json(await anon.get(`/api/public/sheets/${code}?language=de`))).toMatchObject({ languages: ['fr'], text: null })
    expect((await anon.get(`/api/public/sheets/${hidden.code}?language=fr`)).statusCode).toBe(404)
    expect((await anon.get('/api/sheets?language=fr')).statusCode).toBe(401)
    // The same through the server function the public page may import.
    const direct = await publicSheets(t.services.db, 'fr')
    expect(direct.items.map((i) => i.code)).toContain(code)
  })

  it('resolve a sheet and language to its current published version and title', async () => {
    let s: Sheet = await publish(lead, await create(lead, { title: 'Première', body: 'Un' }))
    expect(await publishedSheetRef(t.services.db, s.id, 'fr')).toMatchObject({ sheetId: s.id, version: 1, title: 'Première' })
    expect(await publishedSheetRef(t.services.db, s.id, 'nl')).toBeNull()
    s = await publish(lead, await save(lead, s, 'fr', 'Deuxième', 'Deux'))
    expect(await publishedSheetRef(t.services.db, s.id, 'fr')).toMatchObject({ version: 2, title: 'Deuxième' })
  })
})

describe('the demo knowledge base', () => {
  it('has six sheets, the general ones in four languages, two of them public, all searchable; seeding twice adds nothing', async () => {
    expect(await seedSheets(t.services)).toBe(DEMO_SHEETS.length)
    expect(await seedSheets(t.services)).toBe(0)
    const codes = DEMO_SHEETS.map((s) => s.code)
    expect(codes.length).toBeGreaterThanOrEqual(6)
    const list = json(await intake.get('/api/sheets?language=fr')).items.filter((i: { code: string }) => codes.includes(i.code))
    expect(list).toHaveLength(codes.length)
    for (const item of list) {
      const langs = item.languages.filter((l: { published: unknown }) => l.published).map((l: { language: string }) => l.language)
      expect(langs, item.code).toEqual(item.kind === 'general' ? ['fr', 'nl', 'de', 'en'] : ['fr', 'en'])
    }
    const publicCodes = json(await t.agent().get('/api/public/sheets?language=nl')).items.map((i: { code: string }) => i.code)
    expect(publicCodes.filter((c: string) => codes.includes(c)).sort()).toEqual(['fonctionnement-du-service', 'radicalisation-violente'])
    expect((await search(intake, 'fr', 'radicalisation violente'))[0]).toBe('radicalisation-violente')
    expect(await search(intake, 'nl', 'gewelddadige radicalisering')).toContain('radicalisation-violente')
    expect(await search(intake, 'en', 'conflict zone')).toContain('apres-un-retour-de-zone-de-conflit')
    expect(await search(intake, 'fr', 'enseignants eleve')).toEqual(['pour-les-enseignants'])
  })
})
