import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../server/seed/demo.data'
import { seedDemo } from '../server/seed/demo.seed'
import { chooseLanguage, settle } from './i18n-checks'
import { launchBrowser, startServer, watchConsole } from './support'

/**
 * On a 320 px screen, the width WCAG's reflow criterion names (a 360 px Android phone has more), no
 * page of the demo scrolls sideways and no table runs past its card, in each language. What had:
 * a title ("Verzeichnis der Datenschutzverletzungen"), a section heading
 * ("Verwerkingsverantwoordelijke"), a filter of four options, a button's label, an e-mail address,
 * badges beside a case code or a contact ("Teamverantwoordelijke", "Innerhalb von 48 Stunden"),
 * long words in the dashboard's figure tables ("d'accompagnement"), a column heading ("Dans
 * l'application"), and the demo badge's hint, 260 px wide from the middle of the header.
 */

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser

const PAGES: Record<string, string[]> = {
  'responsable.wallonie': [
    '/my-day',
    '/dashboard',
    '/persons',
    '/accompaniments',
    '/calendar',
    '/contacts',
    '/contacts/statistics',
    '/contact-requests',
    '/duty',
    '/exceptions',
    '/indicators',
    '/activity-report',
    '/partners',
    '/sheets',
    '/studies',
    '/training-sessions',
    '/account',
  ],
  dpo: ['/dpo/breaches', '/dpo/register', '/dpo/requests', '/dpo/retention', '/audit', '/audit/access-review'],
  admin: ['/admin/users', '/admin/instruments', '/admin/contact-themes', '/admin/need-categories'],
  partenaire: ['/portal', '/partner-organisation'],
  accueil: ['/contacts'],
}

beforeAll(async () => {
  server = await startServer({ demo: true })
  await seedDemo(server.services)
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** What runs past the screen or its card: the page's own width, and each table wider than its container. */
function overflows(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const doc = document.documentElement
    if (doc.scrollWidth > doc.clientWidth + 1) found.push(`the page is ${doc.scrollWidth} px wide`)
    document.querySelectorAll('table').forEach((t, i) => {
      const room = t.parentElement?.clientWidth ?? 0
      if (t.scrollWidth > room + 1) found.push(`table ${i + 1} is ${t.scrollWidth} px in ${room}`)
    })
    return found
  })
}

/** Each demo user's pages at a width, in a language: what runs past the screen or its card. */
async function sweep(lang: Language, width: number, pages: Record<string, string[]>): Promise<string[]> {
  const found: string[] = []
  for (const [who, paths] of Object.entries(pages)) {
    const context = await browser.newContext({ locale: `${lang}-BE`, viewport: { width, height: 780 } })
    const res = await context.request.post(`${server.url}/api/auth/login`, {
      data: { email: `${who}@${DEMO_DOMAIN}`, password: DEMO_PASSWORD },
      headers: { 'x-parcours-request': '1' },
    })
    expect(res.status(), `sign-in of ${who}`).toBe(200)
    const page = await context.newPage()
    const problems = watchConsole(page)
    await chooseLanguage(page, server.url, lang)
    for (const p of paths) {
      await page.goto(`${server.url}${p}`)
      await page.locator('h1').first().waitFor()
      // The lists and tables come after the title: measured once the page has stopped loading.
      await page.waitForLoadState('networkidle')
      await settle(page)
      found.push(...(await overflows(page)).map((o) => `${p} (${who}): ${o}`))
    }
    expect(problems, `console of ${who}`).toEqual([])
    await context.close()
  }
  return found
}

for (const lang of ['fr', 'nl', 'de', 'en'] as Language[]) {
  it(`at 320 px in ${lang}, no page scrolls sideways and every table fits its card`, async () => {
    expect(await sweep(lang, 320, PAGES)).toEqual([])
  })
}
