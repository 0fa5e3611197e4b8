import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json } from '../server/test/harness'
import { checkScreen, chooseLanguage, settle, signIn, tr } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * The contact point at the desk: a worried mother calls, intake writes the call down as a draft
 * while talking, finalises it with a call-back; her second call shows the first; a case for her,
 * about her son, is opened from the contact. Axe and the translations are checked on each screen,
 * in French and Dutch.
 */

const SHOTS = '/tmp/shots'
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let intake: Agent & { userId: string; email: string }
let lead: Agent & { userId: string; email: string }
let mother = ''
let son = ''
const PHONE = '0470 12 34 56'

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
  const team = await server.team('Équipe Bruxelles')
  intake = await server.as(['intake'], { teamIds: [team] })
  lead = await server.as(['lead'], { teamIds: [team] })
  son = json<{ id: string }>(await intake.post('/api/persons', { firstName: 'Kevin', lastName: 'Verhaegen', birthYear: 2004 })).id
  mother = json<{ id: string }>(await intake.post('/api/persons', { firstName: 'Nadia', lastName: 'Verhaegen', birthYear: 1975 })).id
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function pageAs(email: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
  await signIn(context, server.url, email)
  const page = await context.newPage()
  return { page, problems: watchConsole(page) }
}
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor()

it('logs a call as a draft while talking, finalises it, recognises the second call and opens a case from it', async () => {
  const { page, problems } = await pageAs(intake.email)
  await page.goto(`${server.url}/`)
  await page.getByRole('link', { name: tr('fr', 'nav.contacts') }).click()
  await h1(page, tr('fr', 'contacts.title'))
  await page.getByRole('tab', { name: tr('fr', 'contacts.queue') }).waitFor()
  await checkScreen(page, 'contacts queue (fr)', 'fr')

  await page.getByRole('link', { name: tr('fr', 'contacts.new') }).click()
  await h1(page, tr('fr', 'contacts.newTitle'))
  await page.getByRole('radio', { name: tr('fr', 'contacts.kinds.relative') }).check()
  await page.getByRole('checkbox', { name: tr('fr', 'contacts.keepIdentity') }).check()
  await page.getByLabel(tr('fr', 'contacts.name'), { exact: true }).fill('Nadia')
  await page.getByLabel(tr('fr', 'contacts.phone'), { exact: true }).fill(PHONE)
  await page
    .getByLabel(tr('fr', 'contacts.summary'))
    .fill('Inquiète pour son fils, qui ne sort plus de sa chambre et regarde des vidéos violentes.')
  // The draft saves itself: the page moves to the contact's own address.
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/)
  await page.getByTestId('contact-status').getByText(tr('fr', 'contacts.statuses.draft')).waitFor()
  await checkScreen(page, 'contact draft (fr)', 'fr')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/contact-draft.png`, fullPage: true })

  await page.getByRole('combobox', { name: tr('fr', 'contacts.urgency'), exact: true }).click()
  await page.getByRole('option', { name: tr('fr', 'contacts.urgencies.48h') }).click()
  await page.getByRole('button', { name: tr('fr', 'contacts.finalise') }).click()
  await page.getByTestId('contact-status').getByText(tr('fr', 'contacts.statuses.final')).waitFor()
  const firstUrl = page.url()

  const due = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
  await page.getByLabel(tr('fr', 'contacts.callbackDate')).fill(due)
  await page.getByRole('button', { name: tr('fr', 'contacts.callbackSet') }).click()
  await page.getByTestId('callback-on').waitFor()
  await page.getByTestId('contact-history').waitFor()
  await checkScreen(page, 'final contact (fr)', 'fr')

  // The queue shows it: a call-back is due.
  await page.getByRole('link', { name: tr('fr', 'contacts.back') }).click()
  await page.getByTestId('contact-queue').getByText(tr('fr', 'contacts.urgencies.48h')).waitFor()

  // She calls again: the same number shows the first call.
  await page.getByRole('link', { name: tr('fr', 'contacts.new') }).click()
  await page.getByRole('radio', { name: tr('fr', 'contacts.kinds.relative') }).check()
  await page.getByRole('checkbox', { name: tr('fr', 'contacts.keepIdentity') }).check()
  await page.getByLabel(tr('fr', 'contacts.phone'), { exact: true }).fill('+32 470 12 34 56')
  const repeat = page.getByTestId('repeat-caller')
  await repeat.getByText(tr('fr', 'contacts.repeat.title_one').replace('{{count}}', '1')).waitFor()
  await repeat.getByRole('link').click()
  await page.waitForURL(firstUrl)

  // A case for the mother, about her son, opened from the first contact in one action.
  await page.getByLabel(tr('fr', 'contacts.caseClient')).fill('Nadia Verhaegen')
  await page.getByRole('option', { name: /Nadia Verhaegen/ }).click()
  await page.getByRole('link', { name: tr('fr', 'contacts.openCase') }).click()
  await h1(page, tr('fr', 'caseCreate.title'))
  await page.getByRole('radio', { name: tr('fr', 'accompaniment.kind.relative') }).check()
  await page.getByLabel(tr('fr', 'accompaniment.relationshipLabel')).click()
  await page.getByRole('option', { name: tr('fr', 'accompaniment.relationship.parent') }).click()
  await page.getByRole('radio', { name: tr('fr', 'accompaniment.concernedStatus.known') }).check()
  await page.getByLabel(tr('fr', 'caseCreateConcerned.label')).fill('Kevin Verhagen')
  await page.getByRole('option', { name: /Kevin Verhaegen/ }).click()
  await checkScreen(page, 'case from contact (fr)', 'fr')
  await page.getByRole('button', { name: tr('fr', 'caseCreate.submit') }).click()
  // Back on the contact, which now leads to the case; the case is the mother's, about her son.
  await page.waitForURL(firstUrl)
  // Intake hands the case to the team and does not read it: the contact says so, without a link.
  await page.getByTestId('contact-case').getByText(tr('fr', 'contacts.linkedCase')).waitFor()
  expect(await page.getByTestId('contact-case').getByRole('link').count()).toBe(0)
  const contactId = firstUrl.split('/').pop() as string
  const caseId = json<{ accompanimentId: string }>(await intake.get(`/api/contacts/${contactId}`)).accompanimentId
  const kase = json<{ personId: string; concernedPersonId: string | null }>(await lead.get(`/api/accompaniments/${caseId}`))
  expect(kase.personId).toBe(mother)
  expect(kase.concernedPersonId).toBe(son)
  await settle(page)
  expect(problems).toEqual([])
})

it('shows the contact screens in Dutch', async () => {
  const { page, problems } = await pageAs(intake.email)
  await chooseLanguage(page, server.url, 'nl')
  await page.goto(`${server.url}/contacts`)
  await h1(page, tr('nl', 'contacts.title'))
  await page.getByRole('tab', { name: tr('nl', 'contacts.all') }).click()
  await page.getByTestId('contact-list').waitFor()
  await checkScreen(page, 'contacts list (nl)', 'nl')
  await page.goto(`${server.url}/contacts/new`)
  await h1(page, tr('nl', 'contacts.newTitle'))
  await page.getByRole('radio', { name: tr('nl', 'contacts.kinds.professional') }).check()
  await page.getByLabel(tr('nl', 'contacts.sector')).waitFor()
  await checkScreen(page, 'new contact (nl)', 'nl')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/contact-new-nl.png`, fullPage: true })
  expect(problems).toEqual([])
})

it('shows the triage grid on a contact and, on immediate danger, the emergency path and the lead’s acknowledgement', async () => {
  const call = json<{ id: string }>(
    await intake.post('/api/contacts', { channel: 'phone', occurredAt: '2026-11-30T09:15:00.000Z', callerKind: 'relative' }),
  )
  const danger = { urgency: { worker: 'within_week' }, violence_intent: { worker: 'high' }, access_means: { worker: 'moderate' } }
  const triaged = await intake.post(`/api/contacts/${call.id}/triage`, { answers: danger }, { 'if-match': '"1"' })
  expect(triaged.statusCode, triaged.body).toBe(200)

  const { page, problems } = await pageAs(lead.email)
  await page.goto(`${server.url}/contacts/${call.id}`)
  await h1(page, tr('fr', 'contacts.editTitle'))
  await page.getByRole('heading', { name: tr('fr', 'contacts.triage.title') }).waitFor()
  await page.getByTestId('emergency-path').waitFor()
  await page.getByTestId('triage-outcome').waitFor()
  await settle(page)
  await checkScreen(page, 'contact in immediate danger (fr)', 'fr')
  await page.getByRole('button', { name: tr('fr', 'contacts.triage.acknowledge') }).click()
  await page.getByText(tr('fr', 'contacts.triage.dangerPending')).waitFor({ state: 'detached' })
  // Acknowledged: the emergency path stays in view while the contact is handled.
  await page.getByTestId('emergency-path').waitFor()
  expect(problems).toEqual([])
  await page.context().close()
})
