import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { type Agent, json } from '../server/test/harness'
import { checkScreen, chooseLanguage, settle, signedInPage, tr } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer } from './support'

/**
 * The contact point on My day: the intake officer on duty opens My day, sees the emergency
 * waiting for a lead and the call-back due (late), and calls back from there; in Dutch, the lead
 * on duty acknowledges the emergency from My day by keyboard. The clock starts on a Wednesday at
 * 10:30 in Brussels (the morning half-day) and runs on from there, so that a run near midnight or
 * 13:00 cannot put "today" or the half-day on the other side of the boundary.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let lead: Agent & { userId: string }
let slotVersion = 0
const SHOTS = process.env.PARCOURS_SHOTS_DIR
const TODAY = '2026-12-02'
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` })
const CALL = { channel: 'phone', occurredAt: '2026-11-30T09:15:00.000Z', callerKind: 'relative', summary: 'Appel', urgency: 'week' }
const DANGER = { urgency: { worker: 'within_week' }, violence_intent: { worker: 'high' }, access_means: { worker: 'moderate' } }

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-02T09:30:00Z'), shouldAdvanceTime: true })
  // Demo mode signs staff in without a second factor (the harness seeds no demo data).
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  lead = await server.as(['lead'])
  // Logged by a colleague at the desk: an emergency, and a call-back promised for yesterday.
  const desk = await server.as(['intake'])
  const caller = (name: string, phone: string) => ({ ...CALL, caller: { name, phone, email: null, reach: null } })
  const danger = json(await desk.post('/api/contacts', caller('Samira Haddad', '0470 10 20 30')))
  const triaged = await desk.post(`/api/contacts/${danger.id}/triage`, { answers: DANGER }, ifMatch(1))
  expect(triaged.statusCode, triaged.body).toBe(200)
  const late = json(await desk.post('/api/contacts', caller('Luc Peeters', '0471 40 50 60')))
  const final = json(await desk.post(`/api/contacts/${late.id}/finalise`, undefined, ifMatch(1)))
  const cb = await desk.post(`/api/contacts/${late.id}/callback`, { dueDate: '2026-12-01' }, ifMatch(final.version))
  expect(cb.statusCode, cb.body).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  vi.useRealTimers()
})

async function onDuty(userId: string) {
  const res = await lead.put(`/api/duty/rota/${TODAY}/am`, { userId }, ifMatch(slotVersion))
  expect(res.statusCode, res.body).toBe(200)
  slotVersion = json(res).version
}

async function shots(page: Page, name: string) {
  const dir = SHOTS ?? '/tmp/parcours-shots'
  fs.mkdirSync(dir, { recursive: true })
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${dir}/${name}-desktop.png`, fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.reload({ waitUntil: 'networkidle' })
  await settle(page)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${dir}/${name}-phone.png`, fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.reload({ waitUntil: 'networkidle' })
}

it('the intake officer on duty sees the emergency and the late call-back on My day, and calls back from there', async () => {
  const officer = await server.user(['intake'])
  const { page, problems } = await signedInPage(browser, server.url, officer.email)
  // Not on duty yet: My day has no contact point.
  await page.goto(`${server.url}/`)
  await page.getByRole('link', { name: tr('fr', 'nav.myDay') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'myDay.title') }).waitFor()
  await page.getByRole('heading', { name: tr('fr', 'myDay.sessions') }).waitFor()
  expect(await page.getByTestId('my-day-contacts').count()).toBe(0)

  await onDuty(officer.id)
  await page.reload()
  const section = page.getByTestId('my-day-contacts')
  await section.getByRole('heading', { name: tr('fr', 'myDayContacts.title') }).waitFor()
  const danger = page.getByTestId('my-day-danger')
  await danger.getByText(/Samira Haddad/).waitFor()
  // Intake does not acknowledge: it says a lead will.
  await danger.getByText(tr('fr', 'contactQueue.waitingLead')).waitFor()
  expect(await danger.getByRole('button', { name: tr('fr', 'contactQueue.acknowledge') }).count()).toBe(0)
  const callbacks = page.getByTestId('my-day-callbacks')
  const late = callbacks.getByRole('listitem').filter({ hasText: 'Luc Peeters' })
  await late.getByText(tr('fr', 'myDayContacts.late')).waitFor()
  await checkScreen(page, 'my day on duty (fr)', 'fr')
  await shots(page, 'my-day-on-duty-fr')

  // Call back now: a new outgoing call answering Luc Peeters' contact, finalised.
  await late.getByTestId('call-back-now').click()
  await page.getByTestId('contact-answers').waitFor()
  await expect.poll(() => page.getByRole('radio', { name: tr('fr', 'contacts.directions.outgoing') }).isChecked()).toBe(true)
  await page.getByLabel(tr('fr', 'contacts.summary')).fill('Rappelé : il viendra nous voir jeudi.')
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/)
  // The address changes first; the saved draft's own page follows (its status says "draft").
  await page.getByTestId('contact-status').getByText(tr('fr', 'contacts.statuses.draft')).waitFor()
  await page.getByRole('button', { name: tr('fr', 'contacts.finalise') }).click()
  await page.getByTestId('contact-status').getByText(tr('fr', 'contacts.statuses.final')).waitFor()

  // Back on My day: Luc Peeters is called back; the emergency's own call-back (due today) remains.
  await page.getByRole('link', { name: tr('fr', 'nav.myDay') }).click()
  await section.waitFor()
  await callbacks.getByText(/Samira Haddad/).waitFor()
  // My day shows what it last knew while it asks again: the list catches up, it is not wrong.
  await expect.poll(() => callbacks.getByText('Luc Peeters').count()).toBe(0)
  expect(problems).toEqual([])
})

it('in Dutch, the lead on duty acknowledges the emergency from My day by keyboard', async () => {
  const onDutyLead = await server.user(['lead'])
  await onDuty(onDutyLead.id)
  const { page, problems } = await signedInPage(browser, server.url, onDutyLead.email)
  await chooseLanguage(page, server.url, 'nl')
  await page.goto(`${server.url}/my-day`)
  const danger = page.getByTestId('my-day-danger')
  await danger.getByText(/Samira Haddad/).waitFor()
  await checkScreen(page, 'my day on duty (nl)', 'nl')
  await shots(page, 'my-day-on-duty-nl')
  await danger.getByRole('button', { name: tr('nl', 'contactQueue.acknowledge') }).focus()
  await page.keyboard.press('Enter')
  await danger.waitFor({ state: 'detached' })
  await page.getByTestId('my-day-contacts').getByText(tr('nl', 'myDayContacts.noDanger')).waitFor()
  expect(problems).toEqual([])
})
