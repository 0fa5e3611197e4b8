import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import type { Agent } from '../server/test/harness'
import { closeCase, dateBack, holdSession, openCase, tableCells } from './cohort'
import { checkScreen, chooseLanguage, signIn, tr } from './i18n-checks'
import { launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * Issue 14: the lead reads their team's indicators for last year, in French then Dutch. Last
 * year holds 12 accompaniments of people concerned and 3 of relatives (so one cell is under the
 * threshold of 10 and one at least 10), 10 of them closed, and 3 sessions held: the tables show
 * the counts and "< 10" where the small-cell rule hides one; the presets are reached by Tab.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let lead: Agent & { userId: string; email: string }
let dpo: Agent & { userId: string; email: string }
const LAST_YEAR = new Date().getFullYear() - 1

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const team = await server.team('Équipe Bruxelles')
  const liege = await server.team('Équipe Liège')
  const worker = await server.as(['worker'], { teamIds: [team, liege] })
  lead = await server.as(['lead'], { teamIds: [team] })
  dpo = await server.as(['dpo'])
  const open = (kind: 'concerned' | 'relative', lastName: string, teamId = team) =>
    openCase(worker, teamId, kind, { firstName: 'Indicateur', lastName })
  const ids: string[] = []
  const review = async (id: string, takenOn: string, answers: object) => {
    const res = await worker.post(`/api/accompaniments/${id}/assessments`, { instrument: 'progress-review', takenOn, answers })
    expect(res.statusCode, res.body).toBe(201)
  }
  for (let i = 0; i < 12; i++) {
    const c = await open('concerned', `Volontaire${i}`)
    ids.push(c.id)
    // Progress: eleven housing scores up as the worker rates them; one family score down as the person does.
    if (i < 11) {
      await review(c.id, `${LAST_YEAR}-03-15`, { housing: { worker: 3 } })
      await review(c.id, `${LAST_YEAR}-05-15`, { housing: { worker: 6 } })
    } else {
      await review(c.id, `${LAST_YEAR}-03-15`, { family: { person: 7 } })
      await review(c.id, `${LAST_YEAR}-05-15`, { family: { person: 4 } })
    }
    // Sessions first: a closed case takes none.
    if (i < 3) await holdSession(worker, c.id, `${LAST_YEAR}-04-0${i + 1}T08:00:00.000Z`)
    if (i < 10) await closeCase(worker, lead, c)
  }
  for (let i = 0; i < 3; i++) ids.push((await open('relative', `Proche${i}`)).id)
  // This year, in Liège: counts large enough to be published and drawn.
  for (let i = 0; i < 20; i++) await open('concerned', `Liege${i}`, liege)
  for (let i = 0; i < 10; i++) await open('relative', `LiegeProche${i}`, liege)
  // The API dates a case by the clock: move these to last year, opened on 1 March and closed on
  // 1 June (92 days), as the cases of a year past would be.
  await dateBack(server.services.db, ids, LAST_YEAR)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function readLastYear(page: Page, lang: Language) {
  await page.goto(`${server.url}/indicators`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'indicators.title') }).waitFor()
  // The only team is chosen already; from its field, Tab reaches each preset in turn.
  const team = page.getByLabel(tr(lang, 'indicators.team'), { exact: true })
  await expect.poll(() => team.inputValue()).toBe('Équipe Bruxelles')
  await team.focus()
  await page.keyboard.press('Tab')
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(tr(lang, 'indicators.presets.this_year'))
  await page.keyboard.press('Tab')
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(tr(lang, 'indicators.presets.last_year'))
  await page.keyboard.press('Enter')
  await expect.poll(() => page.getByTestId('preset-last_year').getAttribute('aria-pressed')).toBe('true')
  await page.getByTestId('indicators-summary').getByText(String(LAST_YEAR)).first().waitFor()
}

async function shots(page: Page, lang: Language) {
  await checkScreen(page, `indicators (${lang})`, lang)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `indicators-${lang}-desktop.png`), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await checkScreen(page, `indicators (${lang}, phone)`, lang)
  // On a phone each cross table fits its card, totals in view (Dutch and German headings are long:
  // the progress tables show short ones there), and keeps its full headings for screen readers.
  const cut = await page
    .locator('.table-scroll:has(table.indicators-two-way)')
    .evaluateAll((regions) => regions.filter((r) => r.scrollWidth > r.clientWidth + 1).map((r) => r.querySelector('table')?.dataset.testid))
  expect(cut).toEqual([])
  await page
    .getByTestId('indicators-reviews-worker-table')
    .getByRole('columnheader', { name: tr(lang, 'indicators.change.worse'), exact: true })
    .waitFor()
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `indicators-${lang}-phone.png`), fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
}

it('the lead reads last year’s indicators of their team, small counts shown as "< 10", in French and Dutch', async () => {
  const context = await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
  await signIn(context, server.url, lead.email)
  const page = await context.newPage()
  const problems = watchConsole(page)

  await page.goto(`${server.url}/dashboard`)
  await page.getByRole('link', { name: tr('fr', 'nav.indicators') }).click()
  await readLastYear(page, 'fr')
  // Voluntary, judicial, total. The relatives' 3 cases are hidden, and what would give them back.
  await expect.poll(() => tableCells(page, 'indicators-opened', 'Proche')).toEqual(['< 10', '0', '< 10'])
  expect(await tableCells(page, 'indicators-opened', 'Personne concernée')).toEqual(['< 10', '0', '< 10'])
  expect(await tableCells(page, 'indicators-opened', 'Professionnel')).toEqual(['0', '0', '0'])
  expect(await tableCells(page, 'indicators-opened', 'Total')).toEqual(['15', '0', '15'])
  expect(await tableCells(page, 'indicators-active', 'Total')).toEqual(['15', '0', '15'])
  expect(await tableCells(page, 'indicators-closed', 'Objectifs atteints')).toEqual(['10'])
  expect(await tableCells(page, 'indicators-closed', 'Total')).toEqual(['10'])
  expect(await tableCells(page, 'indicators-sessions', 'Tenu')).toEqual(['< 10'])
  expect(await page.getByTestId('indicators-duration-figures').innerText()).toMatch(/10[\s\S]*92 jours/)
  await expect.poll(() => page.getByTestId('indicators-legend').innerText()).toContain('moins de 10')
  // A chart draws only published counts: where all are hidden or zero it says so, the table holds them.
  expect(await page.getByTestId('indicators-opened').getByTestId('chart-not-drawn').count()).toBe(1)
  expect(await page.getByTestId('indicators-closed').locator('svg.recharts-surface').count()).toBe(1)
  // Progress, from the facts written when the reviews were saved: improved, unchanged, worse, total.
  await page.getByRole('heading', { level: 2, name: tr('fr', 'indicators.progress') }).waitFor()
  expect(await tableCells(page, 'indicators-reviews-worker', 'Logement')).toEqual(['11', '0', '0', '11'])
  expect((await tableCells(page, 'indicators-reviews-person', 'Famille'))[2]).toBe('< 10')
  expect(await page.getByTestId('indicators-reviews-worker').locator('svg.recharts-surface').count()).toBe(1)
  await shots(page, 'fr')

  await chooseLanguage(page, server.url, 'nl')
  await readLastYear(page, 'nl')
  await expect.poll(() => tableCells(page, 'indicators-opened', 'Naaste')).toEqual(['< 10', '0', '< 10'])
  expect(await tableCells(page, 'indicators-opened', 'Totaal')).toEqual(['15', '0', '15'])
  expect(await tableCells(page, 'indicators-sessions', 'Gehouden')).toEqual(['< 10'])
  expect(await page.getByTestId('indicators-duration-figures').innerText()).toMatch(/92 dagen/)
  await page.getByRole('heading', { level: 2, name: tr('nl', 'indicators.progress') }).waitFor()
  expect(await tableCells(page, 'indicators-reviews-worker', 'Huisvesting')).toEqual(['11', '0', '0', '11'])
  expect(await tableCells(page, 'indicators-referral-results', 'Totaal')).toEqual(['0'])
  await shots(page, 'nl')
  // Counts only: no one's name on the page.
  expect(await page.content()).not.toContain('Volontaire')
  expect(problems).toEqual([])
})

it('the DPO, in no team, chooses any team and reads its counts this year, drawn and in tables, in English', async () => {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
  await signIn(context, server.url, dpo.email)
  const page = await context.newPage()
  const problems = watchConsole(page)
  await chooseLanguage(page, server.url, 'en')
  await page.goto(`${server.url}/indicators`)
  await page.getByRole('heading', { level: 1, name: tr('en', 'indicators.title') }).waitFor()
  await page.getByText(tr('en', 'indicators.pickTeam')).waitFor()
  // Every team is offered: the DPO belongs to none.
  const team = page.getByLabel(tr('en', 'indicators.team'), { exact: true })
  await team.click()
  await expect.poll(() => page.getByRole('option').allInnerTexts()).toEqual(['Équipe Bruxelles', 'Équipe Liège'])
  await page.getByRole('option', { name: 'Équipe Liège' }).click()
  // This year is the preset already chosen.
  expect(await page.getByTestId('preset-this_year').getAttribute('aria-pressed')).toBe('true')
  await expect.poll(() => tableCells(page, 'indicators-opened', 'Person concerned')).toEqual(['20', '0', '20'])
  expect(await tableCells(page, 'indicators-opened', 'Relative')).toEqual(['10', '0', '10'])
  expect(await tableCells(page, 'indicators-opened', 'Total')).toEqual(['30', '0', '30'])
  expect(await tableCells(page, 'indicators-active', 'Total')).toEqual(['30', '0', '30'])
  expect(await page.getByTestId('indicators-opened').locator('svg.recharts-surface').count()).toBe(1)
  // Nothing closed: no median to give.
  expect(await page.getByTestId('indicators-duration-figures').innerText()).toContain(tr('en', 'indicators.noneClosed'))
  await shots(page, 'en')
  expect(await page.content()).not.toContain('LiegeProche')
  expect(problems).toEqual([])
})
