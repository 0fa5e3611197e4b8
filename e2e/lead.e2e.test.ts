import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LANGUAGES, type Language } from '../common/roles'
import { type Agent, json } from '../server/test/harness'
import { checkScreen, chooseLanguage, settle, signIn, tr } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * The lead's dashboard, the worker's week and the report to the mandating authority: each
 * screen used with the keyboard where it matters, and checked with axe in four languages.
 */

const SHOTS = '/tmp/shots'
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let lead: Agent & { userId: string; email: string }
let worker: Agent & { userId: string; email: string }
const cases = { judicial: { id: '', code: '' }, closing: { id: '', code: '' }, unassigned: { id: '', code: '' } }

const DAY = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)
/**
 * Monday of the current week in Brussels, as 00:00 UTC of that date: sessions placed from there fall
 * in the week the browser (in Brussels) shows. Taken from the UTC date, the week was the one before
 * between Sunday 22:00 or 23:00 UTC and midnight, when Brussels is already on Monday.
 */
const monday = (() => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date())
  const d = Date.parse(`${today}T00:00:00Z`)
  return d - ((new Date(d).getUTCDay() + 6) % 7) * DAY
})()
const at = (dayOffset: number, hhmm: string) => new Date(monday + dayOffset * DAY + Date.parse(`1970-01-01T${hhmm}:00Z`)).toISOString()
const SECRET_NOTE = 'Parle longuement de son frère et de la mosquée'

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })

  const team = await server.team('Équipe Liège')
  const intake = await server.as(['intake'], { teamIds: [team] })
  lead = await server.as(['lead'], { teamIds: [team] })
  worker = await server.as(['worker'], { teamIds: [team] })

  const open = async (firstName: string, lastName: string, extra: Record<string, unknown> = {}, assign = true) => {
    const person = json<{ id: string }>(await intake.post('/api/persons', { firstName, lastName, birthYear: 1999 }))
    const res = await intake.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team, ...extra })
    expect(res.statusCode, res.body).toBe(201)
    const id = json<{ id: string }>(res).id
    if (assign) {
      const assigned = await lead.post(`/api/accompaniments/${id}/assign`, { primaryWorkerId: worker.userId }, { 'if-match': '"1"' })
      expect(assigned.statusCode, assigned.body).toBe(200)
    }
    return { id, code: json<{ code: string }>(await lead.get(`/api/accompaniments/${id}`)).code }
  }

  cases.judicial = await open('Inès', 'Haddad', {
    framework: {
      framework: 'judicial',
      measure: 'conditional_release',
      authorityKind: 'justice_house',
      authority: 'AJ Martin, Liège',
      conditions: 'Suivre un accompagnement',
      mandateStart: isoDay(Date.now() - 90 * DAY),
      mandateEnd: isoDay(Date.now() + 20 * DAY),
    },
  })
  cases.closing = await open('Julien', 'Dupont')
  cases.unassigned = await open('Youssef', 'Aït Saïd', {}, false)

  const closure = await worker.post(
    `/api/accompaniments/${cases.closing.id}/closure`,
    { outcome: 'goals_reached', reason: 'Emploi stable' },
    { 'if-match': '"2"' },
  )
  expect(closure.statusCode, closure.body).toBe(200)
  const task = await worker.post(`/api/accompaniments/${cases.judicial.id}/tasks`, {
    title: 'Appeler la maison de justice',
    dueDate: isoDay(Date.now() - 3 * DAY),
  })
  expect(task.statusCode, task.body).toBe(201)

  const session = async (body: Record<string, unknown>) => {
    const res = await worker.post(`/api/accompaniments/${cases.judicial.id}/sessions`, { modality: 'office', ...body })
    expect(res.statusCode, res.body).toBe(201)
  }
  // A held session cannot be in the future: on a Monday morning before 09:00 UTC it takes place a
  // minute ago, still this week in Brussels (an hour or two ahead of UTC).
  const heldAt = new Date(Math.min(Date.parse(at(0, '09:00')), Date.now() - 60_000)).toISOString()
  await session({ status: 'held', startsAt: heldAt, attendance: 'present', notes: SECRET_NOTE })
  await session({ status: 'planned', startsAt: at(2, '13:30'), durationMinutes: 45, modality: 'video' })
  await session({ status: 'cancelled', startsAt: at(3, '08:30'), modality: 'phone' })
  await session({ status: 'planned', startsAt: at(8, '10:00'), modality: 'home_visit' })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function pageAs(email: string, viewport = { width: 1366, height: 900 }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport })
  await signIn(context, server.url, email)
  const page = await context.newPage()
  return { page, problems: watchConsole(page) }
}

const shot = async (page: Page, name: string) => {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/lead-${name}.png`, fullPage: true })
}
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor()

/** Loads the screen in each language and checks it; the French one is photographed. */
async function inEveryLanguage(page: Page, name: string, open: (lang: Language) => Promise<void>) {
  for (const lang of LANGUAGES) {
    await chooseLanguage(page, server.url, lang)
    await open(lang)
    await checkScreen(page, `${name} (${lang})`, lang)
    if (lang === 'fr') await shot(page, name)
  }
  await chooseLanguage(page, server.url, 'fr')
}

it('the lead reads the team at a glance and approves a closure from the dashboard', async () => {
  const { page, problems } = await pageAs(lead.email)
  await inEveryLanguage(page, 'dashboard', async (lang) => {
    await page.goto(`${server.url}/dashboard`)
    await h1(page, tr(lang, 'dashboard.title'))
    await page.getByTestId('dashboard-closures').getByText(cases.closing.code).waitFor()
  })

  await page.goto(`${server.url}/`)
  await page.getByRole('link', { name: 'Tableau de bord' }).click()
  await h1(page, "Tableau de bord de l'équipe")
  // Each chart is drawn, and its numbers are also in a table next to it.
  const status = page.getByTestId('dashboard-status')
  await status.locator('svg').first().waitFor()
  await status.getByRole('row', { name: /Clôture demandée 1/ }).waitFor()
  await page
    .getByTestId('dashboard-workers')
    .getByRole('row', { name: /\b2\s+1$/ })
    .waitFor()
  await page.getByTestId('dashboard-unassigned').getByRole('link', { name: cases.unassigned.code }).waitFor()
  await page.getByTestId('dashboard-overdue').getByRole('link', { name: cases.judicial.code }).waitFor()
  await page.getByTestId('dashboard-mandates').getByRole('link', { name: cases.judicial.code }).waitFor()
  // The client's name beside the code (issue 12): the lead knows whose task is late.
  await page.getByTestId('dashboard-overdue').getByText('Inès Haddad').waitFor()

  // Refusing needs a reason; approving does not.
  const closures = page.getByTestId('dashboard-closures')
  await closures.getByRole('button', { name: `Refuser la clôture du dossier ${cases.closing.code}` }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Refuser' }).click()
  await page.getByRole('dialog').getByText('Ce champ est obligatoire.').waitFor()
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })

  await closures.getByRole('button', { name: `Approuver la clôture du dossier ${cases.closing.code}` }).click()
  await page.getByRole('dialog').getByLabel('Remarque').fill('Objectifs atteints, relais vers le CPAS')
  await shot(page, 'dashboard-decision')
  await page.getByRole('dialog').getByRole('button', { name: 'Approuver' }).click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })
  await closures.getByText('Aucune demande de clôture en attente.').waitFor()
  expect(json<{ status: string }>(await lead.get(`/api/accompaniments/${cases.closing.id}`)).status).toBe('closed')

  // On a phone, the charts and their tables stack and nothing scrolls sideways.
  const narrow = await pageAs(lead.email, { width: 400, height: 860 })
  await narrow.page.goto(`${server.url}/dashboard`)
  await narrow.page.getByTestId('dashboard-status').locator('svg').first().waitFor()
  expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400)
  await shot(narrow.page, 'dashboard-narrow')
  // Beside the side bar at 1,024 px, in German (the longest words), each headline figure's words
  // stay inside its card: five in a row cut "Zuzuweisende" and "entscheidende" by 15-17 px.
  const laptop = await pageAs(lead.email, { width: 1024, height: 800 })
  await chooseLanguage(laptop.page, server.url, 'de')
  await laptop.page.goto(`${server.url}/dashboard`)
  const figures = laptop.page.getByTestId('dashboard-figures')
  await figures.waitFor()
  const overflow = await figures.evaluate((grid) =>
    [...grid.children].map((card) => {
      const edge = card.getBoundingClientRect().right
      return Math.max(0, ...[...card.querySelectorAll('*')].map((e) => Math.round(e.getBoundingClientRect().right - edge)))
    }),
  )
  expect(overflow).toEqual([0, 0, 0, 0, 0])
  expect([...problems, ...narrow.problems, ...laptop.problems], 'console problems').toEqual([])
})

it('the worker reads the week and moves between weeks with the keyboard', async () => {
  const { page, problems } = await pageAs(worker.email)
  await inEveryLanguage(page, 'calendar', async (lang) => {
    await page.goto(`${server.url}/calendar`)
    await h1(page, tr(lang, 'calendar.title'))
    await expect.poll(() => page.getByTestId('calendar-session').count()).toBe(3)
  })

  await page.goto(`${server.url}/calendar`)
  await h1(page, 'Mon agenda')
  const sessions = page.getByTestId('calendar-session')
  await expect.poll(() => sessions.count()).toBe(3)
  // Cancelled says so in words, not only by its colour.
  await sessions.filter({ hasText: 'Annulé' }).filter({ hasText: 'Par téléphone' }).waitFor()
  await sessions.filter({ hasText: cases.judicial.code }).filter({ hasText: '45 minutes' }).waitFor()

  const range = page.getByTestId('calendar-range')
  const thisWeek = await range.textContent()
  await page.getByTestId('calendar-next').focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => range.textContent()).not.toBe(thisWeek)
  await expect.poll(() => sessions.count()).toBe(1)
  await sessions.filter({ hasText: 'Visite à domicile' }).waitFor()
  await shot(page, 'calendar-next-week')
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Shift+Tab')
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('calendar-previous')
  await page.keyboard.press('Space')
  await expect.poll(() => range.textContent()).toBe(thisWeek)
  await page.keyboard.press('Enter')
  await expect.poll(() => sessions.count()).toBe(0)
  await page.getByTestId('calendar-empty').waitFor()
  await page.getByTestId('calendar-today').focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => range.textContent()).toBe(thisWeek)

  // A session is a link to its case, reached with Tab, which opens on the case's sessions.
  await sessions.first().focus()
  await page.keyboard.press('Enter')
  await page.waitForURL(`${server.url}/accompaniments/${cases.judicial.id}?tab=sessions`)
  await expect.poll(() => page.getByTestId('tab-sessions').getAttribute('aria-selected')).toBe('true')

  const narrow = await pageAs(worker.email, { width: 400, height: 860 })
  await narrow.page.goto(`${server.url}/calendar`)
  await h1(narrow.page, 'Mon agenda')
  await expect.poll(() => narrow.page.getByTestId('calendar-session').count()).toBe(3)
  await shot(narrow.page, 'calendar-narrow')
  expect([...problems, ...narrow.problems], 'console problems').toEqual([])
})

it('the worker records a report for the authority and opens its printable page, which holds no notes', async () => {
  const { page, problems } = await pageAs(worker.email)
  const openTab = async (lang: Language) => {
    await page.goto(`${server.url}/accompaniments/${cases.judicial.id}`)
    await page.getByTestId('tab-reports').click()
    await page.getByRole('heading', { name: tr(lang, 'reports.new') }).waitFor()
  }
  await openTab('fr')
  await page.getByRole('radio', { name: 'Engagement actif' }).check()
  await page.getByLabel("Commentaire pour l'autorité").fill('Se présente aux rendez-vous, ponctuel.')
  expect(await page.getByLabel('Destinataire').inputValue()).toBe('AJ Martin, Liège')
  await page.getByTestId('report-save').click()
  await page.getByTestId('reports').getByText('AJ Martin, Liège').waitFor()
  await page.getByTestId('report-made').waitFor()
  await shot(page, 'reports-tab')
  await inEveryLanguage(page, 'reports-tab', async (lang) => {
    await openTab(lang)
    await page.getByTestId('reports').waitFor()
  })

  await openTab('fr')
  await page
    .getByTestId('reports')
    .getByRole('link', { name: /^Version imprimable/ })
    .click()
  const sheet = page.getByTestId('report-sheet')
  await sheet.getByRole('heading', { name: "Rapport à l'autorité mandante" }).waitFor()
  await sheet
    .getByTestId('report-attendance')
    .getByRole('row', { name: /Présent\s*1/ })
    .waitFor()
  await sheet.getByText('Engagement actif').waitFor()
  await sheet.getByText('AJ Martin, Liège').waitFor()
  const text = (await sheet.textContent()) ?? ''
  expect(text).not.toContain(SECRET_NOTE)
  expect(text).not.toContain('Suivre un accompagnement')
  expect(text).not.toContain('Appeler la maison de justice')

  // The PDF link serves the same report.
  const href = await page.getByRole('link', { name: 'PDF' }).getAttribute('href')
  const pdf = await page.request.get(`${server.url}${href}`)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toContain('application/pdf')

  // On paper, only the report: no navigation, no buttons.
  await page.emulateMedia({ media: 'print' })
  expect(await page.getByRole('navigation').first().isVisible()).toBe(false)
  expect(await page.getByTestId('report-print').isVisible()).toBe(false)
  expect(await sheet.isVisible()).toBe(true)
  await settle(page)
  expect((await sheet.boundingBox())?.x).toBeLessThan(60)
  await shot(page, 'report-print-media')
  await page.emulateMedia({ media: 'screen' })

  // The page is in the report's language: one report per language, each checked in its own.
  for (const lang of LANGUAGES) {
    const res = await worker.post(`/api/accompaniments/${cases.judicial.id}/reports`, {
      periodFrom: isoDay(Date.now() - 60 * DAY),
      periodTo: isoDay(Date.now()),
      engagement: 'partial',
      recipient: 'AJ Martin, Liège',
      language: lang,
    })
    expect(res.statusCode, res.body).toBe(201)
    await chooseLanguage(page, server.url, lang)
    await page.goto(`${server.url}/accompaniments/${cases.judicial.id}/reports/${json<{ id: string }>(res).id}`)
    await sheet.getByRole('heading', { name: tr(lang, 'reports.sheet.title') }).waitFor()
    await expect.poll(() => sheet.getAttribute('lang')).toBe(lang)
    await checkScreen(page, `report page (${lang})`, lang)
    if (lang === 'fr') await shot(page, 'report-page')
  }
  expect(problems, 'console problems').toEqual([])
})
