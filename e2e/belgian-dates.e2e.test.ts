import fs from 'node:fs'
import path from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { CHROME_FLAGS, CHROMIUM } from './chromium'
import { chooseLanguage, settle, signIn, tr } from './i18n-checks'
import { expectNoAxeViolations, SCREENSHOTS, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * Dates the Belgian way whatever the browser's own locale: an American Chromium (--lang=en-US,
 * context locale en-US) in Brussels' time zone. A native date input there read 12/01/2026 and
 * 2:30 PM; the French and Dutch screens must read and accept 01/12/2026 and 14:30, and save the
 * 1st of December (read back through the API).
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const headers = { 'x-parcours-request': '1' }

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROME_FLAGS, '--lang=en-US'] })
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const shot = (page: Page, name: string) =>
  page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `belgian-dates-${name}.png`), fullPage: true })

async function americanPage(email: string) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
  await signIn(context, server.url, email)
  const page = await context.newPage()
  return { page, problems: watchConsole(page) }
}

it.each(['fr', 'nl'] as Language[])('in %s, the person form and the session form read and accept 01/12/2026 and 14:30', async (lang) => {
  const team = await server.team()
  const intake = await server.user(['intake'], { teamIds: [team] })
  const lead = await server.user(['lead'], { teamIds: [team] })
  const worker = await server.user(['worker'], { teamIds: [team] })
  // The intake officer registers the person and opens the case; the lead assigns it.
  const { page, problems } = await americanPage(intake.email)
  await chooseLanguage(page, server.url, lang)
  // The browser really is American: its own date format puts the month first.
  expect(await page.evaluate(() => new Date(2026, 11, 1).toLocaleDateString())).toBe('12/1/2026')
  const person = await page.request.post(`${server.url}/api/persons`, { data: { firstName: 'Lotte', lastName: 'Janssens' }, headers })
  expect(person.status(), await person.text()).toBe(201)
  const personId = ((await person.json()) as { id: string }).id
  const created = await page.request.post(`${server.url}/api/accompaniments`, {
    data: { kind: 'concerned', personId, teamId: team },
    headers,
  })
  expect(created.status()).toBe(201)
  const caseId = ((await created.json()) as { id: string }).id
  const asLead = await americanPage(lead.email)
  const assigned = await asLead.page.request.post(`${server.url}/api/accompaniments/${caseId}/assign`, {
    data: { primaryWorkerId: worker.id },
    headers: { ...headers, 'if-match': '"1"' },
  })
  expect(assigned.status(), await assigned.text()).toBeLessThan(300)
  await asLead.page.context().close()

  // The person form: the birth date typed day first.
  await page.goto(`${server.url}/persons/${personId}/edit`)
  const birth = page.getByLabel(tr(lang, 'person.birthDate'), { exact: true })
  await birth.waitFor()
  expect(await birth.getAttribute('placeholder')).toBe(tr(lang, 'dateField.dateHint'))
  await birth.click()
  await birth.pressSequentially('01/12/2026')
  await expectNoAxeViolations(page, `${lang} person form, calendar open`)
  await birth.press('Escape')
  await page.getByRole('button', { name: tr(lang, 'common.save') }).click()
  await page.waitForURL(`${server.url}/persons/${personId}`)
  const saved = await page.request.get(`${server.url}/api/persons/${personId}`)
  expect(((await saved.json()) as { birthDate: string | null }).birthDate).toBe('2026-12-01')

  // …and reads it back day first.
  await page.goto(`${server.url}/persons/${personId}/edit`)
  await expect.poll(() => page.getByLabel(tr(lang, 'person.birthDate'), { exact: true }).inputValue()).toBe('01/12/2026')
  await settle(page)
  await expectNoAxeViolations(page, `${lang} person form`)
  await shot(page, `${lang}-person`)

  expect(problems).toEqual([])
  await page.context().close()

  // The session form, as the worker: a date and a 24-hour time.
  const asWorker = await americanPage(worker.email)
  await chooseLanguage(asWorker.page, server.url, lang)
  await sessionForm(asWorker.page, lang, caseId)
  expect(asWorker.problems).toEqual([])
  await asWorker.page.context().close()
})

async function sessionForm(page: Page, lang: Language, caseId: string) {
  await page.goto(`${server.url}/accompaniments/${caseId}`)
  await page.getByTestId('tab-sessions').click()
  await page.getByRole('button', { name: tr(lang, 'sessions.record') }).click()
  const dialog = page.getByRole('dialog')
  const date = dialog.getByLabel(tr(lang, 'sessions.startsAt'))
  await date.click()
  await date.pressSequentially('01/12/2026')
  await date.press('Escape')
  await dialog.getByLabel(tr(lang, 'dateField.hours'), { exact: true }).pressSequentially('14')
  await dialog.getByLabel(tr(lang, 'dateField.minutes'), { exact: true }).pressSequentially('30')
  expect(await date.inputValue()).toBe('01/12/2026')
  expect(await dialog.getByLabel(tr(lang, 'dateField.hours'), { exact: true }).inputValue()).toBe('14')
  expect(await dialog.getByLabel(tr(lang, 'dateField.minutes'), { exact: true }).inputValue()).toBe('30')
  await settle(page)
  await expectNoAxeViolations(page, `${lang} session form`)
  await shot(page, `${lang}-session`)
  await page.getByTestId('session-save').click()
  await dialog.waitFor({ state: 'detached' })

  // 14:30 in Brussels on the 1st of December is 13:30 UTC.
  const sessions = await page.request.get(`${server.url}/api/accompaniments/${caseId}/sessions`)
  expect(sessions.status()).toBe(200)
  expect(((await sessions.json()) as { items: { startsAt: string }[] }).items.map((s) => s.startsAt)).toEqual(['2026-12-01T13:30:00.000Z'])
  await expectNoAxeViolations(page, `${lang} sessions tab`)
}
