import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { JobRunner } from '../server/jobs/jobs.runner'
import { studyExtractJob } from '../server/modules/extracts/extract.job'
import { type Agent, serviceDate } from '../server/test/harness'
import { closeCase, dateBack, holdSession, openCase, tableCells } from './cohort'
import { checkScreen, chooseLanguage, signIn, tr } from './i18n-checks'
import { shotsAtTwoWidths } from './shots'
import { launchBrowser, SCREENSHOTS, startServer, watchConsole } from './support'

/**
 * Issue 14, "Done means", told once in French and once in Dutch, through the screens: the lead
 * opens last year's indicators of the team (a real count and a "< 10"); registers a study asking
 * for five variables; the DPO approves it; the researcher, who reaches no person and no case, runs
 * the extract, downloads the CSV and the XLSX (same header) and the data dictionary; a worker
 * writes a practice note resting on last year's indicator view, the researcher replies and opens
 * that view again from the note; the lead downloads last year's activity report as PDF and CSV.
 * Only the team's past year is set up through the API.
 *
 * The team's last year: 12 accompaniments of people concerned, all alike for the study's
 * quasi-identifiers (women, born the same year, living in Brussels, voluntary), 10 of them closed
 * and 3 with a session held; and 3 of relatives (men in Liège), too few to be published alone or
 * to survive k = 5 in an extract.
 */
const SHOTS = path.join(SCREENSHOTS, 'research-done')
const LAST_YEAR = Number(serviceDate().slice(0, 4)) - 1
const THIS_YEAR = LAST_YEAR + 1
const TEAM = 'Équipe Recherche'
const VARIABLES = ['age_band', 'gender', 'province', 'framework', 'duration_band'] as const
const CONCERNED = { birthDate: `${LAST_YEAR - 30}-05-14`, birthYear: LAST_YEAR - 30, postcode: '1050', gender: 'female' }
const RELATIVE = { birthDate: `${LAST_YEAR - 52}-11-23`, birthYear: LAST_YEAR - 52, postcode: '4020', gender: 'male' }
/** Names, birth dates and postcodes of everyone seeded: none may leave in an extract. */
const SEEDED_NAMES: string[] = []

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let teamId: string
let lead: Agent & { userId: string; email: string }
let worker: Agent & { userId: string; email: string }
let dpo: Agent & { userId: string; email: string }
let researcher: Agent & { userId: string; email: string }
let aCase: { caseId: string; personId: string }

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true })
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  teamId = await server.team(TEAM)
  lead = await server.as(['lead'], { teamIds: [teamId] })
  worker = await server.as(['worker'], { teamIds: [teamId] })
  dpo = await server.as(['dpo'])
  researcher = await server.as(['researcher'])

  const open = async (kind: 'concerned' | 'relative', i: number) => {
    const firstName = kind === 'concerned' ? `Séraphine${i}` : `Anatole${i}`
    const lastName = kind === 'concerned' ? `Vandermolen${i}` : `Quistrebert${i}`
    SEEDED_NAMES.push(firstName, lastName)
    return openCase(worker, teamId, kind, { firstName, lastName, ...(kind === 'concerned' ? CONCERNED : RELATIVE) })
  }
  const ids: string[] = []
  for (let i = 0; i < 12; i++) {
    const c = await open('concerned', i)
    ids.push(c.id)
    if (i === 11) aCase = { caseId: c.id, personId: c.personId }
    // Sessions first: a closed case takes none.
    if (i < 3) await holdSession(worker, c.id, `${LAST_YEAR}-04-0${i + 1}T08:00:00.000Z`)
    if (i < 10) await closeCase(worker, lead, c)
  }
  for (let i = 0; i < 3; i++) ids.push((await open('relative', i)).id)
  // The API dates a case by the clock: move them to last year, opened on 1 March and closed on
  // 1 June, as the cases of a year past would be.
  await dateBack(server.services.db, ids, LAST_YEAR)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** A signed-in page in the given language, its console watched. */
async function pageOf(user: { email: string }, lang: Language): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: `${lang}-BE`, timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
  await signIn(context, server.url, user.email)
  const page = await context.newPage()
  const problems = watchConsole(page)
  await chooseLanguage(page, server.url, lang)
  return { page, problems }
}

/** Last year's counts: the total is published, the relatives' three are hidden. */
async function expectLastYear(page: Page, lang: Language) {
  await page.getByTestId('indicators-summary').getByText(String(LAST_YEAR)).first().waitFor()
  await expect.poll(() => tableCells(page, 'indicators-opened', tr(lang, 'accompaniment.kind.relative'))).toEqual(['< 10', '0', '< 10'])
  expect(await tableCells(page, 'indicators-opened', tr(lang, 'indicators.total'))).toEqual(['15', '0', '15'])
  expect(await tableCells(page, 'indicators-closed', tr(lang, 'indicators.total'))).toEqual(['10'])
  expect(await page.getByTestId('indicators-legend').innerText()).toContain('10')
  expect(await page.content()).not.toContain('Vandermolen')
}

/** The CSV as lines of cells (no field of ours needs quoting: codes and hex pseudonyms only). */
function csvCells(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true)
  return text
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','))
}

for (const lang of ['fr', 'nl'] as const) {
  it(`issue 14 done: indicators, study, approval, extract, practice note and reply, activity report (${lang})`, async () => {
    const t = (key: string) => tr(lang, key)
    const title = lang === 'fr' ? 'Durée des accompagnements volontaires' : 'Duur van vrijwillige begeleidingen'
    const noteTitle = lang === 'fr' ? 'Clôturer avant six mois' : 'Afsluiten binnen zes maanden'
    const reply = lang === 'fr' ? 'Est-ce aussi vrai sous mandat judiciaire ?' : 'Geldt dat ook bij een gerechtelijk mandaat?'

    // 1. The lead opens last year's indicators from the navigation; the preset is reached by Tab.
    const asLead = await pageOf(lead, lang)
    const l = asLead.page
    await l.goto(`${server.url}/dashboard`)
    await l.getByRole('link', { name: t('nav.indicators') }).click()
    await l.getByRole('heading', { level: 1, name: t('indicators.title') }).waitFor()
    const team = l.getByLabel(t('indicators.team'), { exact: true })
    await expect.poll(() => team.inputValue()).toBe(TEAM)
    await team.focus()
    await l.keyboard.press('Tab')
    await l.keyboard.press('Tab')
    await expect.poll(() => l.evaluate(() => document.activeElement?.textContent)).toBe(t('indicators.presets.last_year'))
    await l.keyboard.press('Enter')
    await expect.poll(() => l.getByTestId('preset-last_year').getAttribute('aria-pressed')).toBe('true')
    await expectLastYear(l, lang)
    await checkScreen(l, `last year's indicators, lead (${lang})`, lang)
    await shotsAtTwoWidths(l, SHOTS, `1-indicators-lead.${lang}`)

    // 2. The lead registers a study asking for five variables, naming the researcher, and submits it.
    await l.getByRole('link', { name: t('nav.studies') }).click()
    await l.getByRole('heading', { level: 1, name: t('studies.list.title') }).waitFor()
    await l.getByRole('link', { name: t('studies.list.new') }).click()
    await l.getByRole('heading', { level: 1, name: t('studies.new.title') }).waitFor()
    await l.getByLabel(t('studies.field.title')).fill(title)
    await l.getByLabel(t('studies.field.question')).fill(lang === 'fr' ? 'Combien de temps durent-ils ?' : 'Hoelang duren ze?')
    await l.getByLabel(t('studies.field.protocol')).fill(lang === 'fr' ? 'Analyse descriptive, k ≥ 5.' : 'Beschrijvende analyse, k ≥ 5.')
    await l.getByLabel(t('studies.field.approvingBody')).fill(lang === 'fr' ? 'Comité d’éthique' : 'Ethisch comité')
    await l.getByLabel(t('studies.field.approvalReference')).fill(`CE-${THIS_YEAR}-${lang}`)
    await l.getByTestId('study-starts-on').fill(`01/01/${THIS_YEAR}`)
    await l.getByTestId('study-ends-on').fill(`31/12/${THIS_YEAR + 1}`)
    await l.getByTestId('study-ends-on').press('Tab')
    for (const v of VARIABLES) await l.getByRole('checkbox', { name: t(`studies.variables.${v}.label`), exact: true }).check()
    await l.getByRole('checkbox', { name: 'Test researcher', exact: true }).check()
    await checkScreen(l, `new study form (${lang})`, lang)
    await shotsAtTwoWidths(l, SHOTS, `2-study-new.${lang}`)
    await l.getByRole('button', { name: t('studies.create') }).click()
    await l.waitForURL(/\/studies\/[0-9a-f-]{36}$/)
    await l.getByTestId('study-status').getByText(t('studies.statuses.draft')).waitFor()
    await l.getByRole('button', { name: t('studies.submit.action') }).click()
    await l.getByTestId('study-status').getByText(t('studies.statuses.submitted')).waitFor()
    await checkScreen(l, `submitted study (${lang})`, lang)
    const studyId = l.url().split('/').at(-1) as string
    const stored = (await lead.get(`/api/studies/${studyId}`)).json()
    expect(stored).toMatchObject({ status: 'submitted', teamId, researchers: [{ id: researcher.userId }] })
    expect([...stored.variables].sort()).toEqual([...VARIABLES].sort())
    expect(asLead.problems).toEqual([])
    await l.context().close()

    // 3. The DPO approves it.
    const asDpo = await pageOf(dpo, lang)
    const d = asDpo.page
    await d.goto(`${server.url}/studies`)
    await d.getByRole('heading', { level: 1, name: t('studies.list.title') }).waitFor()
    await d.getByRole('link', { name: title }).click()
    await d.getByRole('heading', { level: 2, name: t('studies.decision.title') }).waitFor()
    const variables = d.getByTestId('study-variables')
    for (const v of VARIABLES) await variables.getByText(t(`studies.variables.${v}.label`), { exact: true }).waitFor()
    await checkScreen(d, `study to decide (${lang})`, lang)
    await shotsAtTwoWidths(d, SHOTS, `3-study-decision.${lang}`)
    await d
      .getByLabel(t('studies.decision.note'))
      .fill(lang === 'fr' ? 'Variables limitées à la question.' : 'Variabelen beperkt tot de vraag.')
    await d.getByRole('button', { name: t('studies.decision.approve') }).click()
    await d.getByTestId('study-status').getByText(t('studies.statuses.approved')).waitFor()
    await checkScreen(d, `approved study, DPO (${lang})`, lang)
    expect(asDpo.problems).toEqual([])
    await d.context().close()

    // 4. The researcher: the navigation offers research only, and a case or a person opened by
    //    its address is the page that is not there.
    const asResearcher = await pageOf(researcher, lang)
    const r = asResearcher.page
    await r.goto(`${server.url}/`)
    await r.getByRole('heading', { level: 1, name: t('studies.list.title') }).waitFor()
    const nav = r.locator('.mantine-AppShell-navbar')
    await nav.getByRole('link', { name: t('nav.studies') }).waitFor()
    const entries = await nav.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))
    expect(entries.sort()).toEqual(['/account', '/indicators', '/practice-notes', '/studies'])
    for (const key of ['nav.persons', 'nav.accompaniments', 'nav.contacts', 'nav.myDay', 'nav.calendar']) {
      expect(await nav.getByRole('link', { name: t(key) }).count(), key).toBe(0)
    }
    for (const url of [`/accompaniments/${aCase.caseId}`, `/persons/${aCase.personId}`]) {
      await r.goto(`${server.url}${url}`)
      await r.getByRole('heading', { level: 1, name: t('notFound.title') }).waitFor()
      expect(await r.content()).not.toContain('Vandermolen')
    }
    await checkScreen(r, `a case's address, researcher (${lang})`, lang)
    await shotsAtTwoWidths(r, SHOTS, `4-case-not-found-researcher.${lang}`)

    // 5. The researcher runs the extract of the study and downloads its files.
    await r.getByRole('link', { name: t('notFound.back') }).click()
    await r.getByRole('heading', { level: 1, name: t('studies.list.title') }).waitFor()
    await r.getByRole('link', { name: title }).click()
    await r.getByRole('heading', { level: 2, name: t('studies.extracts.title') }).waitFor()
    await r.getByText(t('studies.extracts.empty')).waitFor()
    await r.getByRole('button', { name: t('studies.extracts.run') }).click()
    const rows = r.getByTestId('study-extracts').locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(1)
    // Registered at once; the server's background job makes its files, and the page shows it ready.
    await rows.first().getByTestId('study-extract-state').getByText(t('studies.extracts.state.queued')).waitFor()
    const runner = new JobRunner(server.services, [studyExtractJob])
    while (await runner.runOnce());
    await rows.first().getByTestId('study-extract-state').getByText(t('studies.extracts.state.ready')).waitFor()
    // The twelve alike survive k = 5; the three relatives, alike only among themselves, do not.
    expect(await rows.first().locator('td').nth(3).textContent()).toBe('12')
    expect(await rows.first().locator('td').nth(4).textContent()).toBe('3 (k = 5)')
    await checkScreen(r, `study with its extract, researcher (${lang})`, lang)
    await shotsAtTwoWidths(r, SHOTS, `5-study-extract.${lang}`)

    const [csv] = await Promise.all([r.waitForEvent('download'), r.getByTestId('study-extract-csv').click()])
    expect(csv.suggestedFilename()).toMatch(/^extract-[0-9a-f]{8}\.csv$/)
    const csvText = fs.readFileSync(await csv.path(), 'utf8')
    const [header, ...records] = csvCells(csvText)
    expect(header![0]).toBe('pseudonym')
    expect([...header!.slice(1)].sort()).toEqual([...VARIABLES].sort())
    expect(records).toHaveLength(12)
    const column = (name: string) => records.map((rec) => rec[header!.indexOf(name)])
    for (const p of column('pseudonym')) expect(p).toMatch(/^[0-9a-f]{20}$/)
    expect(new Set(column('age_band'))).toEqual(new Set(['26_35']))
    expect(new Set(column('province'))).toEqual(new Set(['brussels_capital']))
    expect(column('duration_band').sort()).toEqual([...Array<string>(10).fill('3_6_months'), 'open', 'open'])
    // No name, birth date or postcode: not in the file, not as any value (the pseudonyms are hex).
    for (const s of [...SEEDED_NAMES, CONCERNED.birthDate, RELATIVE.birthDate]) expect(csvText).not.toContain(s)
    for (const rec of records) {
      for (const value of rec.slice(1)) for (const code of [CONCERNED.postcode, RELATIVE.postcode]) expect(value).not.toContain(code)
    }

    const [xlsx] = await Promise.all([r.waitForEvent('download'), r.getByTestId('study-extract-xlsx').click()])
    expect(xlsx.suggestedFilename()).toMatch(/^extract-[0-9a-f]{8}\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(await xlsx.path())
    const sheet = workbook.worksheets[0]!
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(header)
    expect(sheet.rowCount).toBe(1 + records.length)
    const xlsxPseudonyms = records.map((_, i) => String(sheet.getRow(i + 2).getCell(1).value)).sort()
    expect(xlsxPseudonyms).toEqual(column('pseudonym').sort())

    // The data dictionary, in the language of the screen the extract was run from.
    const [dictionary] = await Promise.all([r.waitForEvent('download'), r.getByTestId('study-extract-dictionary').click()])
    expect(dictionary.suggestedFilename()).toMatch(/^extract-[0-9a-f]{8}-dictionary\.json$/)
    const doc = JSON.parse(fs.readFileSync(await dictionary.path(), 'utf8')) as {
      study: string
      language: string
      description: string
      k: number
      records: number
      dropped: number
      variables: { name: string; meaning: string; values: unknown }[]
    }
    expect(doc).toMatchObject({ study: title, language: lang, k: 5, records: 12, dropped: 3 })
    expect(doc.description).toContain(lang === 'fr' ? 'Dictionnaire des données' : 'Gegevenswoordenboek')
    expect(doc.variables.map((v) => v.name)).toEqual(header)
    for (const v of doc.variables) expect(v.meaning.length, v.name).toBeGreaterThan(10)

    // 6. A worker writes a practice note resting on last year's indicator view of the team.
    const asWorker = await pageOf(worker, lang)
    const w = asWorker.page
    await w.goto(`${server.url}/practice-notes`)
    await w.getByRole('heading', { level: 1, name: t('practiceNotes.list.title') }).waitFor()
    await w.getByRole('link', { name: t('practiceNotes.list.new') }).click()
    await w.getByRole('heading', { level: 1, name: t('practiceNotes.form.newTitle') }).waitFor()
    await w.getByLabel(t('practiceNotes.fields.title'), { exact: true }).fill(noteTitle)
    await w
      .getByLabel(t('practiceNotes.fields.body'), { exact: true })
      .fill(
        lang === 'fr'
          ? 'Les accompagnements volontaires clôturés l’an dernier ont duré trois à six mois.'
          : 'De vrijwillige begeleidingen die vorig jaar afliepen, duurden drie tot zes maanden.',
      )
    await w.getByLabel(t('practiceNotes.themes.intake'), { exact: true }).check()
    await w.getByRole('switch', { name: t('practiceNotes.evidence.toggle') }).check()
    await w.getByLabel(t('practiceNotes.evidence.team'), { exact: true }).click()
    await w.getByRole('option', { name: TEAM }).click()
    for (const [i, date] of [`01/01/${LAST_YEAR}`, `31/12/${LAST_YEAR}`].entries()) {
      const field = w.getByPlaceholder(t('dateField.dateHint')).nth(i)
      await field.click()
      await field.pressSequentially(date)
      await field.press('Escape')
    }
    await checkScreen(w, `new practice note (${lang})`, lang)
    await w.getByRole('button', { name: t('practiceNotes.form.publish') }).click()
    await w.getByRole('heading', { level: 1, name: noteTitle }).waitFor()
    const viewHref = `/indicators?teamId=${teamId}&from=${LAST_YEAR}-01-01&to=${LAST_YEAR}-12-31`
    expect(await w.getByTestId('note-evidence').getByRole('link').getAttribute('href')).toBe(viewHref)
    await checkScreen(w, `practice note, worker (${lang})`, lang)
    await shotsAtTwoWidths(w, SHOTS, `6-practice-note.${lang}`)
    expect(asWorker.problems).toEqual([])
    await w.context().close()

    // 7. The researcher reads the note, replies, and opens the indicator view it rests on.
    await r.getByRole('link', { name: t('nav.practiceNotes') }).click()
    await r.getByRole('heading', { level: 1, name: t('practiceNotes.list.title') }).waitFor()
    await r.getByRole('link', { name: noteTitle }).click()
    await r.getByRole('heading', { level: 1, name: noteTitle }).waitFor()
    expect(await r.getByRole('link', { name: t('practiceNotes.edit') }).count()).toBe(0)
    await r.getByLabel(t('practiceNotes.comments.new'), { exact: true }).fill(reply)
    await r.getByRole('button', { name: t('practiceNotes.comments.send') }).click()
    await r.getByTestId('note-comments').getByText(reply).waitFor()
    await checkScreen(r, `practice note with a reply, researcher (${lang})`, lang)
    await shotsAtTwoWidths(r, SHOTS, `7-practice-note-reply.${lang}`)
    const evidence = r.getByTestId('note-evidence').getByRole('link')
    await evidence.focus()
    await r.keyboard.press('Enter')
    await r.getByRole('heading', { level: 1, name: t('indicators.title') }).waitFor()
    expect(new URL(r.url()).pathname + new URL(r.url()).search).toBe(viewHref)
    await expect.poll(() => r.getByTestId('preset-last_year').getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => r.getByLabel(t('indicators.team'), { exact: true }).inputValue()).toBe(TEAM)
    await expectLastYear(r, lang)
    await checkScreen(r, `the note's indicator view, researcher (${lang})`, lang)
    await shotsAtTwoWidths(r, SHOTS, `8-indicators-researcher.${lang}`)
    expect(asResearcher.problems).toEqual([])
    await r.context().close()

    // 8. The lead downloads last year's activity report as PDF and CSV: the relatives' three cases
    //    hidden there too, the PDF in the page's language.
    const again = await pageOf(lead, lang)
    const rp = again.page
    await rp.goto(`${server.url}/activity-report`)
    await rp.getByRole('heading', { level: 1, name: tr(lang, 'activityReport.title') }).waitFor()
    const year = rp.getByLabel(tr(lang, 'activityReport.year'), { exact: true })
    await year.click()
    await rp.getByRole('option', { name: String(LAST_YEAR), exact: true }).click()
    await rp.getByTestId('report-summary').getByText(String(LAST_YEAR)).waitFor()
    await expect.poll(() => tableCells(rp, 'report-opened', tr(lang, 'accompaniment.kind.relative'))).toContain('< 10')
    await checkScreen(rp, `last year's activity report, lead (${lang})`, lang)
    await shotsAtTwoWidths(rp, SHOTS, `9-activity-report-lead.${lang}`)
    const [pdf] = await Promise.all([rp.waitForEvent('download'), rp.getByTestId('report-pdf').click()])
    expect(pdf.suggestedFilename()).toBe(`rapport-activite-${LAST_YEAR}.pdf`)
    const pdfText = execFileSync('pdftotext', ['-layout', await pdf.path(), '-'], { encoding: 'utf8' })
    expect(pdfText).toContain(`${tr(lang, 'activityReport.title')} ${LAST_YEAR}`)
    expect(pdfText).toContain('< 10')
    for (const name of SEEDED_NAMES) expect(pdfText).not.toContain(name)
    const [reportCsv] = await Promise.all([rp.waitForEvent('download'), rp.getByTestId('report-csv').click()])
    expect(reportCsv.suggestedFilename()).toBe(`rapport-activite-${LAST_YEAR}.csv`)
    const reportText = fs.readFileSync(await reportCsv.path(), 'utf8')
    expect(reportText.startsWith('\uFEFF')).toBe(true)
    expect(reportText).toContain('< 10')
    for (const name of SEEDED_NAMES) expect(reportText).not.toContain(name)
    expect(again.problems).toEqual([])
    await rp.context().close()
  })
}
