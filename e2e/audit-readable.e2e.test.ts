import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../server/seed/demo.data'
import { seedDemo } from '../server/seed/demo.seed'
import { chooseLanguage, settle, tr } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * Issue 12, in the languages of the people who use it. The DPO reads the log as phrases in their
 * own language, with the subject of each entry named by its code (plain text: the DPO opens no
 * case) and the person asked about found by a typed name that never reaches a URL. A worker in
 * a French interface prints a client's summary in the client's language, Dutch: the sheet alone
 * is Dutch and says so (`lang`), with dates as dd/mm/yyyy.
 */

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = '/tmp/shots-7'
const workerEmail = `intervenant@${DEMO_DOMAIN}`
const dpoEmail = `dpo@${DEMO_DOMAIN}`
/** The demo worker's first case (Julien Dupont), whose file is set to say he speaks Dutch first. */
const julien = { personId: '', personCode: '', caseId: '', caseCode: '' }
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i
const SIZES = [
  [1280, 900, 'desktop'],
  [390, 844, 'phone'],
] as const

beforeAll(async () => {
  server = await startServer({ demo: true })
  await seedDemo(server.services)
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
  const db = server.services.db
  const worker = await db.selectFrom('users').select('id').where('email', '=', workerEmail).executeTakeFirstOrThrow()
  const first = await db
    .selectFrom('accompaniment_workers as w')
    .innerJoin('accompaniments as a', 'a.id', 'w.accompaniment_id')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .select(['p.id as personId', 'p.code as personCode', 'a.id as caseId', 'a.code as caseCode'])
    .where('w.user_id', '=', worker.id)
    .where('w.role', '=', 'primary')
    .orderBy('a.created_at')
    .limit(1)
    .executeTakeFirstOrThrow()
  Object.assign(julien, first)
  // The spoken languages are not sealed: what the person form would record for a Dutch speaker.
  await db
    .updateTable('persons')
    .set({ languages: JSON.stringify(['nl', 'fr']) as never })
    .where('id', '=', julien.personId)
    .execute()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function signInPage(email: string, width = 1280, height = 900): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport: { width, height } })).newPage()
  const problems = watchConsole(page)
  await page.goto(`${server.url}/login`)
  await page.getByTestId('login-email').fill(email)
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.keyboard.press('Enter')
  await page.waitForURL((u) => u.pathname !== '/login')
  return { page, problems }
}

const shot = async (page: Page, name: string) => {
  await settle(page)
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

/** Today in Brussels as dd/mm/yyyy, as the sheet writes the day it was made. */
const todayBrussels = () =>
  new Intl.DateTimeFormat('fr-BE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Brussels' }).format(new Date())

it("a worker in French prints Julien's summary in Dutch, his first language: the sheet alone is Dutch", async () => {
  for (const [width, height, size] of SIZES) {
    const { page, problems } = await signInPage(workerEmail, width, height)
    // The case is opened first: an entry whose subject is the case, for the DPO below.
    await page.goto(`${server.url}/accompaniments/${julien.caseId}`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.goto(`${server.url}/accompaniments/${julien.caseId}/summary`)
    const sheet = page.getByTestId('person-summary')
    await sheet.waitFor()
    // Offered in Dutch, from the person's languages; the choice itself is in French.
    const choice = page.getByTestId('summary-language')
    await expect.poll(() => choice.inputValue()).toBe(tr('fr', 'languages.nl'))
    expect(await sheet.getAttribute('lang')).toBe('nl')
    expect(await page.locator('html').getAttribute('lang')).toBe('fr')
    await expect.poll(() => sheet.textContent()).toContain(tr('nl', 'summary.goalsTitle'))
    const text = (await sheet.textContent()) ?? ''
    expect(text).toContain(tr('nl', 'summary.title').replace('{{name}}', 'Julien'))
    expect(text).toContain(tr('nl', 'summary.intro').replace('{{date}}', todayBrussels()))
    expect(text).not.toContain(tr('fr', 'summary.goalsTitle'))
    // Dates as the sheet's language writes them in Belgium: day, month, four-digit year.
    const dates = text.match(/\b\d{2}\/\d{2}\/\d{4}\b/g) ?? []
    expect(dates.length).toBeGreaterThanOrEqual(1)
    // Around the sheet, the worker's French.
    await page.getByRole('button', { name: tr('fr', 'summary.print') }).waitFor()
    await page.getByRole('link', { name: tr('fr', 'summary.back') }).waitFor()
    await expectNoAxeViolations(page, `summary in Dutch, French interface (${size})`)
    await shot(page, `summary-fr-ui-nl-sheet-${size}`)

    if (size === 'desktop') {
      // Another language on request, with the keyboard: German labels, lang="de".
      await choice.focus()
      await page.keyboard.press('Enter')
      await page.getByRole('option', { name: tr('fr', 'languages.de') }).click()
      await expect.poll(() => sheet.getAttribute('lang')).toBe('de')
      await expect.poll(() => sheet.textContent()).toContain(tr('de', 'summary.goalsTitle'))
      expect(await page.locator('html').getAttribute('lang')).toBe('fr')
    }
    expect(problems).toEqual([])
    await page.context().close()
  }
})

for (const lang of ['fr', 'nl'] as Language[]) {
  it(`the DPO (${lang}) reads entries as phrases with codes, and asks about a person by a typed name`, async () => {
    for (const [width, height, size] of SIZES) {
      const { page, problems } = await signInPage(dpoEmail, width, height)
      const urls: string[] = []
      page.on('request', (r) => urls.push(r.url()))
      await chooseLanguage(page, server.url, lang)
      await page.goto(`${server.url}/audit`)
      await page.getByRole('heading', { level: 1, name: tr(lang, 'audit.title') }).waitFor()
      await page.getByTestId('audit-table').waitFor()

      // Who read Julien, by his name typed with another spelling: first and last name.
      await page.getByTestId('audit-person-name').fill('julien dupond')
      await page.getByRole('button', { name: tr(lang, 'audit.questions.whoRead') }).click()
      const summary = page.getByTestId('audit-summary')
      await expect.poll(() => summary.textContent()).toContain(julien.personCode)
      await expect.poll(() => page.getByTestId('audit-name-matched').textContent()).toContain(julien.personCode)
      const table = page.getByTestId('audit-table')
      // The worker's opening of the case: a phrase in the DPO's language, the case by its code, not a link.
      const opened = table.locator('tr[data-action="accompaniment.viewed"]').first()
      await opened.waitFor()
      // By the cell's column, since a narrow screen folds eight columns into five.
      const cell = (column: string) => opened.locator(`td[data-column="${column}"]`)
      expect(await cell('actor').textContent()).toContain('Samir Intervenant')
      expect(await cell('action').textContent()).toContain(tr(lang, 'audit.actions.accompaniment.viewed'))
      expect(await cell('context').textContent()).toContain(`${tr(lang, 'audit.subjects.accompaniment')} ${julien.caseCode}`)
      expect(await opened.getByRole('link').count()).toBe(0)
      expect(await opened.getByTestId('audit-persons').textContent()).toContain(julien.personCode)
      // No action name, no internal id of a record, no name of the person on the screen; the name
      // in no URL. (The origin column's request id is the server log's, not a record's.)
      const main = await page.locator('main').evaluate((m) => {
        const copy = m.cloneNode(true) as HTMLElement
        copy.querySelectorAll('[data-testid="audit-origin"]').forEach((c) => c.remove())
        return copy.textContent ?? ''
      })
      expect(main).not.toMatch(UUID)
      expect(main).not.toMatch(/accompaniment\.viewed|my_day\.viewed|Julien|Dupon/)
      expect(urls.filter((u) => /dupon|julien/i.test(decodeURIComponent(u)))).toEqual([])
      expect(urls.some((u) => u.endsWith('/api/audit/search'))).toBe(true)
      await expectNoAxeViolations(page, `audit by name (${lang}, ${size})`)
      await shot(page, `audit-${lang}-${size}`)

      // A single name designates a family: refused before anything is sent.
      await page.getByTestId('audit-person-name').fill('Dupont')
      await page.getByRole('button', { name: tr(lang, 'audit.apply') }).click()
      await page.getByText(tr(lang, 'auditReadable.errors.first_and_last_name')).waitFor()
      expect(problems).toEqual([])
      await page.context().close()
    }
  })
}
