import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import type { Agent } from '../server/test/harness'
import { checkScreen, chooseLanguage, signIn, tr } from './i18n-checks'
import { openCase, tableCells } from './cohort'
import { launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * Issue 14: the lead logs a training session their team gave, then opens the team's activity
 * report for this year, in French then Dutch: three relatives' cases show as "< 10", the training
 * figures in full, and the PDF and the CSV download in the language of the page.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let lead: Agent & { userId: string; email: string }
let worker: Agent & { userId: string; email: string }
let dpo: Agent & { userId: string; email: string }
let teamId = ''
const YEAR = new Date().getFullYear()

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const team = await server.team('Équipe Namur')
  teamId = team
  worker = await server.as(['worker'], { teamIds: [team] })
  dpo = await server.as(['dpo'])
  lead = await server.as(['lead'], { teamIds: [team] })
  for (const [kind, n] of [
    ['concerned', 12],
    ['relative', 3],
  ] as const) {
    for (let i = 0; i < n; i++) {
      await openCase(worker, team, kind, { firstName: 'Rapport', lastName: `${kind}${i}` })
    }
  }
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function downloads(page: Page, lang: Language) {
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()])
  expect(pdf.suggestedFilename()).toBe(`rapport-activite-${YEAR}.pdf`)
  const file = await pdf.path()
  expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  expect(text).toContain(`${tr(lang, 'activityReport.title')} ${YEAR}`)
  expect(text).toContain('< 10')
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()])
  expect(csv.suggestedFilename()).toBe(`rapport-activite-${YEAR}.csv`)
  const bytes = fs.readFileSync(await csv.path())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  return bytes.toString('utf8')
}

it('the lead logs a training session, then reads, prints and downloads the year’s report in French and Dutch', async () => {
  const context = await browser.newContext({
    locale: 'fr-BE',
    timezoneId: 'Europe/Brussels',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  })
  await signIn(context, server.url, lead.email)
  const page = await context.newPage()
  const problems = watchConsole(page)

  // The training log, from the navigation.
  await page.goto(`${server.url}/dashboard`)
  await page.getByRole('link', { name: tr('fr', 'nav.training') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'training.title') }).waitFor()
  await page.getByTestId('training-empty').waitFor()
  await checkScreen(page, 'training log, empty (fr)', 'fr')
  await page.getByTestId('training-new').click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel(tr('fr', 'training.titleField')).waitFor()
  const date = dialog.getByLabel(tr('fr', 'training.heldOn'))
  await date.click()
  await date.pressSequentially(`14/02/${YEAR}`)
  await date.press('Escape')
  await dialog.getByLabel(tr('fr', 'training.audience')).click()
  await page.getByRole('option', { name: tr('fr', 'training.audiences.school') }).click()
  await dialog.getByLabel(tr('fr', 'training.titleField')).fill('Radicalisation : repérer sans stigmatiser')
  await dialog.getByLabel(tr('fr', 'training.organisation')).fill('Athénée royal de Jambes')
  await dialog.getByLabel(tr('fr', 'training.participants')).fill('27')
  await dialog.getByLabel(tr('fr', 'training.hours')).fill('2,5')
  await checkScreen(page, 'training session dialog (fr)', 'fr')
  // Saved from the keyboard: Enter in the last field submits the form.
  await dialog.getByLabel(tr('fr', 'training.hours')).press('Enter')
  await page.getByTestId('training-list').getByText('Athénée royal de Jambes', { exact: true }).waitFor()
  await expect.poll(() => dialog.count()).toBe(0)
  await checkScreen(page, 'training log with a session (fr)', 'fr')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, 'training-log-fr-desktop.png'), fullPage: true })

  // The report, from the navigation: the only team and this year are chosen already.
  await page.getByRole('link', { name: tr('fr', 'nav.activityReport') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'activityReport.title') }).waitFor()
  await page.getByTestId('report-summary').getByText(String(YEAR)).waitFor()
  await expect.poll(() => tableCells(page, 'report-opened', 'Proche')).toEqual(['< 10', '0', '< 10'])
  expect(await tableCells(page, 'report-training', 'Total')).toEqual(['1', '27', '2,5'])
  // One audience trained: one bar, labelled with its participants.
  const training = page.getByTestId('report-training')
  await training.locator('svg.recharts-surface').waitFor()
  expect((await training.locator('.recharts-label-list text').allTextContents()).filter((v) => v.trim())).toEqual(['27'])
  await checkScreen(page, 'activity report (fr)', 'fr')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, 'activity-report-fr-desktop.png'), fullPage: true })
  // The printed page is the report alone: the choice and the buttons are not on paper.
  await page.emulateMedia({ media: 'print' })
  expect(await page.getByRole('region', { name: tr('fr', 'activityReport.choice') }).isVisible()).toBe(false)
  expect(await page.getByTestId('report-pdf').isVisible()).toBe(false)
  expect(await page.getByTestId('activity-report').isVisible()).toBe(true)
  await page.emulateMedia({ media: 'screen' })
  const csv = await downloads(page, 'fr')
  expect(csv).toContain('Formations et sensibilisations données,Total,Participants,27')
  expect(csv).toContain('Proche,Volontaire,< 10')

  // A second session, whose participants were not counted: in the table, but neither bar nor "0" on the chart.
  const uncounted = await lead.post('/api/training-sessions', {
    teamId,
    heldOn: `${YEAR}-02-20`,
    audience: 'youth_service',
    title: 'Échange de pratiques',
    participants: 0,
    hours: 1,
  })
  expect(uncounted.statusCode, uncounted.body).toBe(201)

  await chooseLanguage(page, server.url, 'nl')
  await page.goto(`${server.url}/activity-report`)
  await page.getByRole('heading', { level: 1, name: tr('nl', 'activityReport.title') }).waitFor()
  await expect.poll(() => tableCells(page, 'report-opened', 'Naaste')).toEqual(['< 10', '0', '< 10'])
  expect(await tableCells(page, 'report-training', 'Totaal')).toEqual(['2', '27', '3,5'])
  expect(await tableCells(page, 'report-training', tr('nl', 'training.audiences.youth_service'))).toEqual(['1', '0', '1'])
  const trainingNl = page.getByTestId('report-training')
  await trainingNl.locator('svg.recharts-surface').waitFor()
  expect((await trainingNl.locator('.recharts-label-list text').allTextContents()).filter((v) => v.trim())).toEqual(['27'])
  await checkScreen(page, 'activity report (nl)', 'nl')
  const nl = await downloads(page, 'nl')
  expect(nl).toContain('Gegeven opleidingen en sensibiliseringen,Totaal,Deelnemers,27')
  await page.goto(`${server.url}/training-sessions`)
  await page.getByTestId('training-list').getByText('Athénée royal de Jambes', { exact: true }).waitFor()
  await checkScreen(page, 'training log (nl)', 'nl')
  // Counts only: no one's name in the report.
  await page.goto(`${server.url}/activity-report`)
  await page.getByTestId('activity-report').waitFor()
  expect(await page.content()).not.toContain('relative0')
  expect(problems).toEqual([])
})

it('the DPO chooses the team and reads its report in German; a worker keeps the log in English but has no report', async () => {
  const context = await browser.newContext({ locale: 'de-BE', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
  await signIn(context, server.url, dpo.email)
  const page = await context.newPage()
  const problems = watchConsole(page)
  await chooseLanguage(page, server.url, 'de')
  await page.goto(`${server.url}/activity-report`)
  await page.getByRole('heading', { level: 1, name: tr('de', 'activityReport.title') }).waitFor()
  // Every team is offered to the DPO, who belongs to none; the only one is chosen already.
  const team = page.getByLabel(tr('de', 'indicators.team'), { exact: true })
  await expect.poll(() => team.inputValue()).toBe('Équipe Namur')
  await team.click()
  await page.getByRole('option', { name: 'Équipe Namur' }).click()
  await expect.poll(() => tableCells(page, 'report-opened', 'Angehörige')).toEqual(['< 10', '0', '< 10'])
  await checkScreen(page, 'activity report, DPO (de)', 'de')
  expect(problems).toEqual([])
  await context.close()

  const asWorker = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
  await signIn(asWorker, server.url, worker.email)
  const wp = await asWorker.newPage()
  const workerProblems = watchConsole(wp)
  await chooseLanguage(wp, server.url, 'en')
  await wp.goto(`${server.url}/training-sessions`)
  await wp.getByRole('heading', { level: 1, name: tr('en', 'training.title') }).waitFor()
  await wp.getByTestId('training-list').getByText('Athénée royal de Jambes', { exact: true }).waitFor()
  // The worker changes a session of the team, and only a lead deletes one.
  const title = 'Radicalisation : repérer sans stigmatiser'
  expect(await wp.getByRole('button', { name: tr('en', 'training.edit').replace('{{title}}', title) }).count()).toBe(1)
  expect(await wp.getByRole('button', { name: tr('en', 'training.deleteNamed').replace('{{title}}', title) }).count()).toBe(0)
  expect(await wp.getByRole('link', { name: tr('en', 'nav.activityReport') }).count()).toBe(0)
  await checkScreen(wp, 'training log, worker (en)', 'en')
  expect(workerProblems).toEqual([])
  await asWorker.close()
})
