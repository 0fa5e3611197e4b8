import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { json } from '../server/test/harness'
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
  // Each day says which day of the week it is: shown short ("dim. 6 déc."), heard in full.
  await firstDay
    .getByRole('rowheader', { name: /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+(er)? \p{L}+ \d{4}$/u })
    .waitFor()
  expect(await firstDay.getByRole('rowheader').locator('[aria-hidden="true"]').innerText()).toMatch(
    /^(lun|mar|mer|jeu|ven|sam|dim)\. \d+(er)? \p{L}+\.?$/u,
  )

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

it("a lead opens Saturday from a phone: the week's hours stack one day a block, each field under its column's name (de)", async () => {
  const lead = await server.user(['lead'])
  const { page, problems } = await signedInPage(browser, server.url, lead.email, { width: 390 })
  await chooseLanguage(page, server.url, 'de')
  await page.goto(`${server.url}/duty`)
  const hours = page.getByRole('region', { name: tr('de', 'duty.hours.caption') })
  await hours.waitFor()
  const table = hours.locator('table')
  // Four columns need about 560 px; on a phone each day is a block and nothing runs past the card.
  expect(await fitsItsContainer(table)).toBe(true)
  const saturday = table.locator('tbody tr').nth(5)
  expect(
    await saturday
      .locator('td')
      .first()
      .evaluate((c) => getComputedStyle(c, '::before').content),
  ).toContain(tr('de', 'duty.hours.open'))
  await checkScreen(page, 'duty hours, phone', 'de')

  const day = tr('de', 'duty.weekdays.6')
  await saturday.getByRole('checkbox', { name: tr('de', 'duty.hours.openOn').replace('{{day}}', day) }).check()
  await page.getByRole('button', { name: tr('de', 'duty.hours.save') }).click()
  await page.getByText(tr('de', 'duty.saved')).waitFor()
  const saved = await page.request.get(`${server.url}/api/duty/hours`)
  const weekly = ((await saved.json()) as { weekly: { weekday: number; spans: { opens: string; closes: string }[] }[] }).weekly
  expect(weekly.find((d) => d.weekday === 6)?.spans).toEqual([{ opens: '09:00', closes: '17:00' }])

  // Wide enough again, the same card is a table with its column headings in view.
  await page.setViewportSize({ width: 1280, height: 900 })
  await expect.poll(() => table.locator('thead th').first().isVisible()).toBe(true)
  expect(await table.evaluate((t) => getComputedStyle(t).display)).toBe('table')
  expect(problems).toEqual([])
  await page.context().close()
})

it('a lead reorders the emergency path and is told it is saved (fr)', async () => {
  const lead = await server.as(['lead'])
  const before = json<{ steps: unknown[] }>(await lead.get('/api/duty/emergency-path')).steps
  expect(before.length).toBeGreaterThan(1)
  const { page, problems } = await signedInPage(browser, server.url, lead.email, { width: 1280 })
  await page.goto(`${server.url}/duty`)
  await page.getByRole('button', { name: tr('fr', 'duty.path.up').replace('{{n}}', '2') }).click()
  await page.getByRole('button', { name: tr('fr', 'duty.path.save') }).click()
  // The editor starts afresh on the version the save made; the page still says the save worked.
  await page
    .getByRole('status')
    .filter({ hasText: tr('fr', 'duty.saved') })
    .waitFor()
  const after = json<{ steps: unknown[]; version: number }>(await lead.get('/api/duty/emergency-path'))
  expect(after.steps).toEqual([before[1], before[0], ...before.slice(2)])
  expect(problems).toEqual([])
  await page.context().close()
})
