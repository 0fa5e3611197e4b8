import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { AuditVerification } from '../common/contracts/audit.contracts'
import { SubjectExportDocument } from '../common/contracts/dpo-exports.contracts'
import type { Language } from '../common/roles'
import { JobRunner } from '../server/jobs/jobs.runner'
import { dpoExportJob } from '../server/modules/dpo-exports/dpo-export.job'
import { unzipStore } from '../server/modules/dpo-exports/zip.writer'
import { seedDemo } from '../server/seed/demo.seed'
import type { Agent } from '../server/test/harness'
import { checkScreen, chooseLanguage, settle, signedInPage, tr } from './i18n-checks'
import { shotsAtTwoWidths } from './shots'
import { expectNoAxeViolations, launchBrowser, SHOT_TIMEOUT, startServer } from './support'

/**
 * Issue 13, "Done means", as one story in French and in Dutch, through the screens: the DPO
 * records the access request of the demo case's mother (Marie Dubois, whose son Mohammed is
 * accompanied), runs the export and watches it progress, ticks off the passages that may name
 * others and downloads the archive; records an erasure request for the person of a closed
 * voluntary case, grants it and proposes the erasure; the team's lead confirms it; the person is
 * found by no search, the case shows as erased, the lead's indicators have not moved, and the
 * audit chain verifies; the DPO restricts another person and the worker's edits are refused with
 * the clear message; the DPO records a breach and sees its 72-hour clock. The setup the story
 * does not tell (the cases and their closure) goes through the API.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = '/tmp/shots-dpo-done'
const CLOSED_CASES = 10

beforeAll(async () => {
  server = await startServer({ demo: true })
  // The demo accounts and their casework, as `npm start` seeds them on a first start.
  await seedDemo(server.services)
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const shots = (page: Page, name: string) => shotsAtTwoWidths(page, SHOTS, name)

async function press(page: Page, locator: Locator): Promise<void> {
  await locator.focus()
  await page.keyboard.press('Enter')
}

async function send(agent: Agent, url: string, body: object, version?: number) {
  const res = await agent.post(url, body, version === undefined ? undefined : { 'if-match': `"${version}"` })
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300)
  return res.json() as { id: string; code: string; version: number }
}

/** A voluntary case of the team, worked on and closed with the lead's approval. */
async function closedVoluntaryCase(worker: Agent, lead: Agent, team: string, firstName: string, lastName: string) {
  const person = await send(worker, '/api/persons', { firstName, lastName })
  const opened = await send(worker, '/api/accompaniments', {
    kind: 'concerned',
    personId: person.id,
    teamId: team,
    framework: { framework: 'voluntary' },
  })
  const asked = await send(
    worker,
    `/api/accompaniments/${opened.id}/closure`,
    { outcome: 'goals_reached', reason: 'Objectifs atteints' },
    opened.version,
  )
  await send(lead, `/api/accompaniments/${opened.id}/closure/decision`, { approve: true }, asked.version)
  return { person, caseId: opened.id, caseCode: opened.code }
}

/** The DPO records a request from the register's form, for the one person the lookup finds by name. */
async function recordRequest(page: Page, lang: Language, kind: 'access' | 'erasure', name: string, shot?: string) {
  await page.goto(`${server.url}/dpo/requests`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'dpoRequests.title') }).waitFor()
  await press(page, page.getByRole('button', { name: tr(lang, 'dpoRequests.new') }))
  await page.getByTestId('dpo-request-form').waitFor()
  await page.getByLabel(tr(lang, 'dpoRequests.form.kind')).selectOption(kind)
  await page.getByTestId('dpo-person-lookup').fill(name)
  await page.keyboard.press('Enter')
  const chosen = page.getByTestId('dpo-person-chosen')
  await chosen.waitFor()
  const code = (await chosen.textContent())!.match(/P-[0-9A-Z-]+/)?.[0]
  expect(code, `a person code in "${await chosen.textContent()}"`).toBeDefined()
  // The name went in a POST body, never into the address.
  expect(page.url()).not.toContain(name.split(' ')[1]!)
  if (shot) {
    await checkScreen(page, `${shot} form ${lang}`, lang)
    await shots(page, `${shot}-form-${lang}`)
  }
  await press(page, page.getByRole('button', { name: tr(lang, 'dpoRequests.form.record') }))
  await page.getByTestId('dpo-request-facts').waitFor()
  await expect.poll(() => page.getByTestId('dpo-request-facts').textContent()).toContain(code!)
  await expect.poll(() => page.getByTestId('dpo-deadline').getAttribute('data-state')).toBe('on_time')
  const requestId = new URL(page.url()).pathname.split('/').pop()!
  return { requestId, personCode: code! }
}

/** The lead's indicators for this year, every table and the durations, as the page shows them. */
async function leadFigures(page: Page, lang: Language): Promise<string[]> {
  await page.goto(`${server.url}/indicators`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'indicators.title') }).waitFor()
  // The lead's one team is chosen already, and this year is the preset.
  await expect.poll(() => page.getByTestId('preset-this_year').getAttribute('aria-pressed')).toBe('true')
  const closedTotal = page
    .getByTestId('indicators-closed-table')
    .getByRole('row', { name: new RegExp(`^${tr(lang, 'indicators.total')}`) })
    .getByRole('cell')
  // Ten closed cases: a count published as it is, which a case left out would turn into "< 10".
  await expect.poll(() => closedTotal.allInnerTexts()).toEqual([String(CLOSED_CASES)])
  return [
    ...(await page.locator('[data-testid^="indicators-"][data-testid$="-table"]').allInnerTexts()),
    await page.getByTestId('indicators-duration-figures').innerText(),
  ]
}

it.each(['fr', 'nl'] as Language[])(
  'the DPO answers access, erasure, restriction and a breach; the lead confirms the erasure (%s)',
  async (lang) => {
    const team = await server.team(`Équipe protection ${lang}`)
    const worker = await server.as(['worker'], { teamIds: [team] })
    const lead = await server.as(['lead'], { teamIds: [team] })
    const dpo = await server.user(['dpo'])

    // Ten closed voluntary cases in the team: the first one's person asks to be erased.
    const erasedName = { firstName: 'Wenceslas', lastName: `Vandamme${lang === 'fr' ? 'a' : 'b'}` }
    const erased = await closedVoluntaryCase(worker, lead, team, erasedName.firstName, erasedName.lastName)
    for (let i = 1; i < CLOSED_CASES; i++) await closedVoluntaryCase(worker, lead, team, 'Statistique', `Fermé${lang}${i}`)
    // Another person, with an open case of the worker's: restricted later.
    const restricted = await send(worker, '/api/persons', { firstName: 'Nadia', lastName: `Peeters${lang}` })
    const restrictedCase = await send(worker, '/api/accompaniments', {
      kind: 'concerned',
      personId: restricted.id,
      teamId: team,
      framework: { framework: 'voluntary' },
    })

    const asDpo = await signedInPage(browser, server.url, dpo.email)
    const asLead = await signedInPage(browser, server.url, lead.email)
    const asWorker = await signedInPage(browser, server.url, worker.email)
    for (const p of [asDpo.page, asLead.page, asWorker.page]) await chooseLanguage(p, server.url, lang)
    const page = asDpo.page
    const lp = asLead.page
    const wp = asWorker.page

    // 1. Access: the mother of the demo case asks for her data.
    const access = await recordRequest(page, lang, 'access', 'Marie Dubois', 'access-request')
    await checkScreen(page, `access request ${lang}`, lang)
    await shots(page, `access-request-${lang}`)

    // The export, from the request's next step: started from the keyboard, its progress shown.
    await press(page, page.getByTestId('dpo-request-export'))
    await page.getByRole('heading', { level: 1, name: tr(lang, 'dpoExports.title') }).waitFor()
    await expect.poll(() => new URL(page.url()).searchParams.get('request')).toBe(access.requestId)
    await expect.poll(() => page.getByTestId('dpo-export-current').textContent()).toContain(tr(lang, 'dpoExports.none'))
    await checkScreen(page, `export ${lang}`, lang)
    await press(page, page.getByTestId('dpo-export-start'))
    const bar = page.getByRole('progressbar', { name: tr(lang, 'dpoExports.progressLabel') })
    await bar.waitFor({ state: 'attached' })
    expect(await bar.getAttribute('aria-valuenow')).toBe('0')
    await expect.poll(() => page.getByTestId('dpo-export-state').textContent()).toBe(tr(lang, 'dpoExports.state.queued'))
    expect(await page.getByTestId('dpo-export-start').isDisabled()).toBe(true)
    await checkScreen(page, `export queued ${lang}`, lang)
    await shots(page, `export-queued-${lang}`)
    // The job runner of the deployment, run here by the journey.
    const runner = new JobRunner(server.services, [dpoExportJob])
    while (await runner.runOnce());
    await page.getByTestId('dpo-export-review').waitFor()
    await bar.waitFor({ state: 'detached' })
    expect(await page.getByTestId('dpo-export-state').textContent()).toBe(tr(lang, 'dpoExports.state.ready'))

    // Her sessions' notes and her son's case naming her: spots to review before the archive goes.
    const boxes = page.getByTestId('dpo-export-flagged').getByRole('checkbox')
    const flagged = await boxes.count()
    expect(flagged).toBeGreaterThanOrEqual(2)
    const download = page.getByTestId('dpo-export-download')
    expect(await download.getAttribute('aria-disabled')).toBe('true')
    await checkScreen(page, `export review ${lang}`, lang)
    await shots(page, `export-review-${lang}`)
    for (let i = 0; i < flagged; i++) {
      await boxes.nth(i).focus()
      await page.keyboard.press('Space')
      await expect.poll(() => boxes.nth(i).isChecked()).toBe(true)
    }
    await expect.poll(() => download.getAttribute('aria-disabled')).toBe('false')
    await download.focus()
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
    const bytes = fs.readFileSync(await file.path())
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
    const json = new Map(unzipStore(bytes)).get('export.json')
    expect(json).toBeDefined()
    const doc = SubjectExportDocument.parse(JSON.parse(json!.toString('utf8')))
    expect(doc.request.id).toBe(access.requestId)
    // It is her: the person the lookup found, named in the archive.
    expect(doc.person.code).toBe(access.personCode)
    expect(JSON.stringify(doc.person)).toContain('Dubois')
    expect(doc.thirdParties.length).toBe(flagged)
    await page.getByTestId('dpo-export-downloaded').waitFor()
    await expectNoAxeViolations(page, `export downloaded ${lang}`)
    await shots(page, `export-downloaded-${lang}`)

    // 2. Erasure. The lead's figures, and the person found by name, before.
    const before = await leadFigures(lp, lang)
    // Opened, active and closed cases, sessions, durations: all compared below.
    expect(before.length).toBeGreaterThanOrEqual(5)
    await checkScreen(lp, `indicators before ${lang}`, lang)
    await shots(lp, `indicators-before-${lang}`)
    const searchFor = async () => {
      await lp.goto(`${server.url}/persons`)
      await lp.getByRole('heading', { level: 1, name: tr(lang, 'persons.title') }).waitFor()
      await lp.getByTestId('person-search').fill(`${erasedName.firstName} ${erasedName.lastName}`)
    }
    await searchFor()
    await lp.getByTestId('person-results').getByTestId('person-result').first().waitFor()

    // The DPO records the erasure request, grants it, and proposes the erasure from its next step.
    const erasure = await recordRequest(page, lang, 'erasure', `${erasedName.firstName} ${erasedName.lastName}`)
    expect(erasure.personCode).toBe(erased.person.code)
    await press(page, page.getByRole('button', { name: tr(lang, 'dpoRequests.decide.submit') }))
    await expect.poll(() => page.getByTestId('dpo-request-decision').textContent()).toBe(tr(lang, 'dpoRequests.decisions.granted'))
    await checkScreen(page, `erasure granted ${lang}`, lang)
    await press(page, page.getByTestId('dpo-request-erasure'))
    await page.getByRole('heading', { level: 1, name: tr(lang, 'erasure.title') }).waitFor()
    await expect.poll(() => new URL(page.url()).searchParams.get('request')).toBe(erasure.requestId)
    await expect.poll(() => page.getByTestId('erasure-propose').isEnabled()).toBe(true)
    await checkScreen(page, `erasures ${lang}`, lang)
    await shots(page, `erasures-${lang}`)
    await press(page, page.getByTestId('erasure-propose'))
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain(tr(lang, 'erasure.irreversible'))
    await settle(page)
    await expectNoAxeViolations(page, `erasure dialog ${lang}`, '[role="dialog"]')
    await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SHOTS, `erasure-dialog-${lang}-desktop.png`) })
    await press(page, page.getByTestId('erasure-propose-confirm'))
    await dialog.waitFor({ state: 'hidden' })
    await page.getByTestId('erasure-proposed').waitFor()
    await page.getByTestId('erasure-table').getByText(erased.person.code).waitFor()

    // The lead confirms from the dashboard, from the keyboard.
    await lp.goto(`${server.url}/dashboard`)
    const panel = lp.getByTestId('erasures-awaiting')
    await panel.getByText(erased.person.code).waitFor()
    expect(await panel.textContent()).toContain(erased.caseCode)
    await checkScreen(lp, `dashboard awaiting ${lang}`, lang)
    await shots(lp, `dashboard-awaiting-${lang}`)
    await press(lp, panel.getByTestId('erasure-confirm'))
    const confirm = lp.getByRole('dialog')
    await confirm.waitFor()
    expect(await confirm.textContent()).toContain(tr(lang, 'erasure.irreversible'))
    await settle(lp)
    await expectNoAxeViolations(lp, `erasure confirm dialog ${lang}`, '[role="dialog"]')
    await press(lp, lp.getByTestId('erasure-decide'))
    await confirm.waitFor({ state: 'hidden' })
    await panel.waitFor({ state: 'detached' })

    // Gone from search; the case says its person was erased; the figures have not moved.
    await searchFor()
    await lp.getByText(tr(lang, 'persons.noResultTitle')).waitFor()
    expect(await lp.getByTestId('person-result').count()).toBe(0)
    await lp.goto(`${server.url}/accompaniments/${erased.caseId}`)
    await lp.getByRole('heading', { level: 1, name: tr(lang, 'erasure.erasedTitle') }).waitFor()
    await checkScreen(lp, `case erased ${lang}`, lang)
    await shots(lp, `case-erased-${lang}`)
    const after = await leadFigures(lp, lang)
    expect(after).toEqual(before)
    await checkScreen(lp, `indicators after ${lang}`, lang)

    // The audit chain still verifies, erasure and all, from the DPO's audit page.
    await page.goto(`${server.url}/audit`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await press(page, page.getByRole('button', { name: tr(lang, 'audit.verify') }))
    const verdict = page.getByTestId('audit-verify-result').getByRole('status')
    await verdict.getByText(tr(lang, 'audit.chainOk')).waitFor()
    expect(await page.getByTestId('audit-verify-result').getByRole('alert').count()).toBe(0)
    await checkScreen(page, `audit verified ${lang}`, lang)
    await shots(page, `audit-verified-${lang}`)
    const verified = AuditVerification.parse(await (await page.request.get(`${server.url}/api/audit/verify`)).json())
    expect(verified).toMatchObject({ ok: true, firstBadSeq: null })
    expect(verified.entries).toBeGreaterThan(0)

    // 3. Restriction: found by code, restricted with a reason, from the keyboard.
    await page.goto(`${server.url}/restrictions`)
    await page.getByRole('heading', { level: 1, name: tr(lang, 'restriction.title') }).waitFor()
    await page.getByTestId('restriction-code').fill(restricted.code)
    await page.keyboard.press('Enter')
    await page.getByTestId('restriction-record').waitFor()
    await checkScreen(page, `restriction ${lang}`, lang)
    await press(page, page.getByTestId('restriction-action'))
    const restrictDialog = page.getByRole('dialog')
    await restrictDialog.waitFor()
    await settle(page)
    await expectNoAxeViolations(page, `restriction dialog ${lang}`, '[role="dialog"]')
    await page.getByTestId('restriction-reason').fill('Exactitude contestée, vérification en cours')
    await press(page, page.getByTestId('restriction-confirm'))
    await restrictDialog.waitFor({ state: 'hidden' })
    await page.getByTestId('restricted-banner').waitFor()
    expect(await page.getByTestId('restriction-state').textContent()).toBe(tr(lang, 'restriction.state.restricted'))
    await checkScreen(page, `restricted ${lang}`, lang)
    await shots(page, `restricted-${lang}`)

    // The worker's edits, of the person and of their case, are refused with the clear message and never the reason.
    await wp.goto(`${server.url}/persons/${restricted.id}/edit`)
    const refusal = wp.getByRole('alert').filter({ hasText: tr(lang, 'errors.processing.restricted') })
    await refusal.waitFor()
    expect(await refusal.textContent()).not.toContain('Exactitude')
    await checkScreen(wp, `worker refused person ${lang}`, lang)
    await shots(wp, `worker-refused-${lang}`)
    // The person's page and the case's page, where the worker would start: refused, under the page's heading.
    await wp.goto(`${server.url}/persons/${restricted.id}`)
    await wp
      .getByRole('alert')
      .filter({ hasText: tr(lang, 'errors.processing.restricted') })
      .waitFor()
    await checkScreen(wp, `worker refused person page ${lang}`, lang)
    await wp.goto(`${server.url}/accompaniments/${restrictedCase.id}`)
    await wp
      .getByRole('alert')
      .filter({ hasText: tr(lang, 'errors.processing.restricted') })
      .waitFor()
    await checkScreen(wp, `worker refused case ${lang}`, lang)
    await shots(wp, `worker-refused-case-${lang}`)
    const edit = await worker.post(`/api/accompaniments/${restrictedCase.id}/tasks`, {
      title: 'Rappeler',
      dueDate: new Date().toISOString().slice(0, 10),
    })
    expect(edit.statusCode, edit.body).toBe(423)
    expect(edit.json()).toMatchObject({ code: 'processing.restricted' })
    expect(edit.body).not.toContain('Exactitude')

    // 4. A breach: recorded from the register's form, its clock running.
    await page.goto(`${server.url}/dpo/breaches`)
    await page.getByRole('heading', { level: 1, name: tr(lang, 'registers.breaches.title') }).waitFor()
    await press(page, page.getByRole('link', { name: tr(lang, 'registers.breaches.new') }))
    await page.getByRole('heading', { level: 1, name: tr(lang, 'registers.breach.newTitle') }).waitFor()
    await page.getByLabel(tr(lang, 'registers.natures.confidentiality'), { exact: true }).check()
    await page.getByLabel(tr(lang, 'registers.breach.description'), { exact: true }).fill(`Courriel au mauvais destinataire (${lang})`)
    await page.getByLabel(tr(lang, 'registers.subjects.clients'), { exact: true }).check()
    await checkScreen(page, `new breach ${lang}`, lang)
    await press(page, page.getByRole('button', { name: tr(lang, 'registers.breach.record') }))
    await page.getByRole('heading', { level: 1, name: tr(lang, 'registers.breach.title') }).waitFor()
    const clock = page.getByTestId('breach-clock')
    await expect.poll(() => clock.getAttribute('data-state')).toBe('running')
    // Just recorded: 71 or 72 hours left.
    const left = tr(lang, 'registers.clock.left')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace('\\{\\{hours\\}\\}', '7[12]')
      .replace('\\{\\{minutes\\}\\}', '\\d+')
    await expect.poll(() => clock.textContent()).toMatch(new RegExp(left))
    await checkScreen(page, `breach clock ${lang}`, lang)
    await shots(page, `breach-clock-${lang}`)

    expect([...asDpo.problems, ...asLead.problems, ...asWorker.problems]).toEqual([])
    for (const p of [page, lp, wp]) await p.context().close()
  },
  600_000,
)
