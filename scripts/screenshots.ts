/**
 * The README's "What it looks like" pictures, taken from the real app on demo data:
 *
 *   npm run screenshots            # builds the web app when dist/web is missing
 *
 * One PNG per screen, language and size in docs/screenshots/. Regenerate after a visible change
 * rather than editing a picture by hand: the demo data is fictitious, so the pictures are too.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { launchBrowser, startServer } from '../e2e/support'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../server/seed/demo.data'
import { seedDemo } from '../server/seed/demo.seed'

const OUT = path.resolve('docs/screenshots')
const SIZES = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const
/** French in both sizes (the service's default language), Dutch on the desktop. */
const RUNS = [
  { language: 'fr', size: 'desktop' },
  { language: 'fr', size: 'phone' },
  { language: 'nl', size: 'desktop' },
] as const

type Shot = { name: string; role: string; path: (ids: Ids) => string; ready: (page: Page) => Promise<void> }
type Ids = { caseId: string; personId: string }

const main = (page: Page) => page.locator('main').first().waitFor()
const heading = (page: Page) => page.locator('main h1, main h2').first().waitFor()
const SHOTS: Shot[] = [
  { name: 'login', role: '', path: () => '/login', ready: (p) => p.locator('form').first().waitFor() },
  { name: 'my-day', role: 'intervenant', path: () => '/my-day', ready: heading },
  {
    name: 'caseload',
    role: 'intervenant',
    path: () => '/accompaniments',
    ready: (p) => p.locator('main table, main [role=list]').first().waitFor(),
  },
  { name: 'case-overview', role: 'intervenant', path: (i) => `/accompaniments/${i.caseId}`, ready: heading },
  { name: 'person', role: 'intervenant', path: (i) => `/persons/${i.personId}`, ready: heading },
  { name: 'calendar', role: 'intervenant', path: () => '/calendar', ready: heading },
  { name: 'dashboard', role: 'responsable', path: () => '/dashboard', ready: heading },
  { name: 'contacts', role: 'accueil', path: () => '/contacts', ready: heading },
  { name: 'partners', role: 'intervenant', path: () => '/partners', ready: heading },
  { name: 'portal', role: 'partenaire', path: () => '/portal', ready: heading },
]

async function signIn(context: BrowserContext, base: string, who: string) {
  const response = await context.request.post(`${base}/api/auth/login`, {
    headers: { 'x-parcours-request': '1' },
    data: { email: `${who}@${DEMO_DOMAIN}`, password: DEMO_PASSWORD },
  })
  if (!response.ok()) throw new Error(`demo sign-in of ${who} failed: ${response.status()}`)
}

async function idsOf(context: BrowserContext, base: string): Promise<Ids> {
  const cases = (await (await context.request.get(`${base}/api/accompaniments`)).json()) as { items: { id: string; personId: string }[] }
  const first = cases.items[0]
  if (!first) throw new Error('the demo worker has no case')
  return { caseId: first.id, personId: first.personId }
}

async function run() {
  if (!fs.existsSync('dist/web/index.html')) {
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
    if (build.status !== 0) throw new Error('vite build failed')
  }
  fs.mkdirSync(OUT, { recursive: true })
  const server = await startServer({ demo: true })
  await seedDemo(server.services)
  const browser = await launchBrowser()
  try {
    for (const { language, size } of RUNS) {
      for (const role of [...new Set(SHOTS.map((s) => s.role))]) {
        // A browser whose own locale is en-US: the app must still speak the chosen language.
        const context = await browser.newContext({
          viewport: SIZES[size],
          locale: 'en-US',
          timezoneId: 'Europe/Brussels',
          reducedMotion: 'reduce',
        })
        await context.addInitScript((l) => localStorage.setItem('parcours.language', l), language)
        if (role) await signIn(context, server.url, role)
        const ids = role === 'intervenant' ? await idsOf(context, server.url) : { caseId: '', personId: '' }
        const page = await context.newPage()
        for (const shot of SHOTS.filter((s) => s.role === role)) {
          await page.goto(`${server.url}${shot.path(ids)}`)
          await main(page)
          await shot.ready(page)
          // Lazy sections and charts appear once idle: wait for the network to settle.
          await page.waitForLoadState('networkidle')
          const file = path.join(OUT, `${shot.name}.${language}.${size}.png`)
          await page.screenshot({ path: file, fullPage: false })
          console.log(`  ${path.relative(process.cwd(), file)}`)
        }
        await context.close()
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

await run()
