import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { SubjectExportDocument } from '../common/contracts/dpo-exports.contracts'
import type { Language } from '../common/roles'
import { JobRunner } from '../server/jobs/jobs.runner'
import { dpoExportJob } from '../server/modules/dpo-exports/dpo-export.job'
import { unzipStore } from '../server/modules/dpo-exports/zip.writer'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, startServer } from './support'
import { shotsAtTwoWidths } from './shots'

/**
 * Subject access (GDPR art. 15), in French and in Dutch: the mother of an accompanied young man
 * asks for her data; the DPO starts the export from the keyboard, sees it wait and then progress,
 * ticks off the passages that may name others, and takes the archive once: a zip holding the
 * JSON document about her; a second download is refused.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = '/tmp/shots-dpo-export'
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

it.each(['fr', 'nl'] as Language[])('the DPO exports the data of a mother, reviews and downloads once (%s)', async (lang) => {
  const team = await server.team(`Équipe export ${lang}`)
  const worker = await server.user(['worker'], { teamIds: [team] })
  const dpo = await server.user(['dpo'])
  const asWorker = await signedInPage(browser, server.url, worker.email)
  const asDpo = await signedInPage(browser, server.url, dpo.email)
  await chooseLanguage(asDpo.page, server.url, lang)
  const post = async (page: Page, url: string, data: object) => {
    const res = await page.request.post(`${server.url}${url}`, { data, headers })
    expect(res.status(), await res.text()).toBeLessThan(300)
    return (await res.json()) as { id: string; code: string }
  }

  // A demo-like family: the son is accompanied, his mother is named among his relatives and has her own case.
  const w = asWorker.page
  const son = await post(w, '/api/persons', { firstName: 'Yassine', lastName: `Haddad ${lang}` })
  const mother = await post(w, '/api/persons', { firstName: 'Fatima', lastName: `Haddad ${lang}` })
  const sonCase = await post(w, '/api/accompaniments', {
    kind: 'concerned',
    personId: son.id,
    teamId: team,
    framework: { framework: 'voluntary' },
  })
  await post(w, `/api/accompaniments/${sonCase.id}/relatives`, {
    name: 'Fatima Haddad',
    relationship: 'parent',
    personId: mother.id,
    involvement: 'own_accompaniment',
    consent: 'not_asked',
    note: 'Très inquiète pour son fils',
  })
  const motherCase = await post(w, '/api/accompaniments', {
    kind: 'relative',
    personId: mother.id,
    concernedPersonId: son.id,
    relationship: 'parent',
    teamId: team,
    framework: { framework: 'voluntary' },
  })
  await post(w, `/api/accompaniments/${motherCase.id}/sessions`, {
    status: 'held',
    startsAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    modality: 'office',
    notes: 'Parle de son fils et de ses fréquentations',
  })
  // The DPO records her access request (the request register's own journey tests its screens).
  const request = await post(asDpo.page, '/api/dpo/requests', {
    kind: 'access',
    personId: mother.id,
    requester: 'subject',
    channel: 'letter',
    identityCheck: 'id_document_seen',
    receivedOn: new Date().toISOString().slice(0, 10),
    details: null,
  })

  // The page, reached from the navigation, then with the request chosen from the keyboard.
  const page = asDpo.page
  await page.goto(`${server.url}/audit`)
  await page.getByRole('link', { name: tr(lang, 'nav.dpoExports') }).click()
  await page.getByRole('heading', { level: 1, name: tr(lang, 'dpoExports.title') }).waitFor()
  await checkScreen(page, `exports ${lang}`, lang)
  await shots(page, `exports-start-${lang}`)
  const picker = page.getByLabel(tr(lang, 'dpoExports.requestLabel'), { exact: true })
  await picker.focus()
  await page.keyboard.type(request.code)
  // The register may first show the list cached by the previous language's run, without this
  // request; its option appears when the list is fetched again, and only then can it be chosen.
  await page.getByRole('option', { name: new RegExp(request.code) }).waitFor()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect.poll(() => new URL(page.url()).searchParams.get('request')).toBe(request.id)
  await page.getByTestId('dpo-export-current').waitFor()
  await expect.poll(() => page.getByTestId('dpo-export-current').textContent()).toContain(tr(lang, 'dpoExports.none'))

  // Started from the keyboard: it waits for the job runner, with a named progress bar.
  await page.getByTestId('dpo-export-start').focus()
  await page.keyboard.press('Enter')
  const bar = page.getByRole('progressbar', { name: tr(lang, 'dpoExports.progressLabel') })
  // Waiting, its one section is still zero wide: there for assistive technologies, not yet painted.
  await bar.waitFor({ state: 'attached' })
  expect(await bar.getAttribute('aria-valuenow')).toBe('0')
  expect(await page.getByTestId('dpo-export-state').textContent()).toBe(tr(lang, 'dpoExports.state.queued'))
  expect(await page.getByTestId('dpo-export-start').isDisabled()).toBe(true)
  await checkScreen(page, `export queued ${lang}`, lang)
  await shots(page, `export-queued-${lang}`)

  const runner = new JobRunner(server.services, [dpoExportJob])
  while (await runner.runOnce());
  await page.getByTestId('dpo-export-review').waitFor()
  await bar.waitFor({ state: 'detached' })
  expect(await page.getByTestId('dpo-export-state').textContent()).toBe(tr(lang, 'dpoExports.state.ready'))

  // The flagged passages: the download stays disabled until each is ticked as reviewed.
  const boxes = page.getByTestId('dpo-export-flagged').getByRole('checkbox')
  const flagged = await boxes.count()
  expect(flagged).toBeGreaterThanOrEqual(2)
  const download = page.getByTestId('dpo-export-download')
  expect(await download.getAttribute('aria-disabled')).toBe('true')
  expect(await page.getByTestId('dpo-export-flagged').textContent()).toContain(tr(lang, 'dpoExports.reason.free_text_may_name_others'))
  await checkScreen(page, `export review ${lang}`, lang)
  await shots(page, `export-review-${lang}`)
  for (let i = 0; i < flagged; i++) {
    await boxes.nth(i).focus()
    await page.keyboard.press('Space')
  }
  await expect.poll(() => download.getAttribute('aria-disabled')).toBe('false')

  // Download once, from the keyboard: a zip with the JSON document about the mother.
  await download.focus()
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
  const saved = await file.path()
  const bytes = fs.readFileSync(saved)
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK')
  const entries = new Map(unzipStore(bytes))
  const json = entries.get('export.json')
  expect(json, `archive holds ${[...entries.keys()].join(', ')}`).toBeDefined()
  const doc = SubjectExportDocument.parse(JSON.parse(json!.toString('utf8')))
  expect(doc.request.id).toBe(request.id)
  expect(doc.person.id).toBe(mother.id)
  expect(doc.thirdParties.length).toBe(flagged)

  // The page says it was taken; the server refuses a second download.
  await page.getByTestId('dpo-export-downloaded').waitFor()
  expect(await page.getByTestId('dpo-export-state').textContent()).toBe(tr(lang, 'dpoExports.state.downloaded'))
  expect(await page.getByTestId('dpo-export-history').textContent()).toContain(tr(lang, 'dpoExports.state.downloaded'))
  const exportId = (await (await page.request.get(`${server.url}/api/dpo/exports?requestId=${request.id}`)).json()) as {
    items: { id: string }[]
  }
  const again = await page.request.get(`${server.url}/api/dpo/exports/${exportId.items[0]!.id}/download`)
  expect(again.status()).toBeGreaterThanOrEqual(400)
  expect(((await again.json()) as { code: string }).code).toBe('export.already_downloaded')
  await expectNoAxeViolations(page, `export downloaded ${lang}`)
  await shots(page, `export-downloaded-${lang}`)

  // With no request chosen, the page is the register of exports: who has a copy, at a glance.
  const me = ((await (await page.request.get(`${server.url}/api/me`)).json()) as { displayName: string }).displayName
  await page.goto(`${server.url}/dpo/exports`)
  const register = page.getByTestId('dpo-export-all')
  const row = register.getByRole('row').filter({ hasText: request.code })
  await row.waitFor()
  expect(await row.textContent()).toContain(tr(lang, 'dpoExports.by').replace('{{name}}', me))
  await checkScreen(page, `export register ${lang}`, lang)
  await shots(page, `export-register-${lang}`)
  // The request's code opens that request's exports again.
  await row.getByRole('button', { name: request.code }).click()
  await expect.poll(() => new URL(page.url()).searchParams.get('request')).toBe(request.id)
  expect(asDpo.problems).toEqual([])
})
