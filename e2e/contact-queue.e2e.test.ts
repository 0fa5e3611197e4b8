import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { seedDemo } from '../server/seed/demo.seed'
import { checkScreen, chooseLanguage, settle, signedInPage, tr } from './i18n-checks'
import { fitsItsContainer, launchBrowser, SHOT_TIMEOUT, startServer } from './support'

/**
 * The queue on the demo week, as a lead sees it: the line's state and who is on duty, the
 * emergency flagged above the queue (icon and words), "call back now" opening a pre-filled
 * outgoing call in one click, and the lead's acknowledgement by keyboard. French, then Dutch.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = process.env.PARCOURS_SHOTS_DIR

beforeAll(async () => {
  server = await startServer({ demo: true })
  await seedDemo(server.services)
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function shots(page: Page, name: string) {
  if (!SHOTS) return
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/${name}-desktop.png`, fullPage: true })
  // Loaded again at phone width: a resize alone catches the navigation half-way through its transition.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.reload({ waitUntil: 'networkidle' })
  await settle(page)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/${name}-phone.png`, fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.reload({ waitUntil: 'networkidle' })
}

it('shows the line, who is on duty and the emergency above the queue; call back now; the lead acknowledges', async () => {
  const lead = await server.user(['lead'])
  const { page, problems } = await signedInPage(browser, server.url, lead.email)
  await page.goto(`${server.url}/contacts`)
  await page.getByTestId('queue-line-now').waitFor()
  const danger = page.getByTestId('queue-danger')
  await danger.getByText('Thomas Lemaire').waitFor()
  await page.getByTestId('contact-queue').waitFor()
  await checkScreen(page, 'queue (fr)', 'fr')
  await shots(page, 'queue-fr')

  // One click from the queue: a new outgoing phone call, pre-filled, answering the contact.
  await page.getByTestId('call-back-now').first().click()
  await page.getByTestId('contact-answers').waitFor()
  await expect.poll(() => page.getByRole('radio', { name: tr('fr', 'contacts.directions.outgoing') }).isChecked()).toBe(true)
  await checkScreen(page, 'call back now (fr)', 'fr')

  // Back on the queue, the lead acknowledges the danger by keyboard: the flag goes.
  await page.goto(`${server.url}/contacts`)
  await danger.getByRole('button', { name: tr('fr', 'contactQueue.acknowledge') }).focus()
  await page.keyboard.press('Enter')
  await danger.waitFor({ state: 'detached' })
  expect(problems).toEqual([])
})

it('in Dutch, the queue reads in Dutch and passes axe', async () => {
  const intake = await server.user(['intake'])
  const { page, problems } = await signedInPage(browser, server.url, intake.email)
  await chooseLanguage(page, server.url, 'nl')
  await page.goto(`${server.url}/contacts`)
  await page.getByTestId('queue-line-now').waitFor()
  await page.getByTestId('contact-queue').waitFor()
  await checkScreen(page, 'queue (nl)', 'nl')
  await shots(page, 'queue-nl')
  expect(problems).toEqual([])
})

it('fits every width without scrolling sideways: four columns and the actions under the orientation on a small laptop, two on a phone', async () => {
  const lead = await server.user(['lead'])
  const fits = (page: Page) => fitsItsContainer(page.getByTestId('contact-queue'))
  const headers = (page: Page) => page.getByTestId('contact-queue').locator('thead th').allInnerTexts()
  for (const [width, lang, expected] of [
    [1280, 'fr', ['contacts.occurredAt', 'contacts.caller', 'contacts.urgencyAndStatus', 'contacts.orientation', 'contactQueue.action']],
    [1024, 'de', ['contacts.occurredAt', 'contacts.caller', 'contacts.urgencyAndStatus', 'contacts.orientation']],
    [390, 'nl', ['contacts.occurredAt', 'contacts.contact']],
  ] as const) {
    const { page, problems } = await signedInPage(browser, server.url, lead.email, { lang, width })
    await page.goto(`${server.url}/contacts`)
    const queue = page.getByTestId('contact-queue')
    await queue.waitFor()
    expect(await headers(page), `${width} px`).toEqual(expected.map((key) => tr(lang, key)))
    expect(await fits(page), `${width} px`).toBe(true)
    // The call-back is one button whatever the layout, in the row of the contact it answers.
    const row = queue.getByRole('row').filter({ hasText: 'Thomas Lemaire' })
    await row.getByTestId('call-back-now').waitFor()
    expect(await queue.getByTestId('call-back-now').count()).toBe(await queue.getByTestId('call-back-now').locator('visible=true').count())
    await checkScreen(page, `queue at ${width} px (${lang})`, lang)
    expect(problems).toEqual([])
    await page.context().close()
  }
})
