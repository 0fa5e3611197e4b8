import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Agent } from '../server/test/harness'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer } from './support'

/**
 * Studies (issue 14): the lead registers a study asking for five variables of the catalogue and
 * submits it; the DPO approves it; the researcher named on it finds it, in French then in Dutch,
 * with each variable's meaning. Axe and the untranslated-text check on every screen.
 */
const SHOTS = '/tmp/shots-studies'
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let lead: Agent & { userId: string; email: string }
let dpo: Agent & { userId: string; email: string }
let researcher: Agent & { userId: string; email: string }

const VARIABLES = ['age_band', 'province', 'framework', 'duration_band', 'sessions_held_band'] as const
const TITLE = 'Temps de suivi selon le cadre'

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true })
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  const team = await server.team('Équipe Études')
  lead = await server.as(['lead'], { teamIds: [team] })
  dpo = await server.as(['dpo'])
  researcher = await server.as(['researcher'])
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function shots(page: Page, name: string) {
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/${name}.desktop.png`, fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  // The navigation slides away on a phone: shoot once it is out of view.
  await expect
    .poll(async () => {
      const box = await page.locator('.mantine-AppShell-navbar').boundingBox()
      return !box || box.x + box.width <= 1
    })
    .toBe(true)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/${name}.phone.png`, fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
}

it('the lead registers and submits a study, the DPO approves it, the researcher reads it (FR, NL)', async () => {
  // The lead: a new study with five variables and the researcher, then submitted.
  const { page, problems } = await signedInPage(browser, server.url, lead.email)
  await page.goto(`${server.url}/studies`)
  await page.getByRole('heading', { level: 1, name: tr('fr', 'studies.list.title') }).waitFor()
  await checkScreen(page, 'studies of a lead, none yet (fr)', 'fr')
  await page.getByRole('link', { name: tr('fr', 'studies.list.new') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'studies.new.title') }).waitFor()
  await page.getByLabel(tr('fr', 'studies.field.title')).fill(TITLE)
  await page.getByLabel(tr('fr', 'studies.field.question')).fill('La durée varie-t-elle entre accompagnements volontaires et mandatés ?')
  await page.getByLabel(tr('fr', 'studies.field.protocol')).fill('Analyse descriptive des dossiers clôturés, k ≥ 5.')
  await page.getByLabel(tr('fr', 'studies.field.approvingBody')).fill('Comité d’éthique universitaire')
  await page.getByLabel(tr('fr', 'studies.field.approvalReference')).fill('CE-2026-201')
  await page.getByTestId('study-starts-on').fill('01/01/2026')
  await page.getByTestId('study-ends-on').fill('31/12/2027')
  await page.getByTestId('study-ends-on').press('Tab')
  for (const v of VARIABLES) await page.getByRole('checkbox', { name: tr('fr', `studies.variables.${v}.label`), exact: true }).check()
  // Each variable says what it holds.
  await page.getByText(tr('fr', 'studies.variables.province.meaning')).waitFor()
  await page.getByRole('checkbox', { name: 'Test researcher', exact: true }).check()
  await checkScreen(page, 'new study form (fr)', 'fr')
  await shots(page, 'study-new.fr')
  await page.getByRole('button', { name: tr('fr', 'studies.create') }).click()
  await page.waitForURL(/\/studies\/[0-9a-f-]{36}$/)
  await page.getByTestId('study-status').getByText(tr('fr', 'studies.statuses.draft')).waitFor()
  await checkScreen(page, 'draft study (fr)', 'fr')
  // A correction to the draft is saved, and the page says so although it draws the study afresh
  // for the version the save brought back.
  await page.getByLabel(tr('fr', 'studies.field.approvalReference')).fill('CE-2026-202')
  await page.getByRole('button', { name: tr('fr', 'studies.save'), exact: true }).click()
  await page
    .getByRole('status')
    .filter({ hasText: tr('fr', 'studies.saved') })
    .waitFor()
  expect(await page.getByLabel(tr('fr', 'studies.field.approvalReference')).inputValue()).toBe('CE-2026-202')
  await page.getByRole('button', { name: tr('fr', 'studies.submit.action') }).click()
  await page.getByTestId('study-status').getByText(tr('fr', 'studies.statuses.submitted')).waitFor()
  await checkScreen(page, 'submitted study (fr)', 'fr')
  const studyUrl = page.url()
  const studyId = studyUrl.split('/').at(-1) as string
  const stored = await lead.get(`/api/studies/${studyId}`)
  expect(stored.json()).toMatchObject({
    status: 'submitted',
    startsOn: '2026-01-01',
    endsOn: '2027-12-31',
    researchers: [{ id: researcher.userId }],
    approvalReference: 'CE-2026-202',
  })
  expect([...stored.json().variables].sort()).toEqual([...VARIABLES].sort())
  expect(problems).toEqual([])

  // The DPO approves it.
  const asDpo = await signedInPage(browser, server.url, dpo.email)
  await asDpo.page.goto(`${server.url}/studies`)
  await asDpo.page.getByRole('heading', { level: 1, name: tr('fr', 'studies.list.title') }).waitFor()
  await asDpo.page.getByRole('link', { name: TITLE }).click()
  await asDpo.page.getByRole('heading', { level: 2, name: tr('fr', 'studies.decision.title') }).waitFor()
  await checkScreen(asDpo.page, 'study to decide (fr)', 'fr')
  await shots(asDpo.page, 'study-decision.fr')
  await asDpo.page.getByLabel(tr('fr', 'studies.decision.note')).fill('Variables limitées à la question.')
  await asDpo.page.getByRole('button', { name: tr('fr', 'studies.decision.approve') }).click()
  await asDpo.page.getByTestId('study-status').getByText(tr('fr', 'studies.statuses.approved')).waitFor()
  await checkScreen(asDpo.page, 'approved study (fr)', 'fr')
  expect(asDpo.problems).toEqual([])

  // The researcher lands on their studies: only this one (the demo study names the demo researcher).
  const asResearcher = await signedInPage(browser, server.url, researcher.email)
  await asResearcher.page.goto(`${server.url}/`)
  await asResearcher.page.getByRole('heading', { level: 1, name: tr('fr', 'studies.list.title') }).waitFor()
  const rows = asResearcher.page.getByTestId('studies').locator('tbody tr')
  await expect.poll(() => rows.count()).toBe(1)
  expect(await asResearcher.page.getByRole('link', { name: tr('fr', 'studies.list.new') }).count()).toBe(0)
  await checkScreen(asResearcher.page, 'studies of a researcher (fr)', 'fr')
  await shots(asResearcher.page, 'studies.fr')
  await asResearcher.page.getByRole('link', { name: TITLE }).click()
  await asResearcher.page.getByTestId('study-status').getByText(tr('fr', 'studies.statuses.approved')).waitFor()
  const variables = asResearcher.page.getByTestId('study-variables')
  for (const v of VARIABLES) await variables.getByText(tr('fr', `studies.variables.${v}.meaning`), { exact: false }).waitFor()
  await checkScreen(asResearcher.page, 'approved study, researcher (fr)', 'fr')
  await shots(asResearcher.page, 'study.fr')

  await chooseLanguage(asResearcher.page, server.url, 'nl')
  await asResearcher.page.goto(`${server.url}/studies`)
  await asResearcher.page.getByRole('heading', { level: 1, name: tr('nl', 'studies.list.title') }).waitFor()
  await asResearcher.page.getByTestId('study-status').getByText(tr('nl', 'studies.statuses.approved')).waitFor()
  await checkScreen(asResearcher.page, 'studies of a researcher (nl)', 'nl')
  await asResearcher.page.getByRole('link', { name: TITLE }).click()
  await asResearcher.page.getByTestId('study-variables').getByText(tr('nl', 'studies.variables.age_band.label')).waitFor()
  await checkScreen(asResearcher.page, 'approved study, researcher (nl)', 'nl')
  await shots(asResearcher.page, 'study.nl')
  expect(asResearcher.problems).toEqual([])
})
