import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json } from '../server/test/harness'
import { checkScreen, signedInPage, tr } from './i18n-checks'
import { launchBrowser, startServer } from './support'

/**
 * How a referral starts, in French: a worker records a sharing resting on a legal basis from the
 * DPO's list, with the signed form attached (a PDF), sees both on the consent, then starts a
 * referral from the partner directory's "refer to this service" and lands on the case's referral
 * form with the service chosen. Axe on every step.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let worker: Agent & { userId: string; email: string }
let caseCode = ''
let caseId = ''
let basisLabel = ''
const ORG = 'Maison Horizon'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  const team = await server.team('Équipe Liège')
  worker = await server.as(['worker'], { teamIds: [team] })
  const lead = await server.as(['lead'], { teamIds: [team] })
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
  const person = json<{ id: string }>(await worker.post('/api/persons', { firstName: 'Inès', lastName: 'Orientée' }))
  const res = await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(res.statusCode, res.body).toBe(201)
  caseId = json<{ id: string; code: string }>(res).id
  caseCode = json<{ id: string; code: string }>(res).code
  const bases = json<{ items: { active: boolean; label: { fr: string } }[] }>(await worker.get('/api/legal-bases')).items
  basisLabel = bases.find((b) => b.active)!.label.fr
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('a legal basis from the DPO’s list and the signed form; then "refer to this service" from the directory', async () => {
  const w = await signedInPage(browser, server.url, worker.email)
  await w.page.goto(`${server.url}/accompaniments/${caseId}`)
  await w.page.getByText(tr('fr', 'referrals.consent.empty')).waitFor()
  await w.page.getByRole('button', { name: tr('fr', 'referrals.consent.recordOne') }).click()
  const dialog = w.page.getByRole('dialog')
  await dialog.getByLabel(tr('fr', 'referrals.consent.organisation'), { exact: true }).fill('Horizon')
  await w.page.getByRole('option', { name: ORG, exact: true }).click()
  await dialog.getByRole('radio', { name: tr('fr', 'referrals.consent.basisLegal') }).check()
  // Sent without a basis: the field says what is missing, in French.
  await dialog.getByLabel(tr('fr', 'referrals.consent.purpose'), { exact: true }).fill('Mandat du juge de la jeunesse')
  await dialog.getByRole('button', { name: tr('fr', 'referrals.consent.record') }).click()
  await dialog.getByText(tr('fr', 'referrals.errors.legal_basis_required')).waitFor()
  await dialog.getByRole('combobox', { name: tr('fr', 'referrals.consent.legalBasis'), exact: true }).click()
  await w.page.getByRole('option', { name: basisLabel }).click()
  await dialog.getByLabel(tr('fr', 'referrals.consent.how'), { exact: true }).click()
  await w.page.getByRole('option', { name: tr('fr', 'referrals.ways.signed_form') }).click()
  const chooser = w.page.waitForEvent('filechooser')
  await dialog.getByLabel(tr('fr', 'referrals.consent.signedForm'), { exact: true }).click()
  await (await chooser).setFiles({ name: 'accord-signe.pdf', mimeType: 'application/pdf', buffer: PDF })
  await dialog.getByText('accord-signe.pdf').waitFor()
  await checkScreen(w.page, 'consent form with a legal basis and its signed form', 'fr')
  await dialog.getByRole('button', { name: tr('fr', 'referrals.consent.record') }).click()
  await dialog.waitFor({ state: 'detached' })
  const consent = w.page.getByTestId('consent')
  await consent.getByText(basisLabel).waitFor()
  const link = consent.getByTestId('consent-form-link')
  await link.waitFor()
  const download = await w.page.request.get(`${server.url}${await link.getAttribute('href')}`)
  expect(download.status()).toBe(200)
  expect(Buffer.from(await download.body()).equals(PDF)).toBe(true)
  await checkScreen(w.page, 'consent with its legal basis and signed form', 'fr')

  // From the directory: the service's result opens the chosen case's referral form, service chosen.
  await w.page.goto(`${server.url}/partners?q=Consultations`)
  await w.page
    .getByRole('button', { name: tr('fr', 'referrals.referTo.action') })
    .first()
    .click()
  const pick = w.page.getByRole('dialog')
  await pick.getByTestId('refer-to-case').click()
  await w.page.getByRole('option', { name: new RegExp(caseCode) }).click()
  await checkScreen(w.page, 'refer to this service: choosing the case', 'fr')
  await pick.getByRole('button', { name: tr('fr', 'referrals.referTo.open') }).click()
  await w.page.waitForURL(new RegExp(`/accompaniments/${caseId}`))
  const form = w.page.getByRole('dialog')
  await expect.poll(() => form.getByLabel(tr('fr', 'referrals.form.service'), { exact: true }).inputValue()).toBe(`${ORG} — Consultations`)
  await checkScreen(w.page, 'referral form with the service chosen', 'fr')
  expect(w.problems).toEqual([])
})
