import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { shotsAtTwoWidths } from './shots'
import { launchBrowser, startServer } from './support'

/**
 * Requests from data subjects (issue 13), in French and in Dutch, axe on every step, from the
 * keyboard: the DPO records an access request for a person found by lookup, sees its deadline and
 * extends it with a reason; refuses an erasure with its reasons and closes it; sees the warning of
 * a deadline near; a stale edit says so; the case's worker sees the rectification asked and marks it done.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = '/tmp/shots-dpo-requests'
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

const brusselsDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  )

async function press(page: Page, locator: ReturnType<Page['getByRole']>): Promise<void> {
  await locator.focus()
  await page.keyboard.press('Enter')
}

it.each(['fr', 'nl'] as Language[])('the DPO handles requests, the worker corrects (%s)', async (lang) => {
  const team = await server.team(`Équipe demandes ${lang}`)
  const intake = await server.user(['intake'], { teamIds: [team] })
  const lead = await server.user(['lead'], { teamIds: [team] })
  const worker = await server.user(['worker'], { teamIds: [team] })
  const dpo = await server.user(['dpo'])

  // The person and their case, assigned to the worker.
  const asIntake = await signedInPage(browser, server.url, intake.email)
  const lastName = `Vanderhaeghen${lang === 'fr' ? 'Dupuis' : 'Claes'}`
  const created = await asIntake.page.request.post(`${server.url}/api/persons`, { data: { firstName: 'Wietske', lastName }, headers })
  expect(created.status(), await created.text()).toBe(201)
  const person = (await created.json()) as { id: string; code: string }
  const opened = await asIntake.page.request.post(`${server.url}/api/accompaniments`, {
    data: { kind: 'concerned', personId: person.id, teamId: team },
    headers,
  })
  expect(opened.status(), await opened.text()).toBe(201)
  const caseId = ((await opened.json()) as { id: string }).id
  await asIntake.page.context().close()
  const asLead = await signedInPage(browser, server.url, lead.email)
  const assigned = await asLead.page.request.post(`${server.url}/api/accompaniments/${caseId}/assign`, {
    data: { primaryWorkerId: worker.id },
    headers: { ...headers, 'if-match': '"1"' },
  })
  expect(assigned.status(), await assigned.text()).toBeLessThan(300)
  await asLead.page.context().close()

  // The DPO's words, in the page's language (a French sentence on a Dutch page reads as untranslated).
  const asked = lang === 'fr' ? `Adresse à corriger, dossier ${lang}` : `Adres te verbeteren, dossier ${lang}`
  const asDpo = await signedInPage(browser, server.url, dpo.email)
  const page = asDpo.page
  await chooseLanguage(page, server.url, lang)
  const record = async (data: Record<string, unknown>) => {
    const res = await page.request.post(`${server.url}/api/dpo/requests`, {
      data: { requester: 'subject', channel: 'email', identityCheck: 'known_to_service', personId: person.id, ...data },
      headers,
    })
    expect(res.status(), await res.text()).toBe(201)
    return (await res.json()) as { id: string; code: string }
  }
  // Received 27 days ago: due within the week. An erasure to refuse, a rectification for the worker.
  const near = await record({ kind: 'objection', receivedOn: brusselsDay(-27) })
  const erasure = await record({ kind: 'erasure', receivedOn: brusselsDay(-3) })
  await record({ kind: 'rectification', receivedOn: brusselsDay(-1), details: asked })

  // The register, its filters, and recording an access request for the person found by name.
  await page.goto(`${server.url}/dpo/requests`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'dpoRequests.title') }).waitFor()
  await page.getByTestId('dpo-requests').waitFor()
  await page
    .locator(`[data-testid="dpo-requests"] tr:has-text("${near.code}") [data-testid="dpo-deadline"][data-state="due_soon"]`)
    .waitFor()
  await checkScreen(page, `register ${lang}`, lang)
  await shots(page, `register-${lang}`)
  await page.getByTestId('dpo-requests-kind').selectOption('erasure')
  await expect.poll(() => page.locator('[data-testid="dpo-requests"] tbody tr').count()).toBe(1)
  await page.getByTestId('dpo-requests-kind').selectOption('')

  await press(page, page.getByRole('button', { name: tr(lang, 'dpoRequests.new') }))
  await page.getByTestId('dpo-request-form').waitFor()
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('dpo-request-new')
  await page.getByLabel(tr(lang, 'dpoRequests.form.kind')).selectOption('access')
  await page.getByTestId('dpo-person-lookup').fill(`Wietske ${lastName}`)
  await page.keyboard.press('Enter')
  await page.getByTestId('dpo-person-chosen').getByText(person.code).waitFor()
  // The name went in a POST body, never into the address.
  expect(page.url()).not.toContain(lastName)
  await page.getByLabel(tr(lang, 'dpoRequests.form.identityCheck')).selectOption('id_document_seen')
  await page.getByLabel(tr(lang, 'dpoRequests.form.details')).fill('Copie de toutes les données me concernant')
  await checkScreen(page, `record form ${lang}`, lang)
  await shots(page, `record-form-${lang}`)
  await press(page, page.getByRole('button', { name: tr(lang, 'dpoRequests.form.record') }))
  await page.getByTestId('dpo-request-facts').waitFor()
  const deadline = page.getByTestId('dpo-deadline')
  await expect.poll(() => deadline.getAttribute('data-state')).toBe('on_time')
  // Received today: one month to answer, 28 to 31 days.
  expect(await deadline.textContent()).toMatch(/(2[89]|3[01])/)
  expect(await page.getByTestId('dpo-request-facts').textContent()).toContain(person.code)
  expect(await page.getByTestId('dpo-request-export').getAttribute('href')).toMatch(/^\/dpo\/exports\?request=[0-9a-f-]{36}$/)
  await checkScreen(page, `access request ${lang}`, lang)

  // Extend by two months with a reason.
  await page.getByLabel(tr(lang, 'dpoRequests.extend.reason')).fill('Demande volumineuse : plusieurs dossiers à rassembler')
  await press(page, page.getByRole('button', { name: tr(lang, 'dpoRequests.extend.submit') }))
  await page.getByText(tr(lang, 'dpoRequests.detail.extendedTo')).waitFor()
  await expect.poll(() => deadline.textContent()).toContain(tr(lang, 'dpoRequests.deadline.extended'))
  expect(await page.getByRole('button', { name: tr(lang, 'dpoRequests.extend.submit') }).count()).toBe(0)
  await checkScreen(page, `extended ${lang}`, lang)
  await shots(page, `extended-${lang}`)

  // The identity is checked after the request came in: the DPO corrects what was recorded.
  const correct = page.locator('section[aria-labelledby="dpo-request-correct"]')
  await correct.getByLabel(tr(lang, 'dpoRequests.form.identityCheck')).selectOption('known_to_service')
  await press(page, correct.getByRole('button', { name: tr(lang, 'dpoRequests.correct.submit') }))
  await page.getByTestId('dpo-request-corrected').waitFor()
  await page.getByTestId('dpo-request-facts').getByText(tr(lang, 'dpoRequests.identityChecks.known_to_service'), { exact: true }).waitFor()
  await checkScreen(page, `corrected ${lang}`, lang)

  // A change made elsewhere meanwhile: the stale decision says so, then goes through on the current version.
  const current = (await (await page.request.get(page.url().replace('/dpo/', '/api/dpo/'), { headers })).json()) as {
    id: string
    version: number
  }
  const patched = await page.request.patch(`${server.url}/api/dpo/requests/${current.id}`, {
    data: { channel: 'letter' },
    headers: { ...headers, 'if-match': `"${current.version}"` },
  })
  expect(patched.status(), await patched.text()).toBe(200)
  await press(page, page.getByRole('button', { name: tr(lang, 'dpoRequests.decide.submit') }))
  await page.getByTestId('dpo-request-stale').waitFor()
  await checkScreen(page, `stale ${lang}`, lang)
  await page.getByTestId('dpo-request-facts').getByText(tr(lang, 'dpoRequests.channels.letter'), { exact: true }).waitFor()
  await press(page, page.getByRole('button', { name: tr(lang, 'dpoRequests.decide.submit') }))
  await expect.poll(() => page.getByTestId('dpo-request-decision').textContent()).toBe(tr(lang, 'dpoRequests.decisions.granted'))

  // The erasure: refused with its reasons, then closed.
  await page.goto(`${server.url}/dpo/requests/${erasure.id}`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'dpoRequests.detail.title').replace('{{code}}', erasure.code) }).waitFor()
  await page.getByLabel(tr(lang, 'dpoRequests.decisions.refused')).check()
  await press(page, page.getByRole('button', { name: tr(lang, 'dpoRequests.decide.submit') }))
  // Refused without reasons: the field says what is missing.
  await page.getByText(tr(lang, 'dpoRequests.detail.fixFields')).waitFor()
  await page
    .getByLabel(tr(lang, 'dpoRequests.decide.reason'))
    .fill('Un mandat judiciaire impose de conserver le dossier jusqu’à la fin de la mesure (art. 17(3)(b)). Recours : APD.')
  await press(page, page.getByRole('button', { name: tr(lang, 'dpoRequests.decide.submit') }))
  await expect.poll(() => page.getByTestId('dpo-request-decision').textContent()).toBe(tr(lang, 'dpoRequests.decisions.refused'))
  expect(await page.getByTestId('dpo-request-erasure').count()).toBe(0)
  await checkScreen(page, `erasure refused ${lang}`, lang)
  await press(page, page.getByRole('button', { name: tr(lang, 'dpoRequests.close.submit') }))
  await expect.poll(() => page.getByTestId('dpo-request-status').textContent()).toBe(tr(lang, 'dpoRequests.statuses.closed'))
  await page.locator('[data-testid="dpo-deadline"][data-state="answered"]').waitFor()
  await checkScreen(page, `erasure closed ${lang}`, lang)
  await shots(page, `erasure-closed-${lang}`)

  // The DPO's landing warns of the deadline near.
  await page.goto(`${server.url}/audit`)
  const warnings = page.getByTestId('dpo-request-warnings')
  await warnings.getByText(near.code).waitFor()
  expect(await warnings.locator('[data-testid="dpo-deadline"]').first().getAttribute('data-state')).toBe('due_soon')
  await checkScreen(page, `landing warnings ${lang}`, lang)
  await shots(page, `landing-${lang}`)

  // The worker: the notice on the case and on the person, with what to correct; marked done.
  const asWorker = await signedInPage(browser, server.url, worker.email)
  const w = asWorker.page
  await chooseLanguage(w, server.url, lang)
  await w.goto(`${server.url}/accompaniments/${caseId}`)
  await w.getByTestId('rectification-notice').getByText(asked).waitFor()
  await checkScreen(w, `case notice ${lang}`, lang)
  await shots(w, `case-notice-${lang}`)
  await w.goto(`${server.url}/persons/${person.id}`)
  const notice = w.getByTestId('rectification-notice')
  await notice.getByText(asked).waitFor()
  await checkScreen(w, `person notice ${lang}`, lang)
  await press(w, notice.getByRole('button', { name: tr(lang, 'dpoRequests.rectification.done') }))
  await w.getByTestId('rectification-done').waitFor()
  expect(await w.getByTestId('rectification-done').textContent()).toContain('Test worker')
  await checkScreen(w, `rectified ${lang}`, lang)
  await shots(w, `person-rectified-${lang}`)

  expect(asDpo.problems).toEqual([])
  expect(asWorker.problems).toEqual([])
  await page.context().close()
  await w.context().close()
})

it('a DPO who also works cases sees the deadlines near on their My day (fr)', async () => {
  const team = await server.team('Équipe mon jour')
  const both = await server.user(['worker', 'dpo'], { teamIds: [team] })
  const { page, problems } = await signedInPage(browser, server.url, both.email)
  const received = await page.request.post(`${server.url}/api/dpo/requests`, {
    data: { kind: 'access', requester: 'lawyer', channel: 'letter', identityCheck: 'mandate_checked', receivedOn: brusselsDay(-29) },
    headers,
  })
  expect(received.status(), await received.text()).toBe(201)
  const { code } = (await received.json()) as { code: string }
  await page.goto(`${server.url}/my-day`)
  const warnings = page.getByTestId('dpo-request-warnings')
  await warnings.getByText(code).waitFor()
  expect(await warnings.locator('[data-testid="dpo-deadline"]').first().getAttribute('data-state')).toBe('due_soon')
  await checkScreen(page, 'my day warnings (fr)', 'fr')
  await shots(page, 'my-day-fr')
  expect(problems).toEqual([])
  await page.context().close()
})
