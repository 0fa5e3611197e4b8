import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkScreen, signedInPage, tr } from './i18n-checks'
import { fitsItsContainer, launchBrowser, startServer } from './support'

/**
 * The duty rota as a lead fills it: on a phone, each day's two half-days stack in one cell with
 * their visible names, and a choice is saved at once; on a desktop, the same slot shows it in the
 * half-day's column.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('a lead puts a colleague on duty from a phone, and finds the choice on a desktop (fr)', async () => {
  const lead = await server.user(['lead'])
  await server.user(['intake'])
  const { page, problems } = await signedInPage(browser, server.url, lead.email, { width: 390 })
  await page.goto(`${server.url}/duty`)
  const rota = page.getByTestId('rota')
  await rota.waitFor()
  expect(await rota.locator('thead th').allInnerTexts()).toEqual([tr('fr', 'duty.rota.date'), tr('fr', 'duty.rota.onDuty')])
  expect(await fitsItsContainer(rota)).toBe(true)
  await checkScreen(page, 'duty rota, phone', 'fr')

  // The first day's afternoon, found by its visible name inside the day's row.
  const firstDay = rota.locator('tbody tr').first()
  const afternoon = firstDay.getByRole('combobox', { name: new RegExp(tr('fr', 'duty.halves.pm')) })
  await afternoon.click()
  await page.getByRole('option', { name: 'Test intake' }).click()
  await expect.poll(() => afternoon.inputValue()).toBe('Test intake')
  const day = (await firstDay.getByRole('rowheader').innerText()).trim()

  // Saved on the server: the desktop layout, loaded afresh, shows it in the afternoon's column.
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.reload()
  await rota.waitFor()
  expect(await rota.locator('thead th').count()).toBe(3)
  const row = rota.locator('tbody tr').first()
  expect((await row.getByRole('rowheader').innerText()).trim()).toBe(day)
  await expect.poll(() => row.getByRole('cell').nth(1).getByRole('combobox').inputValue()).toBe('Test intake')
  expect(await row.getByRole('cell').nth(0).getByRole('combobox').inputValue()).toBe('')
  expect(problems).toEqual([])
  await page.context().close()
})
