import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { JobRunner } from '../server/jobs/jobs.runner'
import { studyExtractJob } from '../server/modules/extracts/extract.job'
import { type Agent, serviceDate } from '../server/test/harness'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { shotsAtTwoWidths } from './shots'
import { drawnLabels, launchBrowser, startServer } from './support'

/**
 * Study extracts (issue 14): the researcher named on an approved, running study runs the extract
 * from the study's page, sees it waiting in the register, then ready once the job ran, and downloads the CSV (its header names the
 * study's variables) and the XLSX; then the lead closes the study, and the researcher finds the
 * register without files. Axe and the untranslated-text check on each screen.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let researcher: Agent & { userId: string; email: string }
let lead: Agent & { userId: string; email: string }
let studyId: string

const SHOTS = '/tmp/shots-extracts'
const VARIABLES = ['age_band', 'gender', 'framework', 'sessions_held_band']
const YEAR = Number(serviceDate().slice(0, 4))

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true })
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  const team = await server.team('Équipe Extraits')
  lead = await server.as(['lead'], { teamIds: [team] })
  const worker = await server.as(['worker'], { teamIds: [team] })
  const dpo = await server.as(['dpo'])
  researcher = await server.as(['researcher'])
  for (let i = 0; i < 6; i++) {
    const p = await worker.post('/api/persons', { firstName: `Prénom${i}`, lastName: `Nom${i}`, birthYear: YEAR - 30, gender: 'female' })
    expect(p.statusCode, p.body).toBe(201)
    const c = await worker.post('/api/accompaniments', { kind: 'concerned', personId: p.json().id, teamId: team })
    expect(c.statusCode, c.body).toBe(201)
  }
  const created = await lead.post('/api/studies', {
    teamId: team,
    title: 'Étude avec extrait',
    question: 'Quels parcours mènent le plus souvent à une sortie durable ?',
    protocol: 'Variables généralisées, k ≥ 5.',
    approvingBody: 'Comité d’éthique',
    approvalReference: 'CE-2026-300',
    startsOn: serviceDate(-5),
    endsOn: serviceDate(60),
    variables: VARIABLES,
    researcherIds: [researcher.userId],
  })
  expect(created.statusCode, created.body).toBe(201)
  studyId = created.json().id
  expect((await lead.post(`/api/studies/${studyId}/submit`, {}, { 'if-match': '"1"' })).statusCode).toBe(200)
  const decided = await dpo.post(`/api/studies/${studyId}/decision`, { decision: 'approved', note: 'OK' }, { 'if-match': '"2"' })
  expect(decided.statusCode, decided.body).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('the researcher runs the extract and downloads the CSV and the XLSX', async () => {
  const { page, problems } = await signedInPage(browser, server.url, researcher.email)
  await page.goto(`${server.url}/studies/${studyId}`)
  await page.getByRole('heading', { level: 2, name: tr('fr', 'studies.extracts.title') }).waitFor()
  await page.getByText(tr('fr', 'studies.extracts.empty')).waitFor()
  await checkScreen(page, 'study without extract, researcher (fr)', 'fr')
  await page.getByRole('button', { name: tr('fr', 'studies.extracts.run') }).click()
  const rows = page.getByTestId('study-extracts').locator('tbody tr')
  await expect.poll(() => rows.count()).toBe(1)
  // Registered at once and waiting for the background job, with a named progress bar and no file yet.
  const state = rows.first().getByTestId('study-extract-state')
  expect(await state.textContent()).toBe(tr('fr', 'studies.extracts.state.queued'))
  const bar = page.getByRole('progressbar', { name: tr('fr', 'studies.extracts.progressLabel') })
  await bar.waitFor({ state: 'attached' })
  expect(await bar.getAttribute('aria-valuenow')).toBe('0')
  expect(await page.getByTestId('study-extract-csv').count()).toBe(0)
  // One extract of a study at a time: the button waits, and says why.
  const run = page.getByTestId('study-extract-run')
  await expect.poll(() => run.isDisabled()).toBe(true)
  await page.getByText(tr('fr', 'studies.extracts.making')).waitFor()
  await checkScreen(page, 'study with an extract waiting, researcher (fr)', 'fr')
  await shotsAtTwoWidths(page, SHOTS, 'study-extract-queued-fr')
  // The job runs; the list, asked again every second while an extract is made, shows it ready.
  const runner = new JobRunner(server.services, [studyExtractJob])
  while (await runner.runOnce());
  await expect.poll(() => state.textContent()).toBe(tr('fr', 'studies.extracts.state.ready'))
  await bar.waitFor({ state: 'detached' })
  await expect.poll(() => run.isDisabled()).toBe(false)
  // Six alike: none suppressed.
  expect(await rows.first().locator('td').nth(3).textContent()).toBe('6')
  await checkScreen(page, 'study with an extract, researcher (fr)', 'fr')
  // On a phone each extract is a block, each value under its column's name: drawn, not read twice.
  await page.setViewportSize({ width: 390, height: 844 })
  await expect.poll(() => page.getByTestId('study-extracts').evaluate((t) => t.classList.contains('stacked-table'))).toBe(true)
  const cells = await drawnLabels(rows.first())
  expect(cells.map((c) => c.label)).toContain(tr('fr', 'studies.extracts.col.records'))
  for (const c of cells) {
    expect(c.drawn, c.label).toBe(true)
    expect(c.read.startsWith(c.label), `${c.label}: read "${c.read}"`).toBe(false)
  }
  expect(cells.find((c) => c.label === tr('fr', 'studies.extracts.col.records'))?.read).toBe('6')
  await page.setViewportSize({ width: 1280, height: 900 })

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('study-extract-csv').click()])
  expect(csv.suggestedFilename()).toMatch(/^extract-[0-9a-f]{8}\.csv$/)
  const text = fs.readFileSync(await csv.path(), 'utf8')
  const [header, ...lines] = text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
  expect(header).toBe(['pseudonym', ...VARIABLES].join(','))
  expect(lines).toHaveLength(6)
  for (const l of lines) expect(l).toMatch(/^[0-9a-f]{20},26_35,female,voluntary,0$/)

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('study-extract-xlsx').click()])
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/)
  expect(
    fs
      .readFileSync(await xlsx.path())
      .subarray(0, 2)
      .toString('latin1'),
  ).toBe('PK')

  // In English, the register says the extract is ready.
  await chooseLanguage(page, server.url, 'en')
  await page.goto(`${server.url}/studies/${studyId}`)
  await rows.first().getByTestId('study-extract-state').getByText(tr('en', 'studies.extracts.state.ready')).waitFor()
  await checkScreen(page, 'study with a ready extract, researcher (en)', 'en')
  await shotsAtTwoWidths(page, SHOTS, 'study-extract-ready-en')
  // On a phone each extract is a card: its download links are in sight, not past a scroll to the right.
  await page.setViewportSize({ width: 390, height: 844 })
  await expect
    .poll(async () => {
      const box = await page.getByTestId('study-extract-dictionary').boundingBox()
      return box !== null && box.x >= 0 && box.x + box.width <= 390
    })
    .toBe(true)
  await checkScreen(page, 'study with a ready extract, phone (en)', 'en')
  await page.setViewportSize({ width: 1280, height: 900 })
  await chooseLanguage(page, server.url, 'fr')
  expect(problems).toEqual([])
})

it('the lead closes the study in Dutch, after a second click; the researcher keeps the register, without files', async () => {
  const { page, problems } = await signedInPage(browser, server.url, lead.email)
  await chooseLanguage(page, server.url, 'nl')
  await page.goto(`${server.url}/studies/${studyId}`)
  const section = page.getByRole('region', { name: tr('nl', 'studies.close.title') })
  await section.waitFor()
  await checkScreen(page, 'approved study, lead (nl)', 'nl')
  // By keyboard: the first button only asks; the second closes.
  await page.getByTestId('study-close').focus()
  await page.keyboard.press('Enter')
  await page.getByTestId('study-close-confirm').waitFor()
  await checkScreen(page, 'closing a study, confirmation (nl)', 'nl')
  await shotsAtTwoWidths(page, SHOTS, 'study-close-confirm-nl')
  await page.getByTestId('study-close-confirm').focus()
  await page.keyboard.press('Enter')
  await page.getByTestId('study-closed').waitFor()
  await expect.poll(() => section.count()).toBe(0)
  expect(await page.getByTestId('study-closed').textContent()).toContain(tr('nl', 'studies.close.done'))
  // The DPO's decision still reads as the approval it was.
  expect(await page.getByText(tr('nl', 'studies.decided.approved'), { exact: true }).count()).toBe(1)
  await checkScreen(page, 'closed study, lead (nl)', 'nl')
  expect(problems).toEqual([])

  const other = await signedInPage(browser, server.url, researcher.email)
  await other.page.goto(`${server.url}/studies/${studyId}`)
  await other.page.getByTestId('study-extract-purged').waitFor()
  expect(await other.page.getByTestId('study-extract-csv').count()).toBe(0)
  expect(await other.page.getByRole('button', { name: tr('fr', 'studies.extracts.run') }).count()).toBe(0)
  await checkScreen(other.page, 'closed study, researcher (fr)', 'fr')
  await shotsAtTwoWidths(other.page, SHOTS, 'study-closed-researcher-fr')
  expect(other.problems).toEqual([])
})
