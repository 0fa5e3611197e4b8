import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../server/seed/demo.data'
import { seedDemo } from '../server/seed/demo.seed'
import { checkScreen, chooseLanguage, settle, tr } from './i18n-checks'
import { expectNoAxeViolations, fitsItsContainer, launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * The DPO's two questions, on the demo data: a worker goes through their caseload, their day
 * and their calendar, which show their clients in lists; the DPO then finds those reads under
 * one client, named by person code, and under the worker. Checked with the keyboard and axe,
 * photographed at desktop and phone width in French and German.
 */

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const worker = { id: '', email: `intervenant@${DEMO_DOMAIN}`, name: 'Samir Intervenant' }
const dpoEmail = `dpo@${DEMO_DOMAIN}`
/** The demo worker's judicial case (Julien Dupont): on the caseload, today in My day and in the calendar. */
const julien = { personCode: '', caseCode: '' }
const LIST_READS = ['accompaniment.listed', 'my_day.viewed', 'calendar.viewed']

beforeAll(async () => {
  server = await startServer({ demo: true })
  // The demo accounts and their casework, as `npm start` seeds them on a first start.
  await seedDemo(server.services)
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const db = server.services.db
  worker.id = (await db.selectFrom('users').select('id').where('email', '=', worker.email).executeTakeFirstOrThrow()).id
  const first = await db
    .selectFrom('accompaniment_workers as w')
    .innerJoin('accompaniments as a', 'a.id', 'w.accompaniment_id')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .select(['p.code as personCode', 'a.code as caseCode', 'a.framework'])
    .where('w.user_id', '=', worker.id)
    .where('w.role', '=', 'primary')
    .orderBy('a.created_at')
    .limit(1)
    .executeTakeFirstOrThrow()
  expect(first.framework).toBe('judicial')
  Object.assign(julien, { personCode: first.personCode, caseCode: first.caseCode })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Signs in through the login form; demo accounts have no second factor, as in the other demo journeys. */
async function signInPage(email: string, viewport = { width: 1366, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport })).newPage()
  const problems = watchConsole(page)
  await page.goto(`${server.url}/login`)
  await page.getByTestId('login-email').fill(email)
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.keyboard.press('Enter')
  return { page, problems }
}

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor()
const rowsOf = (page: Page) => page.getByTestId('audit-table').locator('tbody tr')
const actionsShown = async (page: Page) => rowsOf(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))
const shot = async (page: Page, name: string) => {
  await settle(page)
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `dpo-${name}.png`), fullPage: true })
}

it('a worker reads their clients in lists: caseload, My day, calendar', async () => {
  const { page, problems } = await signInPage(worker.email)
  await h1(page, 'Ma journée')
  await page.getByText(julien.caseCode).first().waitFor()
  await page.getByRole('link', { name: 'Accompagnements' }).first().click()
  await h1(page, 'Mes accompagnements')
  await page.getByRole('link', { name: julien.caseCode }).first().waitFor()
  await page.getByRole('link', { name: 'Agenda' }).first().click()
  await h1(page, 'Mon agenda')
  await page.getByText(julien.caseCode).first().waitFor()
  expect(problems).toEqual([])
  await page.context().close()
})

it("the DPO finds those reads under the client's person code, then under the worker", async () => {
  const { page, problems } = await signInPage(dpoEmail)
  await page.getByRole('link', { name: "Journal d'audit" }).first().click()
  await h1(page, "Journal d'audit")
  await page.getByTestId('audit-table').waitFor()

  // Who read this person: the code typed as people write it, then the question, by keyboard.
  await page.getByTestId('audit-person-code').fill(julien.personCode.replace(/-/g, '').toLowerCase())
  await page.getByTestId('audit-who-read').focus()
  await page.keyboard.press('Enter')
  const summary = page.getByTestId('audit-summary')
  await expect.poll(() => summary.textContent()).toMatch(new RegExp(`consultations? de la personne ${julien.personCode}$`))
  await expect.poll(() => actionsShown(page)).toEqual(expect.arrayContaining(LIST_READS))
  const table = page.getByTestId('audit-table')
  for (const label of ['Liste des accompagnements consultée', '« Ma journée » consultée', 'Agenda consulté'])
    await table
      .getByRole('row', { name: new RegExp(`${worker.name}.*${label}.*${julien.personCode}`) })
      .first()
      .waitFor()
  // Every row shows the client's code, marked, and only reads are listed.
  const persons = await rowsOf(page).evaluateAll((rows) => rows.map((r) => r.querySelector('strong')?.textContent))
  expect(persons.every((code) => code === julien.personCode)).toBe(true)
  expect(new Set(await rowsOf(page).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind'))))).toEqual(new Set(['read']))
  // Codes, never names: the client's name appears nowhere on the DPO's screen.
  expect(await page.locator('main').textContent()).not.toMatch(/Julien|Dupont/)
  await expectNoAxeViolations(page, 'audit: who read this person')

  // A caseload entry names every client on the page; the rest of the codes open from a button.
  const caseloadRow = table.locator('tr[data-action="accompaniment.listed"]').first()
  const codes = caseloadRow.getByTestId('audit-persons').locator('li')
  expect(await codes.count()).toBe(3)
  await caseloadRow.getByRole('button', { expanded: false }).focus()
  await page.keyboard.press('Enter')
  await caseloadRow.getByRole('button', { expanded: true }).waitFor()
  expect(await codes.count()).toBeGreaterThan(3)
  expect(await caseloadRow.locator('td[data-column="context"]').textContent()).toBe(`${await codes.count()} personnes affichées`)

  // What did this user read: the user picked with the keyboard in the list of staff accounts.
  const actor = page.getByTestId('audit-actor')
  await actor.focus()
  await page.keyboard.type('Samir')
  await page.getByRole('option', { name: new RegExp(worker.name) }).waitFor()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect.poll(() => actor.inputValue()).toMatch(new RegExp(`^${worker.name}`))
  await page.getByTestId('audit-what-read').click()
  await expect.poll(() => summary.textContent()).toMatch(new RegExp(`consultations? par ${worker.name}$`))
  await expect.poll(() => actionsShown(page)).toEqual(expect.arrayContaining(LIST_READS))
  const actors = await rowsOf(page).evaluateAll((rows) => rows.map((r) => r.children[2]?.textContent ?? ''))
  expect(actors.every((a) => a.startsWith(worker.name))).toBe(true)
  expect(await page.getByTestId('audit-person-code').inputValue()).toBe('')
  await expectNoAxeViolations(page, 'audit: what did this user read')
  expect(problems).toEqual([])
  await page.context().close()
})

it('the answer reads well in French and German, at desktop and phone width', async () => {
  for (const [width, height, size] of [
    [1366, 900, 'desktop'],
    [390, 844, 'phone'],
  ] as const) {
    const { page, problems } = await signInPage(dpoEmail, { width, height })
    await page.waitForURL((u) => u.pathname !== '/login')
    for (const lang of ['fr', 'de'] as Language[]) {
      await chooseLanguage(page, server.url, lang)
      await page.goto(`${server.url}/audit`)
      await h1(page, tr(lang, 'audit.title'))
      await page.getByTestId('audit-person-code').fill(julien.personCode)
      await page.getByRole('button', { name: tr(lang, 'audit.questions.whoRead') }).click()
      await expect.poll(() => page.getByTestId('audit-summary').textContent()).toContain(julien.personCode)
      const table = page.getByTestId('audit-table')
      await table.locator('tr[data-action="my_day.viewed"]').first().waitFor()
      // Nothing scrolls sideways: eight columns where French has the room (about 900 px), five in
      // German (about 1,150 px needed) beside the side bar, and on a phone one block an entry.
      expect(await fitsItsContainer(table)).toBe(true)
      if (size === 'desktop') expect(await table.locator('thead th').count()).toBe(lang === 'fr' ? 8 : 5)
      else expect(await table.evaluate((t) => getComputedStyle(t).display)).toBe('block')
      await checkScreen(page, `audit who-read (${lang}, ${size})`, lang)
      await shot(page, `who-read-${lang}-${size}`)
    }
    expect(problems).toEqual([])
    await page.context().close()
  }
})

it('a filter that leaves only short entries draws the log as a table again, with no resize', async () => {
  // In German at 1,024 px the whole log is blocks: "Sensibilisierungsveranstaltungen" and the like
  // widen the action column past the card. The accounts' entries are short, so filtered to them the
  // log fits as a table of five columns, at once and not only after the window is resized.
  const { page, problems } = await signInPage(dpoEmail, { width: 1024, height: 900 })
  await page.waitForURL((u) => u.pathname !== '/login')
  await chooseLanguage(page, server.url, 'de')
  await page.goto(`${server.url}/audit`)
  await h1(page, tr('de', 'audit.title'))
  const table = page.getByTestId('audit-table')
  const region = page.getByRole('region', { name: tr('de', 'audit.caption') })
  await table.locator('tbody tr').first().waitFor()
  await expect.poll(() => region.getAttribute('class')).toContain('table-stacked')
  await page.getByTestId('audit-kind').click()
  await page.getByRole('option', { name: tr('de', 'audit.kinds.account'), exact: true }).click()
  await page.getByRole('button', { name: tr('de', 'audit.apply'), exact: true }).click()
  await expect.poll(() => region.getAttribute('class')).not.toContain('table-stacked')
  expect(await table.locator('thead th').count()).toBe(5)
  expect(await table.evaluate((t) => getComputedStyle(t).display)).toBe('table')
  expect(await fitsItsContainer(table)).toBe(true)
  await expectNoAxeViolations(page, 'audit log filtered to accounts (de, 1,024 px)')
  expect(problems).toEqual([])
  await page.context().close()
})
