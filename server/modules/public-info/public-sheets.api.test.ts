import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, json, startTestApp, type TestApp } from '../../test/harness'
import { DEMO_SHEETS } from '../../seed/sheets.data'
import { seedSheets } from '../../seed/sheets.seed'

let t: TestApp
let lead: Agent
beforeAll(async () => {
  t = await startTestApp()
  lead = await t.as(['lead'])
  await seedSheets(t.services)
})
afterAll(() => t?.close())

const unique = () => crypto.randomBytes(3).toString('hex')
const page = (url: string) => t.app.inject({ method: 'GET', url })

async function sheet(over: { public: boolean; publish: boolean; body?: string; language?: string }) {
  const code = `public-page-${unique()}`
  const res = await lead.post('/api/sheets', {
    code,
    kind: 'general',
    audiences: ['parents'],
    themes: [],
    public: over.public,
    language: over.language ?? 'fr',
    text: { title: `Fiche ${code}`, body: over.body ?? 'Texte' },
  })
  expect(res.statusCode, res.body).toBe(201)
  const s = json(res) as { id: string; version: number }
  if (over.publish) {
    const pub = await lead.post(`/api/sheets/${s.id}/texts/${over.language ?? 'fr'}/publish`, {}, { 'if-match': `"${s.version}"` })
    expect(pub.statusCode, pub.body).toBe(200)
  }
  return code
}

describe('public sheets on /info', () => {
  it('lists the demo public sheets in French, linked to their own pages, and no internal sheet', async () => {
    const res = await page('/info')
    expect(res.statusCode).toBe(200)
    for (const demo of DEMO_SHEETS) {
      const link = `href="/info/sheets/${demo.code}"`
      if (demo.public) expect(res.body).toContain(link)
      else expect(res.body).not.toContain(link)
    }
    const title = DEMO_SHEETS.find((s) => s.code === 'radicalisation-violente')?.texts.fr?.title as string
    expect(res.body).toContain(title.replace(/'/g, '&#39;'))
    // In another language the links carry it.
    expect((await page('/info/nl')).body).toContain('href="/info/sheets/radicalisation-violente?lang=nl"')
  })

  it("renders a sheet's Markdown as HTML, with raw HTML and javascript: links left inert, without any script", async () => {
    const code = await sheet({
      public: true,
      publish: true,
      body: '## Aide\n\nUn texte **important**.\n\n<script>alert(1)</script>\n\n[piège](javascript:alert(1)) ![img](https://example.org/x.png)',
    })
    const res = await page(`/info/sheets/${code}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.body).toContain('<html lang="fr">')
    expect(res.body).toContain(`<h1>Fiche ${code}</h1>`)
    expect(res.body).toContain('<h2>Aide</h2>')
    expect(res.body).toContain('<strong>important</strong>')
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(res.body).not.toMatch(/<script/i)
    expect(res.body).not.toMatch(/href="javascript:/i)
    expect(res.body).not.toContain('<img')
    // The same stylesheet as /info, printable.
    expect(res.body).toContain('@media print')
    // It is listed on /info now.
    expect((await page('/info')).body).toContain(`href="/info/sheets/${code}"`)
  })

  it('answers 404 pages for a draft, a non-public sheet and an unknown code', async () => {
    const draft = await sheet({ public: true, publish: false })
    const internal = await sheet({ public: false, publish: true })
    for (const code of [draft, internal, `nothing-${unique()}`]) {
      const res = await page(`/info/sheets/${code}`)
      expect(res.statusCode, code).toBe(404)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      expect(res.body).toContain('<html lang="fr">')
      expect(res.body).not.toContain(`Fiche ${code}`)
    }
    expect((await page('/info')).body).not.toContain(`/info/sheets/${internal}`)
    expect((await page('/info')).body).not.toContain(`/info/sheets/${draft}`)
  })

  it('says when a sheet is not in the chosen language and links to the languages it has', async () => {
    const code = await sheet({ public: true, publish: true, language: 'nl', body: 'Alleen in het Nederlands' })
    const res = await page(`/info/sheets/${code}?lang=de`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<html lang="de">')
    expect(res.body).toContain('Dieses Blatt gibt es auf:')
    expect(res.body).toContain(`href="/info/sheets/${code}?lang=nl"`)
    expect(res.body).not.toContain('Alleen in het Nederlands')
    // /info in German lists it as not available in German, still linked to that notice.
    const info = await page('/info/de')
    expect(info.body).toContain(`href="/info/sheets/${code}?lang=de"`)
    const nl = await page(`/info/sheets/${code}?lang=nl`)
    expect(nl.body).toContain('Alleen in het Nederlands')
  })
})
