import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { consent, draft, newCase, organisation, partnerOf } from '../server/modules/referrals/referral-world.fixture'
import { type Agent, json } from '../server/test/harness'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { shotsAtTwoWidths } from './shots'
import { launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer } from './support'

/**
 * Orientation straight from the contact point: a mother calls, no case is opened, she wants family
 * support and agrees that a partner calls her back. The worker who took the call records her oral
 * consent on the contact, drafts and sends the referral; the partner sees her name, when to reach
 * her and the summary, and not the worker's notes of the call. Then the same screens in Dutch.
 * Axe on every step.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let worker: Agent & { userId: string; email: string }
let partner: Agent & { userId: string; email: string }
let contactId = ''
let team = ''
let org: { id: string; serviceId: string }
const ORG = 'Maison des Familles'
const CALLER = { name: 'Nadia Berrada', phone: '0470 12 34 56', email: null, reach: 'le soir, après 18 h' }
const SUMMARY = 'Une mère demande un soutien familial; son fils de 16 ans s’isole'

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  team = await server.team('Équipe Liège')
  worker = await server.as(['worker'], { teamIds: [team] })
  const lead = await server.as(['lead'], { teamIds: [team] })
  org = await organisation(lead, ORG)
  partner = (await partnerOf(server, org.id)) as Agent & { userId: string; email: string }
  const call = await worker.post('/api/contacts', {
    channel: 'phone',
    occurredAt: new Date().toISOString(),
    durationMinutes: 20,
    callerKind: 'relative',
    caller: CALLER,
    personDescription: 'Son fils passe ses nuits sur des chaînes radicales',
    themes: [],
    summary: 'Mère très inquiète depuis la rentrée',
  })
  expect(call.statusCode, call.body).toBe(201)
  contactId = json<{ id: string }>(call).id
  const final = await worker.post(`/api/contacts/${contactId}/finalise`, {}, { 'if-match': '"1"' })
  expect(final.statusCode, final.body).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('records the caller’s consent on the contact, sends the referral, and the partner sees only what she agreed to', async () => {
  const w = await signedInPage(browser, server.url, worker.email)
  await w.page.goto(`${server.url}/contacts/${contactId}`)
  const section = w.page.getByRole('region', { name: tr('fr', 'referrals.title') })
  await section.getByText(tr('fr', 'referrals.fromContact.help')).waitFor()
  await section.getByText(tr('fr', 'referrals.consent.empty')).waitFor()
  await checkScreen(w.page, 'contact with its orientation section (fr)', 'fr')

  // 1. Her oral consent: the choices are the caller's, and there is no signed form to attach here.
  await section.getByRole('button', { name: tr('fr', 'referrals.consent.recordOne') }).click()
  let dialog = w.page.getByRole('dialog')
  await dialog.getByLabel(tr('fr', 'referrals.consent.organisation'), { exact: true }).fill('Familles')
  await w.page.getByRole('option', { name: ORG, exact: true }).click()
  await dialog.getByLabel(tr('fr', 'referrals.consent.purpose'), { exact: true }).fill('Soutien familial')
  expect(await dialog.getByRole('checkbox').count()).toBe(3)
  expect(await dialog.getByRole('checkbox', { name: tr('fr', 'referrals.fields.plan_goals') }).count()).toBe(0)
  await dialog.getByRole('checkbox', { name: tr('fr', 'referrals.callerFields.identity') }).check()
  await dialog.getByRole('checkbox', { name: tr('fr', 'referrals.callerFields.contact_details') }).check()
  await checkScreen(w.page, 'consent form on a contact (fr)', 'fr')
  await dialog.getByRole('button', { name: tr('fr', 'referrals.consent.record') }).click()
  await dialog.waitFor({ state: 'detached' })
  await section.getByTestId('consent').getByText(tr('fr', 'referrals.consent.active')).waitFor()

  // 2. The referral, sharing her name, when to reach her, her number and the summary.
  await section.getByRole('button', { name: tr('fr', 'referrals.new') }).click()
  dialog = w.page.getByRole('dialog')
  await dialog.getByLabel(tr('fr', 'referrals.form.service'), { exact: true }).fill('Familles')
  await w.page.getByRole('option', { name: `${ORG} — Consultations` }).click()
  await dialog.getByLabel(tr('fr', 'referrals.form.reason'), { exact: true }).fill('Soutien à la famille')
  await dialog.getByRole('textbox', { name: tr('fr', 'referrals.form.summary') }).fill(SUMMARY)
  await dialog.getByRole('checkbox', { name: tr('fr', 'referrals.callerFields.identity') }).check()
  await dialog.getByRole('checkbox', { name: tr('fr', 'referrals.callerFields.contact_details') }).check()
  await checkScreen(w.page, 'referral form on a contact (fr)', 'fr')
  await dialog.getByRole('button', { name: tr('fr', 'referrals.form.create') }).click()
  await dialog.waitFor({ state: 'detached' })
  const referral = section.getByTestId('referral')
  await referral.getByRole('button', { name: tr('fr', 'referrals.send.send') }).click()
  await referral.getByTestId('referral-status').getByText(tr('fr', 'referrals.status.sent')).waitFor()
  await checkScreen(w.page, 'referral sent from a contact (fr)', 'fr')
  await shotsAtTwoWidths(w.page, SCREENSHOTS, 'contact-referral-fr')

  // 3. The partner: her name, when to reach her, her number, the summary; not the worker's notes.
  const p = await signedInPage(browser, server.url, partner.email)
  await p.page.goto(`${server.url}/portal`)
  await p.page.getByTestId('portal-referral').getByRole('link').click()
  const copy = p.page.getByTestId('portal-copy')
  await copy.getByText(SUMMARY).waitFor()
  await copy.getByText(CALLER.name).waitFor()
  await copy.getByText(CALLER.reach).waitFor()
  await copy.getByText(CALLER.phone).waitFor()
  expect(await p.page.getByText('Mère très inquiète').count()).toBe(0)
  expect(await p.page.getByText('chaînes radicales').count()).toBe(0)
  await checkScreen(p.page, 'contact referral seen by the partner (fr)', 'fr')
  await p.page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, 'contact-referral-partner-fr.png'), fullPage: true })

  // 4. In Dutch, the worker's section reads in Dutch and passes axe.
  await chooseLanguage(w.page, server.url, 'nl')
  await w.page.goto(`${server.url}/contacts/${contactId}`)
  const nl = w.page.getByRole('region', { name: tr('nl', 'referrals.title') })
  await nl.getByText(tr('nl', 'referrals.fromContact.help')).waitFor()
  await nl.getByTestId('referral').getByTestId('referral-status').getByText(tr('nl', 'referrals.status.sent')).waitFor()
  await checkScreen(w.page, 'contact with a referral (nl)', 'nl')
  await shotsAtTwoWidths(w.page, SCREENSHOTS, 'contact-referral-nl')

  // 5. The contact is linked to a case later: the case lists the referral too, as the line's, to
  // be managed on the contact, in Dutch then in French.
  const { caseId } = await newCase(worker, team)
  const { version } = json<{ version: number }>(await worker.get(`/api/contacts/${contactId}`))
  const linked = await worker.post(`/api/contacts/${contactId}/link`, { accompanimentId: caseId }, { 'if-match': `"${version}"` })
  expect(linked.statusCode, linked.body).toBe(200)
  for (const lang of ['nl', 'fr'] as const) {
    await chooseLanguage(w.page, server.url, lang)
    await w.page.goto(`${server.url}/accompaniments/${caseId}`)
    const onCase = w.page.getByRole('region', { name: tr(lang, 'referrals.title') })
    const card = onCase.locator('[data-testid="referral"][data-from-contact]')
    await card.getByText(tr(lang, 'referrals.fromContact.onCase')).waitFor()
    await card.getByTestId('referral-status').getByText(tr(lang, 'referrals.status.sent')).waitFor()
    expect(await card.getByRole('button', { name: tr(lang, 'referrals.stop') }).count()).toBe(0)
    // The caller's fields, as on the contact.
    await card.getByText(tr(lang, 'referrals.callerFields.identity'), { exact: false }).waitFor()
    // So does the consent it went under: the case no longer says it has none above it.
    const consent = onCase.locator('[data-testid="consent"][data-from-contact]')
    await consent.getByText(tr(lang, 'referrals.fromContact.consentOnCase')).waitFor()
    await consent.getByText(tr(lang, 'referrals.callerFields.identity'), { exact: false }).waitFor()
    expect(await consent.getByRole('button', { name: tr(lang, 'referrals.consent.withdraw') }).count()).toBe(0)
    expect(await onCase.getByText(tr(lang, 'referrals.consent.empty')).count()).toBe(0)
    await checkScreen(w.page, `case listing a referral from its contact (${lang})`, lang)
    await shotsAtTwoWidths(w.page, SCREENSHOTS, `case-contact-referral-${lang}`)
  }
  // 6. A draft of the case's own to the same partner: the line's consent is listed above it but
  // not offered to send it (the server would refuse it); once the case records its own, that one is.
  await draft(worker, caseId, org, ['summary'])
  await w.page.reload()
  const caseDraft = w.page
    .getByRole('region', { name: tr('fr', 'referrals.title') })
    .locator('[data-testid="referral"]:not([data-from-contact])')
  await caseDraft.getByText(tr('fr', 'referrals.send.noConsent')).waitFor()
  await consent(worker, caseId, org.id, ['summary'], { purpose: 'Soutien familial pour le dossier' })
  await w.page.reload()
  const pick = caseDraft.getByLabel(tr('fr', 'referrals.send.consent'))
  await pick.waitFor()
  // The case's own consent, the only one usable, is chosen already; the line's is not among the choices.
  expect(await pick.inputValue()).toContain('Soutien familial pour le dossier')
  await pick.click()
  const options = w.page.getByRole('option')
  await expect.poll(() => options.count()).toBe(1)
  expect(await options.first().textContent()).toContain('Soutien familial pour le dossier')
  await w.page.keyboard.press('Escape')
  await w.page
    .getByRole('region', { name: tr('fr', 'referrals.title') })
    .locator('[data-testid="referral"][data-from-contact]')
    .getByRole('link', { name: tr('fr', 'referrals.fromContact.open') })
    .click()
  await w.page.waitForURL(`${server.url}/contacts/${contactId}`)
  expect(w.problems).toEqual([])
  expect(p.problems).toEqual([])
})
