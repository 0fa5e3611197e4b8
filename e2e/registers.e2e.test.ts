import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Agent } from '../server/test/harness'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { launchBrowser, startServer } from './support'

/**
 * The DPO's registers (issue 13): a breach recorded through the form starts the 72-hour clock,
 * seen on the breach, in the register and on the landing; the records of processing open and
 * print without the application's frame. In French, then in Dutch; axe on every step.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let dpo: Agent & { userId: string; email: string }

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  dpo = await server.as(['dpo'])
  // One breach found three days and more ago, never notified: overdue.
  const late = await dpo.post('/api/breaches', {
    discoveredAt: new Date(Date.now() - 80 * 3_600_000).toISOString(),
    nature: ['availability'],
    description: 'Serveur de fichiers indisponible',
  })
  expect(late.statusCode, late.body).toBe(201)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('the DPO records a breach and sees its clock, then opens the register and prints it (FR, NL)', async () => {
  const { page, problems } = await signedInPage(browser, server.url, dpo.email)

  // French: record a breach through the form.
  await page.goto(`${server.url}/dpo/breaches`)
  await page.getByRole('heading', { level: 1, name: tr('fr', 'registers.breaches.title') }).waitFor()
  await page.getByTestId('breach-clock').first().waitFor()
  expect(await page.locator('[data-testid="breach-clock"][data-state="overdue"]').count()).toBe(1)
  await checkScreen(page, 'breach register (fr)', 'fr')
  await page.getByRole('link', { name: tr('fr', 'registers.breaches.new') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'registers.breach.newTitle') }).waitFor()
  await page.getByLabel(tr('fr', 'registers.natures.confidentiality'), { exact: true }).check()
  await page.getByLabel(tr('fr', 'registers.breach.description'), { exact: true }).fill('Courriel envoyé au mauvais destinataire')
  await page.getByLabel(tr('fr', 'registers.subjects.clients'), { exact: true }).check()
  await checkScreen(page, 'new breach form (fr)', 'fr')
  await page.getByRole('button', { name: tr('fr', 'registers.breach.record') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'registers.breach.title') }).waitFor()
  const clock = page.getByTestId('breach-clock')
  await expect.poll(() => clock.getAttribute('data-state')).toBe('running')
  // Just recorded: 71 or 72 hours left (the discovery field holds the minute it was opened).
  expect(await clock.textContent()).toMatch(/7[12] h \d+ min/)
  await expect.poll(() => clock.textContent()).toContain('heure de Bruxelles')
  await page.getByTestId('who-read').waitFor()
  await checkScreen(page, 'breach with its clock (fr)', 'fr')
  // Completed as the facts come in: the save is confirmed, though the editor is drawn afresh for the
  // version it brought back.
  const description = page.getByLabel(tr('fr', 'registers.breach.description'), { exact: true })
  await description.fill('Courriel envoyé au mauvais destinataire, rappelé dans l’heure')
  await page.getByRole('button', { name: tr('fr', 'registers.save'), exact: true }).click()
  await page
    .getByRole('status')
    .filter({ hasText: tr('fr', 'registers.saved') })
    .waitFor()
  expect(await description.inputValue()).toBe('Courriel envoyé au mauvais destinataire, rappelé dans l’heure')

  // The landing shows both open breaches.
  await page.goto(`${server.url}/audit`)
  await page.getByTestId('open-breaches').getByText(tr('fr', 'registers.breaches.openTitle_other').replace('{{count}}', '2')).waitFor()

  // The register: opened, and printed without the frame.
  await page.goto(`${server.url}/dpo/register`)
  await page.getByRole('heading', { level: 1, name: tr('fr', 'registers.register.title') }).waitFor()
  await page.getByTestId('register-purposes').waitFor()
  await checkScreen(page, 'processing register (fr)', 'fr')
  await page.evaluate(() => {
    window.print = () => document.body.setAttribute('data-printed', 'yes')
  })
  await page.getByRole('button', { name: tr('fr', 'registers.register.print') }).click()
  await expect.poll(() => page.locator('body').getAttribute('data-printed')).toBe('yes')
  await page.emulateMedia({ media: 'print' })
  expect(await page.getByRole('button', { name: tr('fr', 'registers.register.print') }).isVisible()).toBe(false)
  expect(await page.locator('.mantine-AppShell-navbar').isVisible()).toBe(false)
  expect(await page.getByTestId('register-purposes').isVisible()).toBe(true)
  await page.emulateMedia({ media: 'screen' })

  // Dutch: the breach register and the register.
  await chooseLanguage(page, server.url, 'nl')
  await page.goto(`${server.url}/dpo/breaches`)
  await page.getByRole('heading', { level: 1, name: tr('nl', 'registers.breaches.title') }).waitFor()
  await page
    .getByRole('link')
    .filter({ hasText: /\d{2}\/\d{2}\/\d{4}/ })
    .last()
    .click()
  await page.getByRole('heading', { level: 1, name: tr('nl', 'registers.breach.title') }).waitFor()
  await expect.poll(() => page.getByTestId('breach-clock').textContent()).toContain('Brusselse tijd')
  await checkScreen(page, 'breach with its clock (nl)', 'nl')
  await page.goto(`${server.url}/dpo/register`)
  await page.getByRole('heading', { level: 1, name: tr('nl', 'registers.register.title') }).waitFor()
  await checkScreen(page, 'processing register (nl)', 'nl')
  expect(problems).toEqual([])
})
