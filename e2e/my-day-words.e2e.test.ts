import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../server/seed/demo.data'
import { seedDemo } from '../server/seed/demo.seed'
import { settle, tr, untranslated } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * Issue 9, a light first screen: My day and the signed-in frame wait for their own French words
 * only (bundle.fr-frame.ts), not for every screen's (bundle.fr-areas.ts). With the other screens'
 * words refused by the network, the demo's intake officer, worker and lead each get their whole
 * My day, on a desktop and in the phone menu, with no key shown and without even asking for them;
 * the next screen then brings them. A screen whose code cannot be fetched shows a notice in the
 * frame, and the next address works again.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const OTHER_WORDS = '**/assets/bundle.fr-areas-*.js'

beforeAll(async () => {
  server = await startServer({ demo: true })
  await seedDemo(server.services)
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const

async function myDayOf(who: string, size: keyof typeof SIZES): Promise<{ page: Page; problems: string[]; asked: string[] }> {
  const context = await browser.newContext({ locale: 'fr-BE', viewport: SIZES[size] })
  const res = await context.request.post(`${server.url}/api/auth/login`, {
    headers: { 'x-parcours-request': '1' },
    data: { email: `${who}@${DEMO_DOMAIN}`, password: DEMO_PASSWORD },
  })
  expect(res.status(), `sign-in of ${who}`).toBe(200)
  const page = await context.newPage()
  const problems = watchConsole(page)
  const asked: string[] = []
  await page.route(OTHER_WORDS, (route) => {
    asked.push(route.request().url())
    return route.abort()
  })
  await page.goto(`${server.url}/my-day`)
  await page.getByRole('heading', { level: 1, name: tr('fr', 'myDay.title') }).waitFor()
  // The sections fill in from the API: wait until no loader is left.
  await expect
    .poll(() =>
      page
        .getByRole('status')
        .filter({ hasText: tr('fr', 'common.loading') })
        .count(),
    )
    .toBe(0)
  await settle(page)
  return { page, problems, asked }
}

for (const who of ['accueil', 'intervenant', 'responsable'])
  for (const size of ['desktop', 'phone'] as const)
    it(`${who}'s My day on a ${size}: every word there, the other screens' words never asked for`, async () => {
      const { page, problems, asked } = await myDayOf(who, size)
      if (size === 'phone') {
        await page.getByRole('button', { name: tr('fr', 'nav.open') }).click()
        await page
          .getByRole('navigation', { name: tr('fr', 'nav.label') })
          .getByRole('link')
          .first()
          .waitFor()
        // Staff who see names have the privacy switch there (a chunk of its own).
        if (who !== 'accueil') await page.getByTestId('privacy-screen').waitFor()
        await settle(page)
      }
      expect(await untranslated(page, 'fr'), 'keys or foreign words on My day').toEqual([])
      expect(asked, 'My day asked for the other screens’ words').toEqual([])
      if (size === 'desktop' && who !== 'accueil') {
        // The privacy button's hint shows on focus and Escape hides it until the focus leaves (WCAG 1.4.13).
        const hint = page.getByRole('banner').locator('.hint__label', { hasText: tr('fr', 'names.privacyScreen') })
        await page.getByTestId('privacy-screen').focus()
        await expect.poll(() => hint.isVisible()).toBe(true)
        await page.keyboard.press('Escape')
        await expect.poll(() => hint.isVisible()).toBe(false)
      }
      await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `my-day-words-${who}-${size}.png`), fullPage: true })
      expect(problems.filter((p) => !p.includes('net::ERR_FAILED'))).toEqual([])
      await page.context().close()
    })

it('brings the other screens’ words with the next screen, and shows a notice, not a blank page, when a screen cannot load', async () => {
  const { page, asked } = await myDayOf('intervenant', 'desktop')
  await page.unroute(OTHER_WORDS)
  const nav = page.getByRole('navigation', { name: tr('fr', 'nav.label') })

  // A screen whose code is gone (an upgrade since the page was opened): the frame stays, with a
  // notice. The other screens' words come with that first other screen.
  const wordsArrived = page.waitForResponse((r) => /\/assets\/bundle\.fr-areas-/.test(r.url()) && r.ok())
  await page.route('**/assets/calendar.page-*.js', (route) => route.abort())
  await nav.getByRole('link', { name: tr('fr', 'nav.calendar') }).click()
  await wordsArrived
  const notice = page.getByRole('alert').filter({ hasText: tr('fr', 'errors.unexpected') })
  await notice.waitFor()
  await notice.getByRole('button', { name: tr('fr', 'errors.reload') }).waitFor()
  // The notice stands in for the page: it is the page's heading.
  await notice.getByRole('heading', { level: 1, name: tr('fr', 'errors.title') }).waitFor()
  await page.getByRole('banner').getByTestId('logout').waitFor()
  await settle(page)
  await expectNoAxeViolations(page, 'a screen that cannot load')

  // Elsewhere works again, with its words.
  await nav.getByRole('link', { name: tr('fr', 'nav.accompaniments') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'caseload.title') }).waitFor()
  expect(await notice.count()).toBe(0)
  await settle(page)
  expect(await untranslated(page, 'fr'), 'keys on the caseload').toEqual([])
  expect(asked).toEqual([])
  await page.context().close()
})
