import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { FIXTURE_FILE } from '../server/modules/partners/fixtures/make-fixture'
import { codeFor } from '../server/security/mfa'
import { TEST_PASSWORD } from '../server/test/harness'
import { checkScreen, chooseLanguage, tr } from './i18n-checks'
import { attach, call, type MfaUser, mfaPage, mfaUser, type NetworkServer, startNetworkServer } from './referral-network-support'
import { launchBrowser, watchConsole } from './support'

/**
 * Issue 11's "Done means", whole, in French and in Dutch, axe and the translations on every step:
 * the admin imports the HSDS file of 30 Brussels/Walloon organisations through the admin screen;
 * a worker on a case searches near 4000 Liège for mental health in Arabic, picks the service,
 * records the mother's oral consent for the summary and the contact details for six months and
 * sends the referral; the partner's referral address receives an e-mail (a real SMTP server in
 * this process) that names nobody and quotes nothing; the partner's staff member follows its link,
 * signs in with the second factor, sees only that referral, accepts it and writes feedback; the
 * worker reads it and records the withdrawal of the consent; the partner's view is gone (the page
 * says so, the API answers 404). A member of another organisation sees nothing of it at any step.
 *
 * Each language has its own server, so that each import meets an empty directory.
 */
const TILLEULS = 'Centre de santé mentale Les Tilleuls'
const SERVICE = 'Consultations psychologiques'
const OTHER_ORG = 'Service de santé mentale Meuse-Ourthe'

const RUNS: {
  lang: Language
  first: string
  last: string
  phone: string
  reason: string
  summary: string
  feedback: string
  purpose: string
}[] = [
  {
    lang: 'fr',
    first: 'Inès',
    last: 'Orientée',
    phone: '+32 470 11 22 33',
    reason: 'Angoisses depuis la rupture avec le groupe',
    summary: 'Jeune en rupture avec un groupe, demande un soutien psychologique en arabe',
    feedback: 'Premier rendez-vous fixé au 12, avec une psychologue arabophone',
    purpose: 'Suivi psychologique',
  },
  {
    lang: 'nl',
    first: 'Noor',
    last: 'Doorverwezen',
    phone: '+32 470 44 55 66',
    reason: 'Angst sinds de breuk met de groep',
    summary: 'Jongere die met een groep gebroken heeft, vraagt psychologische steun in het Arabisch',
    feedback: 'Eerste afspraak op de 12de, met een Arabischsprekende psycholoog',
    purpose: 'Psychologische begeleiding',
  },
]

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** Today in Brussels plus `months`, as the consent form computes its default (a date's own overflow rules). */
function isoInMonths(months: number): string {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date()).split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1 + months, d)).toISOString().slice(0, 10)
}

describe.each(RUNS)('the referral network in $lang', (run) => {
  const L = run.lang
  const t = (key: string) => tr(L, key)
  let server: NetworkServer
  let admin: MfaUser
  let worker: MfaUser
  let partner: MfaUser
  let stranger: MfaUser
  let caseId = ''
  let team = ''

  beforeAll(async () => {
    server = await startNetworkServer()
    team = await server.team('Équipe Liège')
    admin = await mfaUser(server, ['admin'])
    worker = await mfaUser(server, ['worker'], [team])
    partner = await mfaUser(server, ['partner'])
    stranger = await mfaUser(server, ['partner'])
  })
  afterAll(async () => {
    await server?.stop()
  })

  /** The other organisation's member: nothing in the list, the referral's page and API not found. */
  async function strangerSeesNothing(page: Page, referralId: string, step: string, check = false) {
    await page.goto(`${server.url}/portal`)
    await page.getByText(t('portal.empty')).waitFor()
    if (check) await checkScreen(page, `other partner's portal, ${step} (${L})`, L)
    await page.goto(`${server.url}/portal/${referralId}`)
    await page.getByRole('heading', { level: 1, name: t('notFound.title') }).waitFor()
    if (check) await checkScreen(page, `other partner's direct link, ${step} (${L})`, L)
    expect((await call(page, 'GET', `${server.url}/api/partner/referrals`)).body.items, step).toEqual([])
    expect((await call(page, 'GET', `${server.url}/api/partner/referrals/${referralId}`)).status, step).toBe(404)
  }

  it('import, search, consent, referral, e-mail, the partner accepts and answers, withdrawal; another partner sees nothing', async () => {
    // 1. The admin imports the HSDS file through the admin screen, into an empty directory.
    const a = await mfaPage(browser, server, admin, L)
    await a.page.goto(`${server.url}/admin/partners`)
    await a.page.getByRole('heading', { level: 1, name: t('partners.hsds.title') }).waitFor()
    expect((await call(a.page, 'GET', `${server.url}/api/partners`)).body.items).toEqual([])
    await checkScreen(a.page, `HSDS import screen (${L})`, L)
    await a.page.locator('input[type="file"]').setInputFiles(fileURLToPath(FIXTURE_FILE))
    await a.page.getByRole('button', { name: t('partners.hsds.import') }).click()
    await a.page.getByTestId('hsds-imported').waitFor({ timeout: 30_000 })
    expect(await a.page.getByTestId('hsds-imported').textContent()).toMatch(/30\D+30\D+0\D/)
    await checkScreen(a.page, `HSDS imported (${L})`, L)
    const orgs = (await call(a.page, 'GET', `${server.url}/api/partners`)).body.items as {
      id: string
      name: string
      referralEmail: string | null
    }[]
    expect(orgs).toHaveLength(30)
    const tilleuls = orgs.find((o) => o.name === TILLEULS)!
    const other = orgs.find((o) => o.name === OTHER_ORG)!
    expect(tilleuls.referralEmail).toMatch(/@tilleuls\.example$/)
    // Their staff accounts, attached by the admin.
    await attach(a.page, server, partner.id, tilleuls.id)
    await attach(a.page, server, stranger.id, other.id)
    expect(a.problems).toEqual([])
    await a.page.context().close()

    // 2. The worker, on the case, looks for help near 4000 Liège: mental health, in Arabic.
    const w = await mfaPage(browser, server, worker, L)
    const person = await call(w.page, 'POST', `${server.url}/api/persons`, { firstName: run.first, lastName: run.last, phone: run.phone })
    expect(person.status).toBe(201)
    const opened = await call(w.page, 'POST', `${server.url}/api/accompaniments`, {
      kind: 'concerned',
      personId: person.body.id,
      teamId: team,
    })
    expect(opened.status, JSON.stringify(opened.body)).toBe(201)
    caseId = opened.body.id as string
    await w.page.goto(`${server.url}/accompaniments/${caseId}`)
    await w.page.getByRole('heading', { name: t('referrals.title') }).waitFor()
    await w.page
      .getByRole('link', { name: t('nav.partners') })
      .first()
      .click()
    await w.page.getByRole('heading', { level: 1, name: t('partners.search.title') }).waitFor()
    await w.page.getByTestId('search-need').selectOption('mental_health')
    await w.page.getByTestId('search-language').selectOption('ar')
    await w.page.getByTestId('search-place').fill('4000 Liège')
    await w.page.getByTestId('search-place').press('Enter')
    const results = w.page.getByTestId('partner-result')
    await expect.poll(() => results.count()).toBe(2)
    const best = results.first()
    expect(await best.textContent()).toContain(TILLEULS)
    expect(await best.getByRole('heading', { level: 3 }).textContent()).toBe(SERVICE)
    expect(await best.getByTestId('partner-why').textContent()).toContain('4000')
    await checkScreen(w.page, `directory search near 4000 (${L})`, L)

    // 3. Back on the case, the referral to that service, drafted: the summary and the contact details.
    await w.page.goto(`${server.url}/accompaniments/${caseId}`)
    await w.page.getByRole('button', { name: t('referrals.new') }).click()
    let dialog = w.page.getByRole('dialog')
    await dialog.getByLabel(t('referrals.form.service'), { exact: true }).fill('Tilleuls')
    await w.page.getByRole('option', { name: `${TILLEULS} — ${SERVICE}` }).click()
    await dialog.getByLabel(t('referrals.form.reason'), { exact: true }).fill(run.reason)
    await dialog.getByRole('textbox', { name: t('referrals.form.summary') }).fill(run.summary)
    await dialog.getByRole('checkbox', { name: t('referrals.fields.contact_details') }).check()
    await checkScreen(w.page, `referral form (${L})`, L)
    await dialog.getByRole('button', { name: t('referrals.form.create') }).click()
    await dialog.waitFor({ state: 'detached' })
    const card = w.page.getByTestId('referral')
    await card.getByTestId('referral-status').getByText(t('referrals.status.draft')).waitFor()
    // Nothing can leave without a consent for that organisation, and the card says so.
    await card.getByText(t('referrals.send.noConsent')).waitFor()

    // 4. The mother's oral consent, for the summary and the contact details, for six months.
    await w.page.getByRole('button', { name: t('referrals.consent.recordOne') }).click()
    dialog = w.page.getByRole('dialog')
    await dialog.getByLabel(t('referrals.consent.organisation'), { exact: true }).fill('Tilleuls')
    await w.page.getByRole('option', { name: TILLEULS, exact: true }).click()
    await dialog.getByLabel(t('referrals.consent.purpose'), { exact: true }).fill(run.purpose)
    await dialog.getByLabel(t('referrals.consent.givenBy'), { exact: true }).click()
    await w.page.getByRole('option', { name: t('referrals.givers.legal_representative'), exact: true }).click()
    expect(await dialog.getByLabel(t('referrals.consent.how'), { exact: true }).inputValue()).toBe(t('referrals.ways.oral'))
    // Shown the Belgian way (dd/mm/yyyy), whatever the browser's locale; sent as ISO (checked below).
    expect(await dialog.getByRole('textbox', { name: t('referrals.consent.expiresOn') }).inputValue()).toBe(
      isoInMonths(6).split('-').reverse().join('/'),
    )
    await dialog.getByRole('checkbox', { name: t('referrals.fields.contact_details') }).check()
    expect(await dialog.getByRole('checkbox', { name: t('referrals.fields.summary') }).isChecked()).toBe(true)
    await checkScreen(w.page, `consent form (${L})`, L)
    await dialog.getByRole('button', { name: t('referrals.consent.record') }).click()
    await dialog.waitFor({ state: 'detached' })
    const consent = w.page.getByTestId('consent')
    await consent.getByText(t('referrals.consent.active')).waitFor()
    await consent.getByText(t('referrals.ways.oral'), { exact: false }).waitFor()
    const consents = (await call(w.page, 'GET', `${server.url}/api/accompaniments/${caseId}/consents`)).body.items as {
      givenBy: string
      how: string
      expiresOn: string
      scope: string[]
    }[]
    expect(consents).toMatchObject([{ givenBy: 'legal_representative', how: 'oral', expiresOn: isoInMonths(6) }])
    expect([...consents[0]!.scope].sort()).toEqual(['contact_details', 'summary'])
    await checkScreen(w.page, `case with the consent and the draft (${L})`, L)

    // 5. Sent under that consent.
    await card.getByRole('button', { name: t('referrals.send.send') }).click()
    await card.getByTestId('referral-status').getByText(t('referrals.status.sent')).waitFor()
    await checkScreen(w.page, `sent referral (${L})`, L)
    const sent = (
      (await call(w.page, 'GET', `${server.url}/api/accompaniments/${caseId}/referrals`)).body.items as { id: string; code: string }[]
    )[0]!
    const referralId = sent.id

    // The other organisation's member, right after the sending: nothing.
    const s = await mfaPage(browser, server, stranger, L)
    await strangerSeesNothing(s.page, referralId, 'after sending', true)

    // 6. The e-mail, through the real SMTP server: the event, the reference, the sign-in link; no name, no summary.
    await expect.poll(() => server.smtp.received.filter((m) => m.to.includes(tilleuls.referralEmail!)).length, { timeout: 30_000 }).toBe(1)
    const mail = server.smtp.received.find((m) => m.to.includes(tilleuls.referralEmail!))!
    expect(mail.subject).toContain(sent.code)
    expect(mail.body).toContain(sent.code)
    const link = `${server.url}/login`
    expect(mail.body).toContain(link)
    for (const secret of [run.first, run.last, run.phone, run.summary, run.reason, run.purpose, TILLEULS, SERVICE]) {
      expect(mail.subject, `subject has no ${secret}`).not.toContain(secret)
      expect(mail.body, `body has no ${secret}`).not.toContain(secret)
    }
    // The one message about this referral, and none to the other organisation.
    expect(server.smtp.received.filter((m) => m.raw.includes(sent.code))).toHaveLength(1)
    expect(server.smtp.received.some((m) => m.to.some((to) => to.endsWith('@meuse-ourthe.example')))).toBe(false)

    // 7. The partner follows the link and signs in with the second factor: home is the portal, one referral.
    const context = await browser.newContext({ locale: `${L}-BE`, timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
    const p = await context.newPage()
    const pProblems = watchConsole(p)
    await chooseLanguage(p, server.url, L)
    await p.goto(link)
    await p.getByTestId('login-email').fill(partner.email)
    await p.getByLabel(t('login.password'), { exact: true }).fill(TEST_PASSWORD)
    await checkScreen(p, `sign-in page from the e-mail (${L})`, L)
    await p.getByRole('button', { name: t('login.submit') }).click()
    await p.getByTestId('login-code').fill(codeFor(partner.secret))
    await checkScreen(p, `second factor (${L})`, L)
    await p.getByRole('button', { name: t('login.verify') }).click()
    await p.waitForURL(/\/portal$/)
    await expect.poll(() => p.getByTestId('portal-referral').count()).toBe(1)
    expect(await p.getByTestId('portal-referral').textContent()).toContain(sent.code)
    await checkScreen(p, `partner portal (${L})`, L)
    await p.getByTestId('portal-referral').getByRole('link', { name: sent.code }).click()
    const copy = p.getByTestId('portal-copy')
    await copy.getByText(run.summary).waitFor()
    await copy.getByText(run.phone).waitFor()
    // Identity was not shared: no name on the partner's side.
    expect(await p.locator('body').textContent()).not.toContain(run.last)
    await checkScreen(p, `referral seen by the partner (${L})`, L)
    await p.getByRole('button', { name: t('portal.accept') }).click()
    await p.getByTestId('referral-status').getByText(t('referrals.status.accepted')).waitFor()
    await p.getByLabel(t('referrals.feedback.note'), { exact: true }).fill(run.feedback)
    await p.getByRole('button', { name: t('referrals.feedback.send') }).click()
    await p.getByTestId('referral-feedback').getByText(run.feedback).waitFor()
    await checkScreen(p, `accepted, with feedback (${L})`, L)
    const referralUrl = p.url()
    expect(referralUrl).toBe(`${server.url}/portal/${referralId}`)
    await strangerSeesNothing(s.page, referralId, 'after acceptance')

    // 8. The worker reads the feedback, then records the withdrawal of the consent.
    await w.page.reload()
    await card.getByTestId('referral-status').getByText(t('referrals.status.accepted')).waitFor()
    await card.getByTestId('referral-feedback').getByText(run.feedback).waitFor()
    await checkScreen(w.page, `feedback read by the worker (${L})`, L)
    await w.page.getByRole('button', { name: t('referrals.consent.withdraw') }).click()
    await checkScreen(w.page, `withdrawal asked (${L})`, L)
    await w.page.getByRole('button', { name: t('common.confirm') }).click()
    await consent.getByText(new RegExp(t('referrals.consent.withdrawnOn').split('{{')[0]!.trim())).waitFor()
    await card.getByText(new RegExp(t('referrals.shreddedOn').split('{{')[0]!.trim())).waitFor()
    await checkScreen(w.page, `consent withdrawn (${L})`, L)
    expect(w.problems).toEqual([])

    // 9. The partner's view is gone: the list is empty, the page says so, the API answers 404.
    await p.goto(`${server.url}/portal`)
    await p.getByText(t('portal.empty')).waitFor()
    await checkScreen(p, `portal after withdrawal (${L})`, L)
    await p.goto(referralUrl)
    await p.getByText(t('portal.gone')).waitFor()
    await checkScreen(p, `referral gone (${L})`, L)
    expect((await call(p, 'GET', `${server.url}/api/partner/referrals/${referralId}`)).status).toBe(404)
    expect((await call(p, 'GET', `${server.url}/api/partner/referrals`)).body.items).toEqual([])
    expect(pProblems).toEqual([])
    await strangerSeesNothing(s.page, referralId, 'after withdrawal')
    expect(s.problems).toEqual([])
    await context.close()
    await s.page.context().close()
    await w.page.context().close()
  }, 900_000)
})
