import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { json } from '../server/test/harness'
import { checkScreen, chooseLanguage, signIn, tr } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * Issue 12, journey 2: a worker asks to close a case that still has an open task and a planned
 * session; the lead decides from the dashboard, in the case's own closure dialog, reading the
 * outcome, the written reason and the warnings, hands the task over, cancels the session and
 * approves. The case is closed, its history says what became of the task and the session, and
 * the worker's bell counts the "closure decided" notice. In French and Dutch, on a desktop and
 * on a phone, with axe at each step.
 */
const SHOTS = '/tmp/shots-8'
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
type Signed = Awaited<ReturnType<Awaited<ReturnType<typeof startServer>>['as']>>
let team = ''
let intake: Signed
let lead: Signed
const DAY = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
  team = await server.team('Équipe Mons')
  intake = await server.as(['intake'], { teamIds: [team] })
  lead = await server.as(['lead'], { teamIds: [team] })
  // The colleague the lead hands the open task to.
  const colleague = await server.user(['worker'], { teamIds: [team] })
  await rename(colleague.id, 'Marc Dubois')
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const rename = (id: string, name: string) =>
  server.services.db.updateTable('users').set({ display_name: name }).where('id', '=', id).execute()

async function pageAs(email: string, lang: Language, width: number): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport: { width, height: 900 } })
  await signIn(context, server.url, email)
  const page = await context.newPage()
  const problems = watchConsole(page)
  await chooseLanguage(page, server.url, lang)
  return { page, problems }
}

/** The worker's case, with an open task and a planned session. */
async function caseWithOpenWork(worker: Signed, lastName: string) {
  const person = json<{ id: string }>(await intake.post('/api/persons', { firstName: 'Samir', lastName, birthYear: 1998 }))
  const res = await intake.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(res.statusCode, res.body).toBe(201)
  const id = json<{ id: string }>(res).id
  const assigned = await lead.post(`/api/accompaniments/${id}/assign`, { primaryWorkerId: worker.userId }, { 'if-match': '"1"' })
  expect(assigned.statusCode, assigned.body).toBe(200)
  const task = await worker.post(`/api/accompaniments/${id}/tasks`, {
    title: 'Transmettre le dossier scolaire',
    dueDate: isoDay(Date.now() + 10 * DAY),
  })
  expect(task.statusCode, task.body).toBe(201)
  const session = await worker.post(`/api/accompaniments/${id}/sessions`, {
    status: 'planned',
    modality: 'office',
    startsAt: new Date(Date.now() + 5 * DAY).toISOString(),
  })
  expect(session.statusCode, session.body).toBe(201)
  return { id, code: json<{ code: string }>(assigned).code }
}

const plural = (lang: Language, key: string, vars: Record<string, string>) =>
  Object.entries(vars).reduce((s, [k, v]) => s.replace(`{{${k}}}`, v), tr(lang, key))

it.each([
  ['fr', 1280],
  ['fr', 390],
  ['nl', 1280],
  ['nl', 390],
] as const)('in %s at %i px, the lead decides a closure from the dashboard with what is still open', async (lang, width) => {
  const where = `${lang}, ${width}`
  const size = width < 600 ? 'phone' : 'desktop'
  const worker = await server.as(['worker'], { teamIds: [team] })
  await rename(worker.userId, 'Claire Martin')
  const c = await caseWithOpenWork(worker, `Journey${lang}${width}`)
  const reason = 'Emploi stable depuis six mois, la personne souhaite arrêter le suivi.'

  // The worker asks to close the case, with an outcome and a written reason.
  const asWorker = await pageAs(worker.email, lang, width)
  let page = asWorker.page
  await page.goto(`${server.url}/accompaniments/${c.id}`)
  await page.getByTestId('move-request_closure').click()
  const ask = page.getByRole('dialog')
  await ask.getByLabel(tr(lang, 'lifecycle.outcomeLabel'), { exact: true }).click()
  await page.getByRole('option', { name: tr(lang, 'lifecycle.outcome.goals_reached') }).click()
  await ask.getByLabel(tr(lang, 'lifecycle.reason')).fill(reason)
  await checkScreen(page, `closure request (${where})`, lang)
  await ask.getByRole('button', { name: tr(lang, 'lifecycle.submit.request_closure') }).click()
  await ask.waitFor({ state: 'detached' })
  await page.getByText(tr(lang, 'accompaniment.status.closing')).first().waitFor()
  const unreadBefore = json<{ unread: number }>(await worker.get('/api/notifications')).unread

  // The lead first sees the same dialog from the case page (photographed), then decides from the dashboard.
  const asLead = await pageAs(lead.email, lang, width)
  page = asLead.page
  await page.goto(`${server.url}/accompaniments/${c.id}`)
  await page.getByTestId('move-approve_closure').click()
  await page.getByRole('dialog').getByTestId('closure-open-tasks').waitFor()
  await checkScreen(page, `closure dialog from the case (${where})`, lang)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/closure-dialog-case-${lang}-${size}.png` })
  await page
    .getByRole('dialog')
    .getByRole('button', { name: tr(lang, 'common.cancel') })
    .click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })

  await page.goto(`${server.url}/dashboard`)
  const closures = page.getByTestId('dashboard-closures')
  await closures.getByText(c.code).waitFor()
  await checkScreen(page, `dashboard with a closure to decide (${where})`, lang)
  await closures.getByRole('button', { name: plural(lang, 'dashboard.approveOne', { code: c.code }) }).click()
  const dialog = page.getByRole('dialog')
  const context = dialog.getByTestId('closure-context')
  await context.getByText(tr(lang, 'lifecycle.outcome.goals_reached'), { exact: false }).first().waitFor()
  await expect.poll(() => dialog.getByTestId('closure-reason').textContent()).toBe(reason)
  await dialog.getByTestId('closure-warning').waitFor()
  await expect.poll(() => dialog.getByTestId('closure-open-tasks').textContent()).toContain('Transmettre le dossier scolaire')
  await expect.poll(() => dialog.getByTestId('closure-planned-sessions').getByRole('listitem').count()).toBe(1)
  await checkScreen(page, `closure dialog from the dashboard (${where})`, lang)

  // The task goes to a colleague, the planned session is cancelled.
  const tasksChoice = dialog.getByRole('radiogroup', { name: tr(lang, 'closure.choice.openTasks') })
  await tasksChoice.getByRole('radio', { name: tr(lang, 'closure.followUp.hand_over') }).check()
  const sessionsChoice = dialog.getByRole('radiogroup', { name: tr(lang, 'closure.choice.plannedSessions') })
  await sessionsChoice.getByRole('radio', { name: tr(lang, 'closure.followUp.cancel') }).check()
  await dialog.getByLabel(tr(lang, 'closure.handOverTo'), { exact: true }).click()
  await page.getByRole('option', { name: 'Marc Dubois' }).click()
  await checkScreen(page, `closure dialog, hand-over chosen (${where})`, lang)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/closure-dialog-dashboard-${lang}-${size}.png` })
  await dialog.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/closure-dialog-dashboard-${lang}-${size}-dialog.png` })
  await dialog.getByRole('button', { name: tr(lang, 'lifecycle.submit.approve_closure') }).click()
  await dialog.waitFor({ state: 'detached' })
  await closures.getByText(tr(lang, 'dashboard.noClosures')).waitFor()

  // The case is closed; its history says what became of the task and the session.
  await page.goto(`${server.url}/accompaniments/${c.id}`)
  await page.getByText(tr(lang, 'accompaniment.status.closed')).first().waitFor()
  const followUps = page.getByTestId('timeline').getByTestId('closure-follow-ups')
  await expect
    .poll(() => followUps.textContent())
    .toBe(
      [
        plural(lang, 'history.closed.tasksHandedOver_one', { count: '1', name: 'Marc Dubois' }),
        plural(lang, 'history.closed.sessionsCancelled_one', { count: '1' }),
      ].join(' · '),
    )
  await checkScreen(page, `closed case with its history (${where})`, lang)
  const tasks = json<{ items: { title: string; status: string; assigneeName?: string | null; assigneeId: string }[] }>(
    await lead.get(`/api/accompaniments/${c.id}/tasks`),
  ).items
  expect(tasks.map((task) => [task.title, task.status, task.assigneeId === worker.userId])).toEqual([
    ['Transmettre le dossier scolaire', 'open', false],
  ])

  // The worker's bell counts the decision.
  const unreadAfter = json<{ unread: number }>(await worker.get('/api/notifications')).unread
  expect(unreadAfter).toBe(unreadBefore + 1)
  page = asWorker.page
  await page.goto(`${server.url}/my-day`)
  const bell = page.getByTestId('notifications-bell')
  await expect
    .poll(() => bell.getAttribute('aria-label'))
    .toBe(plural(lang, `notifications.menu_${unreadAfter === 1 ? 'one' : 'other'}`, { count: String(unreadAfter) }))
  // On a phone the bell is in the menu, behind the burger.
  if (size === 'phone') await page.getByRole('button', { name: tr(lang, 'nav.open') }).click()
  await bell.click()
  await page
    .getByTestId('notification')
    .filter({ hasText: plural(lang, 'notifications.event.closure_approved', { reference: c.code }) })
    .waitFor()
  await checkScreen(page, `worker's bell with the decision (${where})`, lang)
  expect([...asWorker.problems, ...asLead.problems], 'console problems').toEqual([])
  await asWorker.page.context().close()
  await asLead.page.context().close()
})
