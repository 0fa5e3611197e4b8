import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { addDays } from '../server/modules/duty/duty.time'
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

  // The first day whose afternoon the line is open (today, unless it is a weekend with the default
  // hours), its afternoon found by its visible name inside the day's row.
  const pm = new RegExp(tr('fr', 'duty.halves.pm'))
  const firstDay = rota
    .locator('tbody tr')
    .filter({ has: page.getByRole('combobox', { name: pm }) })
    .first()
  const afternoon = firstDay.getByRole('combobox', { name: pm })
  await afternoon.click()
  await page.getByRole('option', { name: 'Test intake' }).click()
  await expect.poll(() => afternoon.inputValue()).toBe('Test intake')
  const day = (await firstDay.getByRole('rowheader').innerText()).trim()
  const shortDay = (await firstDay.getByRole('rowheader').locator('[aria-hidden="true"]').innerText()).trim()
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
  const row = rota.locator('tbody tr').filter({ hasText: shortDay })
  expect((await row.getByRole('rowheader').innerText()).trim()).toBe(day)
  await expect.poll(() => row.getByRole('cell').nth(1).getByRole('combobox').inputValue()).toBe('Test intake')
  // Nobody on the morning reads as a choice of its own, the one a lead picks to take someone off.
  expect(await row.getByRole('cell').nth(0).getByRole('combobox').inputValue()).toBe(tr('fr', 'duty.rota.nobody'))
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

it('the rota offers no one for the half-days the line is closed, and says why (nl)', async () => {
  const lead = await server.as(['lead'])
  const intake = await server.user(['intake'])
  const today = json<{ localDate: string }>(await lead.get('/api/duty/now')).localDate
  const [closed, morning, later] = [1, 2, 3].map((n) => addDays(today, n))
  // Someone was put on the afternoon of the third day before the hours closed it.
  expect((await lead.put(`/api/duty/rota/${later}/pm`, { userId: intake.id }, { 'if-match': '"0"' })).statusCode).toBe(200)
  const hours = json<{ version: number }>(await lead.get('/api/duty/hours'))
  const body = {
    weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, spans: [{ opens: '09:00', closes: '17:00' }] })),
    exceptions: [
      { date: closed, spans: [], note: 'Personeelsdag' },
      { date: morning, spans: [{ opens: '09:00', closes: '12:00' }] },
      { date: later, spans: [{ opens: '09:00', closes: '12:00' }], note: 'Teamoverleg' },
    ],
  }
  expect((await lead.put('/api/duty/hours', body, { 'if-match': `"${hours.version}"` })).statusCode).toBe(200)

  const { page, problems } = await signedInPage(browser, server.url, lead.email, { width: 1280 })
  await chooseLanguage(page, server.url, 'nl')
  await page.goto(`${server.url}/duty`)
  const rota = page.getByTestId('rota')
  await rota.waitFor()
  const rows = rota.locator('tbody tr')
  // Closed all day: one cell across both half-days, with the exception's note, and no choice.
  const closedDay = rows.nth(1)
  await expect.poll(() => closedDay.getByRole('cell').allInnerTexts()).toEqual([`${tr('nl', 'duty.rota.closed')} · Personeelsdag`])
  expect(await closedDay.getByRole('combobox').count()).toBe(0)
  // Open in the morning only: a choice for the morning, the afternoon closed.
  const morningDay = rows.nth(2)
  expect(await morningDay.getByRole('combobox').count()).toBe(1)
  expect(await morningDay.getByRole('cell').nth(1).innerText()).toBe(tr('nl', 'duty.rota.closed'))
  // Closed with someone still on it: the choice stays, with a word, so that the lead can take them off.
  const laterPm = rows.nth(3).getByRole('cell').nth(1)
  expect(await laterPm.getByRole('combobox').inputValue()).toBe('Test intake')
  // The warning names why the line is closed, from the day's exception.
  const warning = tr('nl', 'duty.rota.closedButSetWithNote').replace('{{note}}', 'Teamoverleg')
  expect(await laterPm.getByText(warning).isVisible()).toBe(true)
  // Heard with the choice, not only seen beside it.
  expect(
    await laterPm
      .getByRole('combobox')
      .evaluate((i) => (i.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '')),
  ).toContain(warning)
  await checkScreen(page, 'duty rota with closed days', 'nl')
  // Taken off with the keyboard alone: the list opened, "Niemand" reached with the arrows, Enter.
  const nobody = tr('nl', 'duty.rota.nobody')
  await laterPm.getByRole('combobox').focus()
  await page.keyboard.press('ArrowDown')
  const listbox = page.getByRole('listbox')
  await listbox.waitFor()
  const highlighted = listbox.locator('[data-combobox-selected]')
  const active = async () => ((await highlighted.count()) === 1 ? await highlighted.innerText() : '')
  for (let n = 0; n < 20 && (await active()) !== nobody; n++) await page.keyboard.press('ArrowUp')
  expect(await active()).toBe(nobody)
  await page.keyboard.press('Enter')
  await expect.poll(() => laterPm.innerText()).toBe(`${tr('nl', 'duty.rota.closed')} · Teamoverleg`)
  const saved = json<{ items: { date: string; half: string; userId: string | null }[] }>(
    await lead.get(`/api/duty/rota?from=${later}&to=${later}`),
  )
  expect(saved.items).toEqual([expect.objectContaining({ date: later, half: 'pm', userId: null })])

  // On a phone the closed half-day is named beside the open one's choice.
  await page.setViewportSize({ width: 390, height: 844 })
  await expect.poll(() => rota.locator('thead th').count()).toBe(2)
  expect(await rows.nth(2).getByTestId('rota-closed').innerText()).toBe(
    tr('nl', 'duty.rota.closedHalf').replace('{{half}}', tr('nl', 'duty.halves.pm')),
  )
  expect(await fitsItsContainer(rota)).toBe(true)
  expect(problems).toEqual([])
  await page.context().close()
})
