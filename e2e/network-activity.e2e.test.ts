import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../server/seed/demo.data'
import { seedDemo } from '../server/seed/demo.seed'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { fitsItsContainer, launchBrowser, SHOT_TIMEOUT, startServer } from './support'

/**
 * The lead reads how the network answers: per organisation, and the partners' declines by reason
 * (the demo's declined referral says "no capacity"), never a code, name or the partner's words.
 */

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let lead: Awaited<ReturnType<typeof server.as>>

beforeAll(async () => {
  server = await startServer({ demo: true })
  await seedDemo(server.services)
  browser = await launchBrowser()
  lead = await server.as(['lead'], { teamIds: [await server.team('Équipe réseau')] })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it.each(['fr', 'nl'] as Language[])('the lead sees the network’s declines by reason on the dashboard (%s)', async (lang) => {
  const { page, problems } = await signedInPage(browser, server.url, lead.email)
  await chooseLanguage(page, server.url, lang)
  await page.goto(`${server.url}/dashboard`)
  const card = page.getByTestId('network-declines')
  await card.getByRole('heading', { name: tr(lang, 'referralDecline.networkTitle') }).waitFor()
  const row = card.getByRole('row', { name: new RegExp(tr(lang, 'referralDecline.reasons.no_capacity')) })
  await expect.poll(() => row.getByRole('cell').textContent()).toBe('1')
  // The partner's own words stay sealed: the demo decline's text never reaches the dashboard.
  expect(await page.getByText('Liste d’attente complète', { exact: false }).count()).toBe(0)
  expect(await page.getByText("Liste d'attente complète", { exact: false }).count()).toBe(0)
  await checkScreen(page, `network declines (${lang})`, lang)
  await card.screenshot({ timeout: SHOT_TIMEOUT, path: `/tmp/shots-9-${lang}.png` })
  expect(problems).toEqual([])
  await page.context().close()
})

it('beside the side bar at 1,024 px in German, each organisation is a block of figures; given the room, a table again', async () => {
  const { page, problems } = await signedInPage(browser, server.url, lead.email, { width: 1024 })
  await chooseLanguage(page, server.url, 'de')
  await page.goto(`${server.url}/dashboard`)
  // Seven columns need 780 px in German, more than the card's 684: each organisation becomes a
  // block, its figures under their column's names, and each cell is still announced with its
  // column (the names drawn beside the figures are not read a second time).
  const network = page.getByTestId('network-activity').locator('table')
  await network.waitFor()
  await expect.poll(() => network.evaluate((t) => getComputedStyle(t).display)).toBe('block')
  expect(await fitsItsContainer(network)).toBe(true)
  const firstCell = network.locator('tbody td').first()
  expect(await firstCell.evaluate((c) => getComputedStyle(c, '::before').content)).toContain(tr('de', 'partnerActivity.sent'))
  expect(await network.getByRole('columnheader').allTextContents()).toContain(tr('de', 'partnerActivity.accepted'))
  await checkScreen(page, 'network activity at 1,024 px', 'de')

  await page.setViewportSize({ width: 1600, height: 900 })
  await expect.poll(() => network.evaluate((t) => getComputedStyle(t).display)).toBe('table')
  expect(await network.locator('thead').isVisible()).toBe(true)
  expect(await fitsItsContainer(network)).toBe(true)
  expect(problems).toEqual([])
  await page.context().close()
})

it("a partner's staff member corrects their organisation's description and is told it is saved (fr)", async () => {
  const context = await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 } })
  const login = await context.request.post(`${server.url}/api/auth/login`, {
    data: { email: `partenaire@${DEMO_DOMAIN}`, password: DEMO_PASSWORD },
    headers: { 'x-parcours-request': '1' },
  })
  expect(login.status()).toBe(200)
  const page = await context.newPage()
  await page.goto(`${server.url}/partner-organisation`)
  const description = page.getByLabel(tr('fr', 'partners.fields.description')).first()
  await description.fill('Consultations le mardi et le jeudi, sans rendez-vous le matin.')
  await page.getByRole('button', { name: tr('fr', 'ownOrganisation.save') }).click()
  // The form starts afresh on the version the save brought back; the page still says it worked.
  await page
    .getByRole('status')
    .filter({ hasText: tr('fr', 'ownOrganisation.saved') })
    .waitFor()
  expect(await description.inputValue()).toBe('Consultations le mardi et le jeudi, sans rendez-vous le matin.')
  const stored = await context.request.get(`${server.url}/api/partner/organisation/profile`)
  expect(((await stored.json()) as { description: string }).description).toBe(
    'Consultations le mardi et le jeudi, sans rendez-vous le matin.',
  )
  await context.close()
})
