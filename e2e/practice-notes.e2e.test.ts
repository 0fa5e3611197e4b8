import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Agent } from '../server/test/harness'
import { checkScreen, chooseLanguage, settle, signedInPage, tr } from './i18n-checks'
import { launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer } from './support'

/**
 * Practice notes (issue 14): a worker writes a note linked to an indicator view (a case code in
 * the text is refused on screen, naming the field), and the researcher reads it and replies. In
 * French, then the note in Dutch; axe on every screen, desktop and phone screenshots.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let worker: Agent & { userId: string; email: string }
let researcher: Agent & { userId: string; email: string }
let teamId: string
const SHOTS = `${SCREENSHOTS}/practice-notes`

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  teamId = await server.team('Équipe Pratiques')
  worker = await server.as(['worker'], { teamIds: [teamId] })
  researcher = await server.as(['researcher'])
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('a worker writes a note linked to an indicator view; a case code is refused on screen; the researcher replies (FR, NL)', async () => {
  const fr = (key: string) => tr('fr', key)
  const { page, problems } = await signedInPage(browser, server.url, worker.email)

  await page.goto(`${server.url}/practice-notes`)
  await page.getByRole('heading', { level: 1, name: fr('practiceNotes.list.title') }).waitFor()
  await page.getByText(fr('practiceNotes.list.empty')).waitFor()
  await checkScreen(page, 'practice notes, empty (fr)', 'fr')
  await page.getByRole('link', { name: fr('practiceNotes.list.new') }).click()
  await page.getByRole('heading', { level: 1, name: fr('practiceNotes.form.newTitle') }).waitFor()

  await page.getByLabel(fr('practiceNotes.fields.title'), { exact: true }).fill('Impliquer les proches tôt')
  const body = page.getByLabel(fr('practiceNotes.fields.body'), { exact: true })
  await body.fill("Comme dans le dossier A-7K3M-9QX2, les familles impliquées dès le premier mois semblent raccourcir la phase d'accueil.")
  await page.getByLabel(fr('practiceNotes.themes.family_involvement'), { exact: true }).check()
  await page.getByLabel(fr('practiceNotes.themes.intake'), { exact: true }).check()
  await page.getByText(fr('lifeDomains.family'), { exact: true }).click()
  await page.getByRole('switch', { name: fr('practiceNotes.evidence.toggle') }).check()
  await page.getByLabel(fr('practiceNotes.evidence.team'), { exact: true }).click()
  await page.getByRole('option', { name: 'Équipe Pratiques' }).click()
  // The period: the two date fields of the link, typed day first.
  for (const [i, date] of ['01/01/2026', '30/06/2026'].entries()) {
    const field = page.getByPlaceholder(fr('dateField.dateHint')).nth(i)
    await field.click()
    await field.pressSequentially(date)
    await field.press('Escape')
  }
  await page.getByRole('button', { name: fr('practiceNotes.form.publish') }).click()

  // The case code: the body field says why, and nothing was written.
  await page.getByText(fr('practiceNotes.errors.contains_case_code')).waitFor()
  expect(await body.getAttribute('aria-invalid')).toBe('true')
  await checkScreen(page, 'practice note form, case code refused (fr)', 'fr')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/note-refused.fr.desktop.png`, fullPage: true })
  const written = (await (await page.request.get(`${server.url}/api/practice-notes`)).json()) as { total: number }
  expect(written.total).toBe(0)

  await body.fill("Les familles impliquées dès le premier mois semblent raccourcir la phase d'accueil.")
  await page.getByRole('button', { name: fr('practiceNotes.form.publish') }).click()
  await page.getByRole('heading', { level: 1, name: 'Impliquer les proches tôt' }).waitFor()
  const link = page.getByTestId('note-evidence').getByRole('link')
  expect(await link.getAttribute('href')).toBe(`/indicators?teamId=${teamId}&from=2026-01-01&to=2026-06-30`)
  await page.getByTestId('note-evidence').getByText('Équipe Pratiques').waitFor()
  await checkScreen(page, 'practice note (fr)', 'fr')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/note.fr.desktop.png`, fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await settle(page)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/note.fr.phone.png`, fullPage: true })
  expect(problems).toEqual([])
  await page.context().close()

  // The researcher: finds the note by theme, reads it (no edit button) and replies.
  const asResearcher = await signedInPage(browser, server.url, researcher.email)
  const r = asResearcher.page
  await r.goto(`${server.url}/practice-notes?theme=family_involvement`)
  await r.getByRole('heading', { level: 1, name: fr('practiceNotes.list.title') }).waitFor()
  await r.getByRole('link', { name: 'Impliquer les proches tôt' }).waitFor()
  expect(await r.getByRole('link', { name: fr('practiceNotes.list.new') }).count()).toBe(0)
  await checkScreen(r, 'practice notes, filtered (fr)', 'fr')
  await r.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/list.fr.desktop.png`, fullPage: true })
  await r.getByRole('link', { name: 'Impliquer les proches tôt' }).click()
  await r.getByRole('heading', { level: 1, name: 'Impliquer les proches tôt' }).waitFor()
  expect(await r.getByRole('link', { name: fr('practiceNotes.edit') }).count()).toBe(0)
  await r.getByLabel(fr('practiceNotes.comments.new'), { exact: true }).fill('Est-ce aussi le cas sous mandat judiciaire ?')
  await r.getByRole('button', { name: fr('practiceNotes.comments.send') }).click()
  await r.getByTestId('note-comments').getByText('Est-ce aussi le cas sous mandat judiciaire ?').waitFor()
  await checkScreen(r, 'practice note with a reply (fr)', 'fr')

  // Dutch: the same note and its discussion.
  await chooseLanguage(r, server.url, 'nl')
  await r.reload()
  await r.getByRole('heading', { level: 2, name: tr('nl', 'practiceNotes.comments.title') }).waitFor()
  await r.getByTestId('note-comments').getByText('Est-ce aussi le cas sous mandat judiciaire ?').waitFor()
  await checkScreen(r, 'practice note with a reply (nl)', 'nl')
  await r.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/note.nl.desktop.png`, fullPage: true })
  await r.setViewportSize({ width: 390, height: 844 })
  await settle(r)
  await r.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/note.nl.phone.png`, fullPage: true })
  expect(asResearcher.problems).toEqual([])
  await r.context().close()
})
