import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { shotsAtTwoWidths } from './shots'
import { launchBrowser, startServer } from './support'

/**
 * Retention (GDPR art. 5(1)(e)), in French and in Dutch, from the DPO's screen: a term set for
 * closed voluntary cases with its legal reason; the dry run counts the two cases it makes due; one
 * is kept under a legal hold (an ongoing procedure); the run proposed takes the other, is
 * approved after a confirmation, and its report gives counts; the person of the erased case is
 * gone and the held one is still there.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = '/tmp/shots-retention'
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

it.each(['fr', 'nl'] as Language[])('the DPO sets a term, holds one case, and runs retention on the other (%s)', async (lang) => {
  const team = await server.team(`Équipe conservation ${lang}`)
  const worker = await server.user(['worker'], { teamIds: [team] })
  const lead = await server.user(['lead'], { teamIds: [team] })
  const dpo = await server.user(['dpo'])
  const asWorker = await signedInPage(browser, server.url, worker.email)
  const asLead = await signedInPage(browser, server.url, lead.email)
  const asDpo = await signedInPage(browser, server.url, dpo.email)
  await chooseLanguage(asDpo.page, server.url, lang)
  const send = async (page: Page, url: string, data: object, version?: number) => {
    const res = await page.request.post(`${server.url}${url}`, {
      data,
      headers: version === undefined ? headers : { ...headers, 'if-match': `"${version}"` },
    })
    expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300)
    return (await res.json()) as { id: string; code: string; version: number }
  }
  // Two voluntary cases, worked on and closed with the lead's approval.
  const closedCase = async (lastName: string) => {
    const person = await send(asWorker.page, '/api/persons', { firstName: 'Wenceslas', lastName })
    const opened = await send(asWorker.page, '/api/accompaniments', {
      kind: 'concerned',
      personId: person.id,
      teamId: team,
      framework: { framework: 'voluntary' },
    })
    const asked = await send(
      asWorker.page,
      `/api/accompaniments/${opened.id}/closure`,
      { outcome: 'goals_reached', reason: 'Objectifs atteints' },
      opened.version,
    )
    await send(asLead.page, `/api/accompaniments/${opened.id}/closure/decision`, { approve: true }, asked.version)
    return { person, code: opened.code }
  }
  const due = await closedCase(`Conservationa${lang}`)
  const held = await closedCase(`Conservationb${lang}`)

  // The page, from the navigation.
  const page = asDpo.page
  await page.goto(`${server.url}/audit`)
  await page.getByRole('link', { name: tr(lang, 'nav.retention') }).click()
  await page.getByRole('heading', { level: 1, name: tr(lang, 'retention.title') }).waitFor()
  await checkScreen(page, `retention ${lang}`, lang)

  // A term for closed voluntary cases: none here, so that this journey's cases are due today.
  const schedule = page.getByTestId('schedule-case_voluntary')
  await schedule.getByLabel(tr(lang, 'retention.schedules.months')).fill('0')
  await schedule.getByLabel(tr(lang, 'retention.schedules.legalReason')).fill('Politique du service : fin de la mission')
  await schedule.getByRole('button', { name: new RegExp(tr(lang, 'retention.kinds.case_voluntary')) }).click()
  await page.getByTestId('schedule-case_voluntary').getByRole('status').waitFor()

  // The dry run counts both cases among the closed voluntary cases due (the demo's past year has
  // more: the French run takes those too, so the Dutch one finds its two alone).
  const dueTable = page.getByTestId('retention-due')
  const voluntary = dueTable.getByRole('row', { name: new RegExp(tr(lang, 'retention.kinds.case_voluntary')) })
  const cell = async (n: number) => Number((await voluntary.getByRole('cell').nth(n).textContent())?.trim())
  await expect.poll(() => cell(0)).toBeGreaterThanOrEqual(2)
  const dueBefore = await cell(0)
  // The French run's held case stays held in the Dutch one.
  const heldBefore = await cell(1)
  expect(heldBefore).toBe(lang === 'nl' ? 1 : 0)
  if (lang === 'nl') expect(dueBefore).toBe(2)
  await checkScreen(page, `retention dry run ${lang}`, lang)
  await shots(page, `dry-run-${lang}`)

  // An ongoing procedure: the second case is held, with a reason and a review date.
  const review = new Date(Date.now() + 180 * 86_400_000).toISOString().slice(0, 10)
  await page.getByLabel(tr(lang, 'retention.holds.caseCode')).fill(held.code)
  await page.getByLabel(tr(lang, 'retention.holds.reviewOn')).fill(review.split('-').reverse().join('/'))
  await page.getByLabel(tr(lang, 'retention.holds.reason')).fill('Procédure pénale en cours')
  await page.getByRole('button', { name: tr(lang, 'retention.holds.place') }).click()
  await page.getByTestId(`hold-${held.code}`).waitFor()
  await expect.poll(() => cell(1)).toBe(heldBefore + 1)
  expect(await cell(0)).toBe(dueBefore - 1)
  await checkScreen(page, `retention hold ${lang}`, lang)

  // The run: proposed, confirmed, carried out; its report has counts only.
  await page.getByRole('button', { name: tr(lang, 'retention.runs.propose') }).click()
  const proposed = page.getByTestId('run-proposed')
  await proposed.waitFor()
  await proposed.getByRole('button', { name: tr(lang, 'retention.runs.approve') }).click()
  await checkScreen(page, `retention confirm ${lang}`, lang)
  await proposed.getByRole('button', { name: tr(lang, 'common.confirm') }).click()
  const report = page.getByTestId('run-executed').first().getByTestId('retention-report')
  await report.waitFor()
  const row = report.getByRole('row', { name: new RegExp(tr(lang, 'retention.kinds.case_voluntary')) })
  expect((await row.getByRole('cell').first().textContent())?.trim()).toBe(String(dueBefore - 1))
  expect(await report.textContent()).not.toContain('Conservation')
  await checkScreen(page, `retention report ${lang}`, lang)
  await shots(page, `report-${lang}`)

  // The erased person is gone for the worker; the held one is still there.
  expect((await asWorker.page.request.get(`${server.url}/api/persons/${due.person.id}`)).status()).toBeGreaterThanOrEqual(400)
  expect((await asWorker.page.request.get(`${server.url}/api/persons/${held.person.id}`)).status()).toBe(200)
  expect(asDpo.problems).toEqual([])
})
