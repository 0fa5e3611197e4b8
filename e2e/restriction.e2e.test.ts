import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, startServer } from './support'
import { shotsAtTwoWidths } from './shots'

/**
 * Restriction of processing (art. 18), in French and in Dutch: the DPO finds a person by code and
 * restricts them with a reason (keyboard, dialog, focus back to its opener); the worker's edit is
 * refused with the clear message, never the reason; the DPO lifts it and the worker edits again.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = '/tmp/shots-restrict'
const headers = { 'x-parcours-request': '1' }

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const shots = (page: Page, name: string) => shotsAtTwoWidths(page, SHOTS, name)

it.each(['fr', 'nl'] as Language[])('the DPO restricts, the worker is refused, the DPO lifts (%s)', async (lang) => {
  const team = await server.team(`Équipe ${lang}`)
  const worker = await server.user(['worker'], { teamIds: [team] })
  const dpo = await server.user(['dpo'])
  const asWorker = await signedInPage(browser, server.url, worker.email)
  const asDpo = await signedInPage(browser, server.url, dpo.email)
  await chooseLanguage(asWorker.page, server.url, lang)
  await chooseLanguage(asDpo.page, server.url, lang)

  const created = await asWorker.page.request.post(`${server.url}/api/persons`, {
    data: { firstName: 'Nadia', lastName: `Peeters ${lang}` },
    headers,
  })
  expect(created.status(), await created.text()).toBe(201)
  const person = (await created.json()) as { id: string; code: string }

  // The DPO: find by code, restrict with a reason, all from the keyboard.
  const page = asDpo.page
  await page.goto(`${server.url}/restrictions`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'restriction.title') }).waitFor()
  await page.getByTestId('restriction-code').fill(person.code)
  await page.keyboard.press('Enter')
  await page.getByTestId('restriction-record').waitFor()
  await checkScreen(page, `restriction ${lang}`, lang)
  const action = page.getByTestId('restriction-action')
  await action.focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog')
  await dialog.waitFor()
  await expectNoAxeViolations(page, `restriction dialog ${lang}`, '[role="dialog"]')
  await page.getByTestId('restriction-reason').fill('Exactitude contestée, vérification en cours')
  await page.getByTestId('restriction-confirm').click()
  await dialog.waitFor({ state: 'hidden' })
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('restriction-action')
  await page.getByTestId('restricted-banner').waitFor()
  expect(await page.getByTestId('restriction-state').textContent()).toBe(tr(lang, 'restriction.state.restricted'))
  await checkScreen(page, `restricted ${lang}`, lang)
  await shots(page, `dpo-restricted-${lang}`)

  // The worker: the edit is refused with the clear message, which never says why.
  const w = asWorker.page
  await w.goto(`${server.url}/persons/${person.id}/edit`)
  const refusal = w.getByRole('alert')
  await refusal.getByText(tr(lang, 'errors.processing.restricted')).waitFor()
  expect(await refusal.textContent()).not.toContain('Exactitude')
  await checkScreen(w, `worker refused ${lang}`, lang)
  await shots(w, `worker-refused-${lang}`)

  // The DPO lifts; the worker edits again.
  await action.click()
  await dialog.waitFor()
  await page.getByTestId('restriction-reason').fill('Exactitude vérifiée')
  await page.getByTestId('restriction-confirm').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByText(tr(lang, 'restriction.lifted')).waitFor()
  expect(await page.getByTestId('restricted-banner').count()).toBe(0)
  await w.goto(`${server.url}/persons/${person.id}/edit`)
  await w.getByRole('heading', { level: 1 }).waitFor()
  expect(await w.getByText(tr(lang, 'errors.processing.restricted')).count()).toBe(0)
  expect(asDpo.problems).toEqual([])
})
