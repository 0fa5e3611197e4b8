import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LANGUAGES } from '../common/roles'
import { checkScreen, chooseLanguage, settle, signedInPage, tr } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer } from './support'

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** From the top of the page, so that the fixed header is not drawn across the middle of a full-page shot. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `path-${name}.png`), fullPage: true })
}
const headers = { 'x-parcours-request': '1' }

/** The data-testid nearest to the focused element: where the keyboard is. */
const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null)

/** Presses Tab until the focus reaches the control, as a keyboard user would. */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab')
    if ((await focusedTestId(page)) === testId) return
  }
  throw new Error(`Tab never reached ${testId}`)
}

/** Sets a scale with the keyboard only: focus its first point, take it, then arrow to the value. */
async function scaleByKeyboard(control: Locator, steps: number): Promise<void> {
  await control.locator('input[type=radio]').first().focus()
  await control.page().keyboard.press('Space')
  for (let i = 0; i < steps; i++) await control.page().keyboard.press('ArrowRight')
}

/** A Mantine select (by test id or locator): open it, then pick the option by its visible name. */
async function pick(page: Page, select: string | Locator, option: string): Promise<void> {
  await (typeof select === 'string' ? page.getByTestId(select) : select).click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

/** Fills tie number `i` of the network editor (0-based). */
async function fillTie(page: Page, i: number, tie: { name: string; kind: string; relation: string; strength: string; valence: string }) {
  const box = page.getByTestId('tie-fields').nth(i)
  await box.getByLabel('Nom', { exact: false }).first().fill(tie.name)
  await box.getByLabel('Type').selectOption(tie.kind)
  await box.getByLabel('Relation').selectOption(tie.relation)
  await box.getByLabel('Force du lien').selectOption(tie.strength)
  await box.getByLabel('Nature du lien').selectOption(tie.valence)
}

it('a worker goes through the path (motivations, trajectory, two reviews, two network snapshots) and sees the progress change', async () => {
  const team = await server.team('Équipe Namur')
  const worker = await server.user(['worker'], { teamIds: [team] })
  const { page, problems } = await signedInPage(browser, server.url, worker.email)
  const person = await page.request.post(`${server.url}/api/persons`, { data: { firstName: 'Samira', lastName: 'Dewaele' }, headers })
  expect(person.status(), await person.text()).toBe(201)
  const created = await page.request.post(`${server.url}/api/accompaniments`, {
    data: { kind: 'concerned', personId: ((await person.json()) as { id: string }).id, teamId: team },
    headers,
  })
  expect(created.status(), await created.text()).toBe(201)
  const caseId = ((await created.json()) as { id: string }).id
  const caseUrl = `${server.url}/accompaniments/${caseId}`

  // --- The path tab opens on the assessments.
  await page.goto(caseUrl)
  await page.getByTestId('tab-path').click()
  await page.getByTestId('assessments-panel').waitFor()

  // Motivations: weights from both sides, a comment, the person's own story and the worker's reading.
  await page.getByTestId('new-motivations').click()
  await page.getByRole('heading', { level: 3, name: 'Motivations : nouvelle saisie' }).waitFor()
  await page.getByTestId('assessment-taken-on').fill('2026-10-05')
  await scaleByKeyboard(page.getByTestId('answer-belonging-worker'), 8)
  await scaleByKeyboard(page.getByTestId('answer-belonging-person'), 6)
  await page.getByTestId('comment-belonging').fill('Cherchait un groupe après la rupture familiale')
  await scaleByKeyboard(page.getByTestId('answer-grievance-worker'), 7)
  await scaleByKeyboard(page.getByTestId('answer-grievance-person'), 9)
  await page.getByTestId('answer-own_words-person').fill('On me disait que je comptais enfin pour quelque chose.')
  await page.getByTestId('answer-worker_reading-worker').fill("Le besoin d'appartenance domine l'idéologie.")
  await expect.poll(() => page.getByTestId('answer-grievance-person').locator('input:checked').inputValue()).toBe('9')
  await settle(page)
  await expectNoAxeViolations(page, 'motivations form')
  await shot(page, 'motivations-form')
  await page.getByTestId('assessment-save').focus()
  await page.keyboard.press('Enter')
  await page.getByText('Saisie enregistrée.').waitFor()
  await expect.poll(() => page.getByTestId('instrument-motivations').getByRole('row').count()).toBe(2)

  // Two progress reviews a month apart: things get better, more so in the person's eyes.
  const DOMAINS = ['housing', 'employment', 'family', 'violence'] as const
  const REVIEWS = [
    { date: '2026-10-05', worker: 3, person: 5 },
    { date: '2026-11-05', worker: 6, person: 7 },
  ]
  for (const r of REVIEWS) {
    await page.getByTestId('new-progress-review').click()
    await page.getByTestId('assessment-taken-on').fill(r.date)
    // The scale runs from 1: n - 1 steps to the right of the first point.
    for (const d of DOMAINS) {
      await scaleByKeyboard(page.getByTestId(`answer-${d}-worker`), r.worker - 1)
      await scaleByKeyboard(page.getByTestId(`answer-${d}-person`), r.person - 1)
    }
    await expect.poll(() => page.getByTestId('answer-violence-person').locator('input:checked').inputValue()).toBe(String(r.person))
    await page.getByTestId('assessment-save').click()
    await page.getByText('Saisie enregistrée.').waitFor()
  }
  const reviews = page.getByTestId('instrument-progress-review')
  await expect.poll(() => reviews.getByRole('row').count()).toBe(3)
  expect(await reviews.locator('tbody tr td:first-child').allTextContents()).toEqual(['05/11/2026', '05/10/2026'])
  await checkScreen(page, 'assessments panel', 'fr')
  await shot(page, 'assessments')

  // --- Trajectory: the first event entirely by keyboard (the precision stays "year only").
  await page.getByTestId('path-trajectory').click()
  await page.getByTestId('trajectory-panel').waitFor()
  await page.getByTestId('trajectory-add').focus()
  await page.keyboard.press('Enter')
  await page.getByRole('dialog').waitFor()
  await expect.poll(() => focusedTestId(page)).toBe('trajectory-title')
  await page.keyboard.type('Décrochage scolaire')
  await tabTo(page, 'trajectory-year')
  await page.keyboard.type('2015')
  await tabTo(page, 'trajectory-phase')
  // Arrow down opens the list, a second one moves to its first phase, "Before"; Enter takes it.
  await page.keyboard.press('ArrowDown')
  const before = page.getByRole('option', { name: 'Avant', exact: true })
  await before.waitFor()
  await page.keyboard.press('ArrowDown')
  await expect.poll(() => before.getAttribute('data-combobox-selected')).not.toBeNull()
  await page.keyboard.press('Enter')
  await expect.poll(() => page.getByTestId('trajectory-phase').inputValue()).toBe('Avant')
  await tabTo(page, 'trajectory-valence')
  // The scale runs from "very difficult" on the left: from "neutral", one step left is "difficult".
  await page.keyboard.press('ArrowLeft')
  await expect.poll(() => page.getByTestId('trajectory-valence').locator('input:checked').inputValue()).toBe('-1')
  await tabTo(page, 'trajectory-save')
  await page.keyboard.press('Enter')
  await page.getByRole('dialog').waitFor({ state: 'detached' })

  // A month, then a full date.
  await page.getByTestId('trajectory-add').click()
  await page.getByTestId('trajectory-title').fill('Premier contact avec un groupe en ligne')
  await page.getByTestId('trajectory-precision').getByText('Le mois').click()
  await pick(page, 'trajectory-month', 'mars')
  await page.getByTestId('trajectory-year').fill('2019')
  await pick(page, 'trajectory-phase', 'Entrée')
  await page.getByTestId('trajectory-valence').getByText('Très difficile', { exact: true }).click()
  await page.getByTestId('trajectory-save').click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })

  await page.getByTestId('trajectory-add').click()
  await page.getByTestId('trajectory-title').fill('Embauche comme magasinière')
  await page.getByTestId('trajectory-precision').getByText('Le jour exact').click()
  await page.getByTestId('trajectory-day').fill('2025-09-14')
  // The calendar opened by typing closes with Escape, leaving the dialog open.
  await page.getByTestId('trajectory-day').press('Escape')
  await pick(page, 'trajectory-phase', 'Tournant')
  await pick(page, 'trajectory-domain', 'Emploi')
  await page.getByTestId('trajectory-valence').getByText('Très bien', { exact: true }).click()
  await checkScreen(page, 'trajectory form', 'fr')
  await page.getByTestId('trajectory-save').click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })

  const rows = page.getByTestId('trajectory-row')
  await expect.poll(() => rows.count()).toBe(3)
  expect(await rows.locator('td:first-child').allTextContents()).toEqual(['≈ 2015', '≈ mars 2019', '14 septembre 2025'])
  expect(await rows.first().textContent()).toContain('Décrochage scolaire')
  expect(await rows.first().textContent()).toContain('Difficile')
  await page.getByTestId('trajectory-marker').first().focus()
  await page.keyboard.press('ArrowRight')
  await page.getByTestId('trajectory-detail').getByText('Premier contact avec un groupe en ligne').waitFor()
  await checkScreen(page, 'trajectory', 'fr')
  await shot(page, 'trajectory')

  // --- Network: a first map, then a second from a copy (the harmful group left, a club joined).
  await page.getByTestId('path-network').click()
  await page.getByTestId('network-panel').waitFor()
  await page.getByTestId('network-new').click()
  const editor = page.getByTestId('network-editor')
  await editor.waitFor()
  await editor.getByLabel("Date de l'instantané").fill('2026-10-05')
  await fillTie(page, 0, { name: 'Sa sœur Leïla', kind: 'person', relation: 'family', strength: '3', valence: 'supportive' })
  await page.getByTestId('tie-add').click()
  await fillTie(page, 1, {
    name: 'Canal Aube noire',
    kind: 'online_community',
    relation: 'extremist_milieu',
    strength: '2',
    valence: 'harmful',
  })
  await page.getByTestId('tie-add').click()
  await fillTie(page, 2, { name: 'Cousin Karim', kind: 'person', relation: 'family', strength: '1', valence: 'ambivalent' })
  await page.getByTestId('network-save').click()
  await editor.waitFor({ state: 'detached' })
  await page.getByRole('img', { name: /Carte du réseau au 5 octobre 2026 : 3 liens/ }).waitFor()

  await page.getByTestId('network-new').click()
  await editor.waitFor()
  await expect.poll(() => page.getByTestId('tie-fields').count()).toBe(3)
  await editor.getByLabel("Date de l'instantané").fill('2026-11-05')
  await editor.getByRole('button', { name: 'Retirer « Canal Aube noire »' }).click()
  await expect.poll(() => page.getByTestId('tie-fields').count()).toBe(2)
  await page.getByTestId('tie-add').click()
  await fillTie(page, 2, { name: 'Club de boxe', kind: 'group', relation: 'community', strength: '2', valence: 'supportive' })
  await page.getByTestId('network-save').click()
  await editor.waitFor({ state: 'detached' })
  const map = page.getByRole('img', { name: /Carte du réseau au 5 novembre 2026 : 3 liens/ })
  await map.waitFor()
  await expect.poll(() => map.getAttribute('aria-label')).toContain('soutenants : 2, ambivalents : 1, nuisibles : 0')
  await checkScreen(page, 'network', 'fr')
  await shot(page, 'network')

  // --- The overview: the radar, the lines, the network change.
  await page.getByRole('tab', { name: tr('fr', 'caseTabs.overview') }).click()
  const radar = page.getByTestId('progress-radar')
  // The charts are drawn when they come into view, as for a user scrolling down.
  await radar.scrollIntoViewIfNeeded()
  await radar.locator('.recharts-surface').first().waitFor()
  await expect
    .poll(() => page.getByRole('region', { name: "L'évolution en un coup d'œil" }).textContent())
    .toContain("Trajectoire : 3 événements, 0 objectif d'avenir.")
  await radar.getByText('Voir les chiffres').click()
  const radarRow = (domain: string) =>
    page
      .getByTestId('radar-table')
      .locator('tbody tr')
      .filter({ hasText: tr('fr', `lifeDomains.${domain}`) })
      .locator('td')
  // The latest review first; a domain left out of the reviews reads as a dash, not a zero…
  await expect.poll(() => radarRow('housing').allTextContents()).toEqual(['Logement', '6', '7'])
  expect(await radarRow('health').allTextContents()).toEqual([tr('fr', 'lifeDomains.health'), '—', '—'])
  // …and the radar moves back a month when the earlier review is chosen.
  await pick(page, radar.getByLabel('Bilan du'), '05/10/2026')
  await expect.poll(() => radarRow('housing').allTextContents()).toEqual(['Logement', '3', '5'])
  await pick(page, radar.getByLabel('Bilan du'), '05/11/2026')
  await expect.poll(() => radarRow('housing').allTextContents()).toEqual(['Logement', '6', '7'])

  const lines = page.getByTestId('progress-lines')
  await expect.poll(() => lines.locator('.progress-domain').count()).toBe(DOMAINS.length)
  await expect
    .poll(() => lines.locator('.progress-domain', { hasText: 'Logement' }).textContent())
    // The latest scores, and how they moved since the first review (3 / 5 then 6 / 7).
    .toContain('Intervenant·e 6 (+3) · Personne 7 (+2)')
  await lines.getByText('Voir les chiffres').click()
  // One row per review, oldest first, each reading "worker / person".
  const lineRows = lines.locator('tbody tr')
  await expect.poll(() => lineRows.count()).toBe(2)
  expect(await lineRows.nth(0).locator('td').allTextContents()).toEqual(['05/10/2026', '3 / 5', '3 / 5', '3 / 5', '3 / 5'])
  expect(await lineRows.nth(1).locator('td').allTextContents()).toEqual(['05/11/2026', '6 / 7', '6 / 7', '6 / 7', '6 / 7'])

  const change = page.getByTestId('network-change')
  await expect.poll(() => change.textContent()).toContain('1 lien de soutien gagné depuis le 5 octobre 2026')
  await expect.poll(() => change.textContent()).toContain('1 lien nocif quitté')
  await expect.poll(() => page.getByTestId('progress-plan').textContent()).toContain('Pas encore de plan.')
  await checkScreen(page, 'overview', 'fr')
  await shot(page, 'overview')

  // --- The person's summary: their progress and their people, none of the worker's notes.
  await page.getByRole('link', { name: 'Résumé pour la personne' }).click()
  const sheet = page.getByTestId('person-summary')
  await sheet.waitFor()
  expect(await sheet.getByRole('heading', { level: 1 }).textContent()).toBe('Le parcours de Samira, en bref')
  const summaryHousing = page.getByTestId('summary-progress').locator('tbody tr').filter({ hasText: 'Logement' })
  expect(await summaryHousing.locator('td').allTextContents()).toEqual(['Logement', '5 → 7', '3 → 6'])
  const text = (await sheet.textContent()) ?? ''
  expect(text).toContain('Club de boxe')
  expect(text).toContain('Sa sœur Leïla')
  expect(text).toContain('Vous avez pris vos distances avec 1 lien qui vous faisait du tort.')
  // No plan yet: no sentence about agreeing to it.
  expect(text).toContain("Pas encore d'objectifs écrits ensemble.")
  expect(text).not.toContain('accord sur ce plan')
  for (const hidden of ['Canal Aube noire', 'Dewaele', 'comptais enfin', 'appartenance domine', 'rupture familiale']) {
    expect(text, `the summary leaves out ${hidden}`).not.toContain(hidden)
  }
  await checkScreen(page, 'person summary', 'fr')
  await shot(page, 'summary')
  expect(problems, 'console problems').toEqual([])

  // --- Every new screen of the path in the four languages.
  for (const lang of LANGUAGES) {
    await chooseLanguage(page, server.url, lang)
    await page.goto(`${caseUrl}?tab=path`)
    await page.getByTestId('assessments-panel').waitFor()
    await checkScreen(page, `assessments panel (${lang})`, lang)
    await page.getByTestId('path-plan').click()
    await page.getByTestId('plan-panel').waitFor()
    await checkScreen(page, `plan (${lang})`, lang)
    await page.getByTestId('path-trajectory').click()
    await page.getByTestId('trajectory-marker').nth(2).click()
    await page.getByTestId('trajectory-detail').waitFor()
    await checkScreen(page, `trajectory (${lang})`, lang)
    await page.getByTestId('path-network').click()
    await page.getByTestId('network-map').waitFor()
    await checkScreen(page, `network (${lang})`, lang)
    await page.getByRole('tab', { name: tr(lang, 'caseTabs.overview') }).click()
    await page.getByTestId('progress-radar').scrollIntoViewIfNeeded()
    await page.getByTestId('progress-radar').locator('.recharts-surface').first().waitFor()
    await page.getByTestId('network-change').waitFor()
    await checkScreen(page, `overview (${lang})`, lang)
    if (lang === 'de') await shot(page, 'overview-de')
    await page.getByRole('link', { name: tr(lang, 'progress.openSummary') }).click()
    await page.getByTestId('person-summary').waitFor()
    await checkScreen(page, `person summary (${lang})`, lang)
  }
  expect(problems, 'console problems').toEqual([])
})
