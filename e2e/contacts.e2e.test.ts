import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { launchBrowser, startServer } from './support'

/**
 * A worried mother calls the line: intake logs the call while talking (the draft saves itself),
 * by keyboard, finalises it, and it waits in the queue; her second call from the same number,
 * written differently, shows the first. In French, then the pages again in Dutch; axe on each.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let intake = ''

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  intake = (await server.user(['intake'])).email
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function newContact(page: Page, lang: Language) {
  await page.goto(`${server.url}/contacts`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'contacts.title') }).waitFor()
  await page.getByRole('link', { name: tr(lang, 'contacts.new') }).click()
  await page.getByRole('heading', { level: 1, name: tr(lang, 'contacts.formTitle') }).waitFor()
}

it('logs a call as a draft while talking, by keyboard; the second call from the same number shows the first', async () => {
  const { page, problems } = await signedInPage(browser, server.url, intake)
  await chooseLanguage(page, server.url, 'fr')
  await newContact(page, 'fr')
  await checkScreen(page, 'new contact (fr)', 'fr')

  // By keyboard: the consent box, then name and phone.
  const agreed = page.getByRole('checkbox', { name: tr('fr', 'contacts.identityAgreed') })
  await agreed.focus()
  await page.keyboard.press('Space')
  await page.getByRole('textbox', { name: tr('fr', 'contacts.callerName') }).fill('Samira El Amrani')
  await page.getByRole('textbox', { name: tr('fr', 'contacts.phone') }).fill('0478 55 21 09')
  await page.getByRole('textbox', { name: tr('fr', 'contacts.summary') }).fill('Mère inquiète pour son fils de 16 ans')
  // The draft saves itself and the address becomes the contact's.
  const status = page.getByTestId('save-status')
  await expect.poll(() => status.innerText(), { timeout: 15_000 }).toMatch(/^Brouillon enregistré/)
  await expect.poll(() => page.url()).toMatch(/\/contacts\/[0-9a-f-]{36}$/)
  await checkScreen(page, 'contact draft saved (fr)', 'fr')
  await page.getByRole('button', { name: tr('fr', 'contacts.finalise') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'contacts.title') }).waitFor()
  // Final, with no orientation yet: it waits in the queue.
  await page.getByTestId('contact-queue').getByText('Samira El Amrani').waitFor()
  await checkScreen(page, 'contacts and queue (fr)', 'fr')

  // Two days later, the same number written differently.
  await newContact(page, 'fr')
  await page.getByRole('checkbox', { name: tr('fr', 'contacts.identityAgreed') }).check()
  await page.getByRole('textbox', { name: tr('fr', 'contacts.phone') }).fill('+32 478 55 21 09')
  const repeat = page.getByTestId('repeat-caller')
  await repeat.getByText('Samira El Amrani').waitFor({ timeout: 15_000 })
  await checkScreen(page, 'repeat caller shown (fr)', 'fr')
  expect(problems).toEqual([])
  await page.context().close()
})

it('shows the queue and the form in Dutch, axe-clean', async () => {
  const { page, problems } = await signedInPage(browser, server.url, intake)
  await chooseLanguage(page, server.url, 'nl')
  await newContact(page, 'nl')
  await checkScreen(page, 'new contact (nl)', 'nl')
  await page.goto(`${server.url}/contacts`)
  await page.getByRole('heading', { level: 1, name: tr('nl', 'contacts.title') }).waitFor()
  await checkScreen(page, 'contacts (nl)', 'nl')
  expect(problems).toEqual([])
  await page.context().close()
})
