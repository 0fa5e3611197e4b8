import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEMO_CHARTER_RENEWALS, seedPartners } from '../server/seed/partners.seed'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { launchBrowser, startServer } from './support'

/**
 * The lead's My day shows the partner charters to renew within 30 days or overdue, in French then
 * in Dutch, each linking to its organisation's page; a worker's My day has no such section. The
 * directory is the demo network (the HSDS fixture imported by server/seed/partners.seed.ts), whose
 * charter dates are set from today. Axe and the translation checks on every screen.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser

beforeAll(async () => {
  server = await startServer({ demo: true })
  await seedPartners(server.services)
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const due = Object.entries(DEMO_CHARTER_RENEWALS)
  .sort((a, b) => a[1] - b[1])
  .map(([name]) => name)

for (const lang of ['fr', 'nl'] as const) {
  it(`shows the lead the charters to renew, the overdue one marked (${lang})`, async () => {
    const lead = await server.user(['lead'])
    const { page, problems } = await signedInPage(browser, server.url, lead.email)
    await chooseLanguage(page, server.url, lang)
    await page.goto(`${server.url}/`)
    const section = page.getByRole('region', { name: tr(lang, 'partnerCharters.title') })
    await section.waitFor()
    const items = section.getByRole('listitem')
    await expect.poll(() => items.allInnerTexts()).toHaveLength(due.length)
    const names = await section.getByRole('link').allInnerTexts()
    expect(names).toEqual(due)
    // Only the overdue charter carries the badge.
    const overdue = items.filter({ hasText: tr(lang, 'partnerCharters.overdue') })
    expect(await overdue.getByRole('link').allInnerTexts()).toEqual([due[0]])
    // This lead has no session, task or reminder today: the charters come first, the empty cards after.
    const cards = await page
      .locator('main section[aria-labelledby^="my-day-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-labelledby')))
    expect(cards.slice(0, 5)).toEqual(['my-day-charters', 'my-day-sessions', 'my-day-overdue', 'my-day-week', 'my-day-reminders'])
    const href = await section.getByRole('link', { name: due[1] }).getAttribute('href')
    expect(href).toMatch(/^\/partners\/[0-9a-f-]{36}$/)
    await checkScreen(page, `My day with charters (${lang})`, lang)
    expect(problems).toEqual([])
    await page.context().close()
  })
}

it('shows a worker no charter section', async () => {
  const worker = await server.user(['worker'])
  const { page, problems } = await signedInPage(browser, server.url, worker.email)
  await chooseLanguage(page, server.url, 'fr')
  await page.goto(`${server.url}/`)
  await page.getByRole('heading', { level: 1, name: tr('fr', 'myDay.title') }).waitFor()
  await page.getByRole('region', { name: tr('fr', 'myDay.reminders') }).waitFor()
  expect(await page.getByRole('region', { name: tr('fr', 'partnerCharters.title') }).count()).toBe(0)
  expect(problems).toEqual([])
})
