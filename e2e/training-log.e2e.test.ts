import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import type { Agent } from '../server/test/harness'
import { checkScreen, signedInPage, tr } from './i18n-checks'
import { fitsItsContainer, launchBrowser, startServer } from './support'

/**
 * Issue 14: a team that trains a lot (55 sessions this year) reads its training log a page at a
 * time, newest first; the pager says where the reader is, and is reached by keyboard.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let lead: Agent & { userId: string; email: string }
const YEAR = new Date().getFullYear()
const SESSIONS = 55

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  const team = await server.team('Équipe Formation')
  lead = await server.as(['lead'], { teamIds: [team] })
  // One session a day from 1 January: the newest is the 55th, "Séance 55".
  for (let i = 1; i <= SESSIONS; i++) {
    const heldOn = new Date(Date.UTC(YEAR, 0, i)).toISOString().slice(0, 10)
    const res = await lead.post('/api/training-sessions', {
      teamId: team,
      heldOn,
      title: `Séance ${i}`,
      audience: 'school',
      participants: 20,
      hours: 2,
    })
    expect(res.statusCode, res.body).toBe(201)
  }
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('shows 50 sessions, newest first, then the last 5 on the second page, reached by keyboard', async () => {
  const { page, problems } = await signedInPage(browser, server.url, lead.email, { lang: 'fr', timezoneId: 'Europe/Brussels' })
  await page.goto(`${server.url}/training-sessions`)
  await page.getByRole('heading', { level: 1, name: tr('fr', 'training.title'), exact: true }).waitFor()
  const rows = page.getByTestId('training-list').locator('tbody tr')
  await expect.poll(() => rows.count()).toBe(50)
  // innerText: what is shown; the row's details under the title are for phones only.
  expect(await rows.first().getByRole('rowheader').innerText()).toBe(`Séance ${SESSIONS}`)
  const range = page.getByRole('status').filter({ hasText: `sur ${SESSIONS}` })
  expect(await range.textContent()).toBe(`1–50 sur ${SESSIONS}`)
  await checkScreen(page, 'training log, page 1', 'fr')

  const next = page
    .getByRole('navigation', { name: tr('fr', 'pager.label') })
    .getByRole('button', { name: tr('fr', 'pager.page').replace('{{page}}', '2') })
  await next.focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => rows.count()).toBe(SESSIONS - 50)
  expect(await rows.first().getByRole('rowheader').innerText()).toBe('Séance 5')
  expect(await range.textContent()).toBe(`51–${SESSIONS} sur ${SESSIONS}`)
  await checkScreen(page, 'training log, page 2', 'fr')

  // Another year starts on its first page: this team gave no session last year.
  await page.getByTestId('training-year').click()
  await page.getByRole('option', { name: String(YEAR - 1) }).click()
  await page.getByTestId('training-empty').waitFor()
  expect(problems).toEqual([])
  await page.context().close()
})

/** The lead's training log at this language and width, its first row shown. */
async function openLog(lang: Language, width: number) {
  const { page, problems } = await signedInPage(browser, server.url, lead.email, { lang, width, timezoneId: 'Europe/Brussels' })
  await page.goto(`${server.url}/training-sessions`)
  const list = page.getByTestId('training-list')
  const first = list.locator('tbody tr').first()
  await first.waitFor()
  return { page, problems, list, first }
}

it("fits a phone: one column with the session's details under its title, and its actions (nl)", async () => {
  const { page, problems, list, first } = await openLog('nl', 390)
  const details = first.getByTestId('training-row-details')
  expect(await details.isVisible()).toBe(true)
  const text = await details.innerText()
  expect(text).toContain(tr('nl', 'training.audiences.school'))
  expect(text).toContain('20 deelnemers')
  expect(text).toContain('2\u00a0u')
  expect(text).toContain(String(YEAR))
  // Only the title's column and the actions are shown, and nothing runs past the table's edge.
  expect(await list.locator('thead th:visible').count()).toBe(2)
  expect(await fitsItsContainer(list)).toBe(true)
  expect(await first.getByRole('button', { name: tr('nl', 'training.delete') }).isVisible()).toBe(true)
  await checkScreen(page, 'training log, phone', 'nl')
  expect(problems).toEqual([])
  await page.context().close()
})

it('fits a small laptop beside the side bar: audience and organisation under the title (de, 1,024 px)', async () => {
  const { page, problems, list, first } = await openLog('de', 1024)
  expect(await first.getByTestId('training-row-details').isVisible()).toBe(false)
  expect(await first.getByTestId('training-row-audience').innerText()).toContain(tr('de', 'training.audiences.school'))
  expect(await list.locator('thead th:visible').allInnerTexts()).toEqual([
    tr('de', 'training.heldOn'),
    tr('de', 'training.titleField'),
    tr('de', 'training.participants'),
    tr('de', 'training.hours'),
    tr('de', 'common.actions'),
  ])
  expect(await fitsItsContainer(list)).toBe(true)
  await checkScreen(page, 'training log, 1,024 px', 'de')
  // On a wide screen the columns come back and the line under the title goes.
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.reload()
  await first.waitFor()
  expect(await first.getByTestId('training-row-audience').isVisible()).toBe(false)
  expect(await list.locator('thead th:visible').count()).toBe(7)
  expect(problems).toEqual([])
  await page.context().close()
})
