import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json } from '../server/test/harness'
import { checkScreen, signedInPage, tr } from './i18n-checks'
import { launchBrowser, startServer } from './support'

/**
 * Orientation end to end in French: a worker records the mother's oral consent on a case, drafts
 * and sends a referral to a partner's service; the partner's staff member sees only that referral,
 * accepts it and writes feedback; the worker reads it, withdraws the consent, and the partner's
 * view is gone. Axe on every step.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let worker: Agent & { userId: string; email: string }
let partner: Agent & { userId: string; email: string }
let caseId = ''
const ORG = 'Maison Horizon'
const SUMMARY = 'Jeune en rupture avec un groupe, demande un soutien psychologique'
const FEEDBACK = 'Premier rendez-vous fixé au 12'

beforeAll(async () => {
  // Demo mode: accounts without a second factor sign in with their password alone.
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  const team = await server.team('Équipe Liège')
  worker = await server.as(['worker'], { teamIds: [team] })
  const lead = await server.as(['lead'], { teamIds: [team] })
  const admin = await server.as(['admin'])
  const org = await lead.post('/api/partners', {
    name: ORG,
    description: 'Consultations',
    audiences: ['young_people'],
    languages: ['fr'],
    referralEmail: 'orientations@horizon.example',
    contacts: [],
    services: [
      {
        name: 'Consultations',
        capacity: 'available',
        languages: ['fr'],
        needs: ['mental_health'],
        coverage: [{ level: 'postcode', code: '4000' }],
      },
    ],
  })
  expect(org.statusCode, org.body).toBe(201)
  // The partner account is attached to its organisation through the users admin API.
  partner = await server.as(['partner'])
  const user = json<{ version: number }>(await admin.get(`/api/users/${partner.userId}`))
  const attached = await admin.patch(
    `/api/users/${partner.userId}`,
    { organisationId: json<{ id: string }>(org).id },
    {
      'if-match': `"${user.version}"`,
    },
  )
  expect(attached.statusCode, attached.body).toBe(200)
  const person = json<{ id: string }>(
    await worker.post('/api/persons', { firstName: 'Inès', lastName: 'Orientée', phone: '+32 470 11 22 33' }),
  )
  const res = await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(res.statusCode, res.body).toBe(201)
  caseId = json<{ id: string }>(res).id
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('consent, referral, the partner accepts and answers, the consent is withdrawn and the partner loses the referral', async () => {
  // 1. The worker records the mother's oral consent for the summary and contact details (six months by default).
  const w = await signedInPage(browser, server.url, worker.email)
  await w.page.goto(`${server.url}/accompaniments/${caseId}`)
  await w.page.getByRole('heading', { name: tr('fr', 'referrals.title') }).waitFor()
  await w.page.getByText(tr('fr', 'referrals.consent.empty')).waitFor()
  await checkScreen(w.page, 'case with its orientation section', 'fr')
  await w.page.getByRole('button', { name: tr('fr', 'referrals.consent.recordOne') }).click()
  let dialog = w.page.getByRole('dialog')
  await dialog.getByLabel(tr('fr', 'referrals.consent.organisation'), { exact: true }).fill('Horizon')
  await w.page.getByRole('option', { name: ORG, exact: true }).click()
  await dialog.getByLabel(tr('fr', 'referrals.consent.purpose'), { exact: true }).fill('Suivi psychologique')
  await dialog.getByLabel(tr('fr', 'referrals.consent.givenBy'), { exact: true }).click()
  await w.page.getByRole('option', { name: tr('fr', 'referrals.givers.legal_representative') }).click()
  await dialog.getByRole('checkbox', { name: tr('fr', 'referrals.fields.contact_details') }).check()
  await checkScreen(w.page, 'consent form', 'fr')
  await dialog.getByRole('button', { name: tr('fr', 'referrals.consent.record') }).click()
  await dialog.waitFor({ state: 'detached' })
  const consent = w.page.getByTestId('consent')
  await consent.getByText(tr('fr', 'referrals.consent.active')).waitFor()
  await consent.getByText(/Oralement/).waitFor()

  // 2. A referral to the service, sharing the summary and the contact details, sent under that consent.
  await w.page.getByRole('button', { name: tr('fr', 'referrals.new') }).click()
  dialog = w.page.getByRole('dialog')
  await dialog.getByLabel(tr('fr', 'referrals.form.service'), { exact: true }).fill('Horizon')
  await w.page.getByRole('option', { name: `${ORG} — Consultations` }).click()
  await dialog.getByLabel(tr('fr', 'referrals.form.reason'), { exact: true }).fill('Angoisses depuis la rupture')
  await dialog.getByRole('textbox', { name: tr('fr', 'referrals.form.summary') }).fill(SUMMARY)
  await dialog.getByRole('checkbox', { name: tr('fr', 'referrals.fields.contact_details') }).check()
  await checkScreen(w.page, 'referral form', 'fr')
  await dialog.getByRole('button', { name: tr('fr', 'referrals.form.create') }).click()
  await dialog.waitFor({ state: 'detached' })
  const referral = w.page.getByTestId('referral')
  await referral.getByTestId('referral-status').getByText(tr('fr', 'referrals.status.draft')).waitFor()
  await checkScreen(w.page, 'draft referral', 'fr')
  await referral.getByRole('button', { name: tr('fr', 'referrals.send.send') }).click()
  await referral.getByTestId('referral-status').getByText(tr('fr', 'referrals.status.sent')).waitFor()
  await checkScreen(w.page, 'sent referral', 'fr')

  // 3. The partner: home is the portal, the nav holds nothing else, one referral, accepted, with feedback.
  const p = await signedInPage(browser, server.url, partner.email)
  await p.page.goto(`${server.url}/`)
  await p.page.waitForURL(/\/portal$/)
  const nav = p.page.getByRole('navigation').first()
  await nav.getByRole('link', { name: tr('fr', 'nav.portal') }).waitFor()
  expect(await nav.getByRole('link').count()).toBeLessThanOrEqual(4)
  expect(await nav.getByRole('link', { name: tr('fr', 'nav.accompaniments') }).count()).toBe(0)
  await expect.poll(() => p.page.getByTestId('portal-referral').count()).toBe(1)
  await checkScreen(p.page, 'partner portal', 'fr')
  await p.page.getByTestId('portal-referral').getByRole('link').click()
  const copy = p.page.getByTestId('portal-copy')
  await copy.getByText(SUMMARY).waitFor()
  await copy.getByText('+32 470 11 22 33').waitFor()
  expect(await copy.getByText('Orientée').count()).toBe(0)
  await checkScreen(p.page, 'referral seen by the partner', 'fr')
  await p.page.getByRole('button', { name: tr('fr', 'portal.accept') }).click()
  await p.page.getByTestId('referral-status').getByText(tr('fr', 'referrals.status.accepted')).waitFor()
  await p.page.getByLabel(tr('fr', 'referrals.feedback.note'), { exact: true }).fill(FEEDBACK)
  await p.page.getByRole('button', { name: tr('fr', 'referrals.feedback.send') }).click()
  await p.page.getByTestId('referral-feedback').getByText(FEEDBACK).waitFor()
  await checkScreen(p.page, 'accepted referral with feedback', 'fr')
  const referralUrl = p.page.url()

  // 4. The worker sees the feedback, then withdraws the consent.
  await w.page.reload()
  await w.page.getByTestId('referral').getByTestId('referral-status').getByText(tr('fr', 'referrals.status.accepted')).waitFor()
  await w.page.getByTestId('referral-feedback').getByText(FEEDBACK).waitFor()
  await w.page.getByRole('button', { name: tr('fr', 'referrals.consent.withdraw') }).click()
  await w.page.getByRole('button', { name: tr('fr', 'common.confirm') }).click()
  await w.page
    .getByTestId('consent')
    .getByText(/Retiré le/)
    .waitFor()
  await checkScreen(w.page, 'withdrawn consent', 'fr')
  expect(w.problems).toEqual([])

  // 5. The partner's view is gone: not listed, and its page is not found.
  await p.page.goto(`${server.url}/portal`)
  await p.page.getByText(tr('fr', 'portal.empty')).waitFor()
  await checkScreen(p.page, 'portal after withdrawal', 'fr')
  await p.page.goto(referralUrl)
  await p.page.getByRole('link', { name: tr('fr', 'portal.back') }).waitFor()
  await checkScreen(p.page, 'referral gone', 'fr')
})
