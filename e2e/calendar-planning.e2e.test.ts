import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { type Agent, json } from '../server/test/harness'
import { checkScreen, chooseLanguage, settle, signIn, tr } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * Planning from the calendar and the lead's team view (issue 12), in French and Dutch, on a
 * desktop and a phone: a worker plans a session with the keyboard and sees it in the week; their
 * lead switches to the team view and sees it with the worker's name. Axe on every step.
 */
const SHOTS = '/tmp/shots-calendar-planning'
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let lead: Agent & { userId: string; email: string }
let worker: Agent & { userId: string; email: string }
const WORKER_NAME = 'Anaïs Lambert'
let caseCode = ''

const DAY = 86_400_000
/** A day some weeks ahead, as typed (dd/mm/yyyy, in Brussels): each run plans in a week of its own. */
const typedDay = (daysAhead: number) =>
  new Intl.DateTimeFormat('fr-BE', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(Date.now() + daysAhead * DAY),
  )

/** Today's weekday in Brussels, Monday 0 to Sunday 6. */
const brusselsWeekday = () =>
  ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', weekday: 'short' }).format(new Date()),
  )

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
  const team = await server.team('Équipe Namur')
  const intake = await server.as(['intake'], { teamIds: [team] })
  lead = await server.as(['lead'], { teamIds: [team] })
  worker = await server.as(['worker'], { teamIds: [team] })
  await server.services.db.updateTable('users').set({ display_name: WORKER_NAME }).where('id', '=', worker.userId).execute()
  const person = json<{ id: string }>(await intake.post('/api/persons', { firstName: 'Yasmine', lastName: 'Benali', birthYear: 2001 }))
  const created = await intake.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(created.statusCode, created.body).toBe(201)
  const id = json<{ id: string }>(created).id
  const assigned = await lead.post(`/api/accompaniments/${id}/assign`, { primaryWorkerId: worker.userId }, { 'if-match': '"1"' })
  expect(assigned.statusCode, assigned.body).toBe(200)
  caseCode = json<{ code: string }>(assigned).code
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** The header's privacy toggle; on a phone it sits in the menu, behind the burger. */
async function privacyScreen(page: Page, lang: Language, phone: boolean, on: boolean) {
  if (phone) await page.getByRole('button', { name: tr(lang, 'nav.open') }).click()
  const toggle = page.getByTestId('privacy-screen')
  await (on ? toggle.check() : toggle.uncheck())
  if (phone) await page.getByRole('button', { name: tr(lang, 'nav.close') }).click()
}

async function pageAs(email: string, lang: Language, width: number): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport: { width, height: 900 } })
  await signIn(context, server.url, email)
  const page = await context.newPage()
  await chooseLanguage(page, server.url, lang)
  return { page, problems: watchConsole(page) }
}

const shot = async (page: Page, name: string) => {
  await settle(page)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/${name}.png`, fullPage: true })
}
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName)

const RUNS: { lang: Language; width: number; device: string; daysAhead: number; hours: string }[] = [
  { lang: 'fr', width: 1280, device: 'desktop', daysAhead: 15, hours: '14' },
  { lang: 'nl', width: 1280, device: 'desktop', daysAhead: 29, hours: '10' },
  { lang: 'fr', width: 390, device: 'phone', daysAhead: 43, hours: '15' },
  { lang: 'nl', width: 390, device: 'phone', daysAhead: 57, hours: '11' },
]

it.each(RUNS)('$lang on a $device: a worker plans a session by keyboard; the lead sees it in the team view', async (run) => {
  const { lang, device } = run
  const name = `${lang}-${device}`
  const time = `${run.hours}:30`

  // The worker plans a session from the calendar, with the keyboard only.
  const asWorker = await pageAs(worker.email, lang, run.width)
  const page = asWorker.page
  await page.goto(`${server.url}/calendar`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'calendar.title') }).waitFor()
  // A worker has no team view.
  expect(await page.getByTestId('calendar-scope').count()).toBe(0)
  // The day's own button is for wide screens; the page's button is everywhere.
  expect(await page.getByTestId('calendar-day-plan').first().isVisible()).toBe(device === 'desktop')
  await checkScreen(page, `${name} worker calendar`, lang)
  await page.getByTestId('calendar-plan').focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: tr(lang, 'calendarPlanning.plan') })
  await dialog.waitFor()

  // Saved with nothing chosen: each missing field says so.
  await dialog.getByTestId('plan-session-save').focus()
  await page.keyboard.press('Enter')
  await dialog.getByText(tr(lang, 'validation.required')).first().waitFor()
  const caseField = dialog.getByTestId('plan-session-case')
  expect(await caseField.getAttribute('aria-invalid')).toBe('true')
  await checkScreen(page, `${name} plan dialog with errors`, lang)

  // The case: typed by its code, chosen with the arrow keys; it reads code and client.
  await caseField.focus()
  await page.keyboard.type(caseCode.slice(0, 6))
  await dialog.getByRole('option', { name: `${caseCode} · Yasmine Benali` }).waitFor()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect.poll(() => caseField.inputValue()).toBe(`${caseCode} · Yasmine Benali`)
  await page.keyboard.press('Tab')
  const date = dialog.getByTestId('plan-session-date')
  await expect.poll(() => date.evaluate((el) => el === document.activeElement)).toBe(true)
  await page.keyboard.type(typedDay(run.daysAhead))
  await page.keyboard.press('Escape')
  await dialog.getByLabel(tr(lang, 'dateField.hoursOf').replace('{{label}}', tr(lang, 'calendarPlanning.time')), { exact: true }).focus()
  await page.keyboard.type(run.hours)
  await dialog.getByLabel(tr(lang, 'dateField.minutesOf').replace('{{label}}', tr(lang, 'calendarPlanning.time')), { exact: true }).focus()
  await page.keyboard.type('30')
  await dialog.getByLabel(tr(lang, 'sessions.place')).focus()
  await page.keyboard.type('Maison de quartier')
  await checkScreen(page, `${name} plan dialog filled`, lang)
  await shot(page, `${name}-plan-dialog`)
  await page.keyboard.press('Enter')
  await dialog.waitFor({ state: 'detached' })
  // The focus is back on the button that opened the dialog, and the week shown is the session's.
  await expect.poll(() => focused(page)).toBe('calendar-plan')
  const planned = page.getByTestId('calendar-session').filter({ hasText: caseCode }).filter({ hasText: time })
  await planned.waitFor()
  await planned.getByText('Yasmine Benali').waitFor()
  expect(await planned.getByTestId('calendar-session-worker').count()).toBe(0)
  await checkScreen(page, `${name} worker calendar with the new session`, lang)
  await shot(page, `${name}-worker-week`)

  // Behind the privacy screen, the dialog shows the client's initials beside the code; Escape
  // closes it and gives the focus back.
  await privacyScreen(page, lang, run.width < 600, true)
  await planned.getByText('Y. B.').waitFor()
  await page.getByTestId('calendar-plan').focus()
  await page.keyboard.press('Enter')
  await dialog.waitFor()
  await caseField.focus()
  await page.keyboard.press('ArrowDown')
  await dialog.getByRole('option', { name: `${caseCode} · Y. B.` }).waitFor()
  expect(await dialog.getByText('Yasmine Benali').count()).toBe(0)
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  await expect.poll(() => focused(page)).toBe('calendar-plan')
  await privacyScreen(page, lang, run.width < 600, false)
  await planned.getByText('Yasmine Benali').waitFor()
  expect(asWorker.problems, 'console problems (worker)').toEqual([])
  await page.context().close()

  // The lead: their own week, then the team's, where the session shows with its worker.
  const asLead = await pageAs(lead.email, lang, run.width)
  const lp = asLead.page
  await lp.goto(`${server.url}/calendar`)
  await lp.getByRole('heading', { level: 1, name: tr(lang, 'calendar.title') }).waitFor()
  await lp.getByRole('radio', { name: tr(lang, 'calendarPlanning.mine') }).focus()
  await lp.keyboard.press('ArrowRight')
  await lp.getByRole('heading', { level: 1, name: tr(lang, 'calendarPlanning.teamTitle') }).waitFor()
  // To the session's week, with the week buttons.
  // Counted from today's weekday in Brussels, as the calendar's weeks are: from 23:00 UTC on a
  // Sunday (or midnight in summer) Brussels is already in the next week.
  const weeks = Math.floor((run.daysAhead + brusselsWeekday()) / 7)
  for (let i = 0; i < weeks; i++) {
    const before = await lp.getByTestId('calendar-range').textContent()
    await lp.getByTestId('calendar-next').focus()
    await lp.keyboard.press('Enter')
    await expect.poll(() => lp.getByTestId('calendar-range').textContent()).not.toBe(before)
  }
  const seen = lp.getByTestId('calendar-session').filter({ hasText: caseCode }).filter({ hasText: time })
  await seen.waitFor()
  await seen.getByTestId('calendar-session-worker').getByText(WORKER_NAME, { exact: true }).waitFor()
  await seen.getByText('Yasmine Benali').waitFor()
  await checkScreen(lp, `${name} lead team view`, lang)
  await shot(lp, `${name}-lead-team`)

  // Narrowed to the worker, the session stays; the lead's own calendar does not hold it.
  await lp.getByTestId('calendar-worker').click()
  await lp.getByRole('option', { name: WORKER_NAME }).click()
  await seen.waitFor()
  await checkScreen(lp, `${name} lead team view, one worker`, lang)
  await lp.getByRole('radio', { name: tr(lang, 'calendarPlanning.team') }).focus()
  await lp.keyboard.press('ArrowLeft')
  await lp.getByRole('heading', { level: 1, name: tr(lang, 'calendar.title') }).waitFor()
  await lp.getByTestId('calendar-empty').waitFor()
  expect(asLead.problems, 'console problems (lead)').toEqual([])
  await lp.context().close()
})
