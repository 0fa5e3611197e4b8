import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { codeFor, newMfaSecret } from '../server/security/mfa'
import { expectNoAxeViolations, launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer, watchConsole } from './support'

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser

beforeAll(async () => {
  server = await startServer({ demo: false })
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('a worker signs in with MFA, creates a person, finds them by a misspelt name, switches to Dutch and signs out', async () => {
  const secret = newMfaSecret()
  const worker = await server.user(['worker'], { mfaSecret: secret })
  const page = await (await browser.newContext({ locale: 'fr-BE' })).newPage()
  const problems = watchConsole(page)
  const shot = (name: string) =>
    page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `journey-${name}.png`), fullPage: true })

  await page.goto(`${server.url}/`)
  await page.getByTestId('login-email').fill(worker.email)
  await page.getByTestId('login-password').fill(worker.password)
  await expectNoAxeViolations(page, 'login')
  await shot('1-login')
  await page.keyboard.press('Enter')
  await page.getByTestId('login-code').fill(codeFor(secret))
  await page.getByRole('button', { name: 'Vérifier' }).click()

  // A worker starts on "My day", then goes to the people search from the main navigation.
  await page.getByRole('heading', { level: 1, name: 'Ma journée' }).waitFor()
  await expectNoAxeViolations(page, 'my day (empty)')
  await page.getByRole('link', { name: 'Personnes' }).first().click()
  await page.getByTestId('person-search').waitFor()
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr')
  await expectNoAxeViolations(page, 'persons search')

  await page.getByRole('link', { name: 'Nouvelle personne' }).first().click()
  await page.getByLabel('Prénom', { exact: true }).fill('Mohammed')
  await page.getByLabel('Nom de famille', { exact: true }).fill('Benali')
  await expectNoAxeViolations(page, 'person create')
  await shot('2-create')
  await page.getByRole('button', { name: 'Enregistrer la personne' }).click()
  await page.getByTestId('person-code').waitFor()
  const code = (await page.getByTestId('person-code').textContent())?.trim()
  expect(code).toMatch(/^P-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
  await expectNoAxeViolations(page, 'person view')
  await shot('3-view')

  await page.getByRole('link', { name: 'Personnes' }).first().click()
  await page.getByTestId('person-search').fill('mohamed benaly')
  await page.keyboard.press('Enter')
  // First and last name: no reason asked; the worker registered them, so they come in full, with their code.
  const results = page.getByTestId('person-results')
  await results.getByRole('link', { name: 'BENALI, Mohammed' }).waitFor()
  await expect.poll(() => results.textContent()).toContain(code)
  expect(await page.getByRole('radiogroup', { name: 'Pourquoi cherchez-vous avec un seul nom ?' }).count()).toBe(0)
  await expectNoAxeViolations(page, 'persons results')
  await shot('4-results')

  await page.getByTestId('language-switch').getByText('NL', { exact: true }).click()
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl')
  await page.getByRole('link', { name: 'Nieuwe persoon' }).first().waitFor()
  await expectNoAxeViolations(page, 'persons results (nl)')
  await shot('5-dutch')

  await page.getByTestId('logout').click()
  await page.getByTestId('login-email').waitFor()
  expect((await page.context().cookies()).filter((c) => c.value)).toEqual([])
  const me = await page.request.get(`${server.url}/api/me`)
  expect(me.status()).toBe(401)
  expect(problems).toEqual([])
  await page.close()
})
