import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LANGUAGES } from '../common/roles'
import { checkScreen, chooseLanguage, settle, signedInPage } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer } from './support'

const SHOTS = process.env.PARCOURS_SHOTS ?? '/tmp/shots'

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const shot = (page: Page, name: string) => page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SHOTS, `${name}.png`), fullPage: true })
const headers = { 'x-parcours-request': '1' }

async function openPart(page: Page, caseId: string, part: 'plan' | 'trajectory') {
  await page.goto(`${server.url}/accompaniments/${caseId}`)
  await page.getByTestId('tab-path').click()
  await page.getByTestId(`path-${part}`).click()
  await page.getByTestId(`${part}-panel`).waitFor()
}

/** A Mantine select: open it, then pick the option by its visible name. */
async function pick(page: Page, testId: string, option: string, scope = page.locator('body')) {
  await scope.getByTestId(testId).click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

it('a worker builds a plan, saves it twice and reads the earlier version; then draws the trajectory with the keyboard', async () => {
  const team = await server.team('Équipe Charleroi')
  const worker = await server.user(['worker'], { teamIds: [team] })
  const { page, problems } = await signedInPage(browser, server.url, worker.email)
  const person = await page.request.post(`${server.url}/api/persons`, { data: { firstName: 'Nordine', lastName: 'Vandamme' }, headers })
  expect(person.status(), await person.text()).toBe(201)
  const created = await page.request.post(`${server.url}/api/accompaniments`, {
    data: { kind: 'concerned', personId: ((await person.json()) as { id: string }).id, teamId: team },
    headers,
  })
  expect(created.status(), await created.text()).toBe(201)
  const caseId = ((await created.json()) as { id: string }).id

  // --- The plan: two goals, steps, the person's agreement.
  await openPart(page, caseId, 'plan')
  await page.getByTestId('plan-edit').click()
  await pick(page, 'plan-new-domain', 'Emploi')
  await page.getByTestId('plan-new-title').fill('Trouver un emploi dans la logistique')
  await page.getByTestId('plan-add-goal').click()
  await pick(page, 'plan-new-domain', 'Famille')
  await page.getByTestId('plan-new-title').fill('Renouer avec son père')
  // Enter in the title submits the small form: adding a goal works from the keyboard.
  await page.getByTestId('plan-new-title').press('Enter')
  await expect.poll(() => page.getByTestId('plan-goal-editor').count()).toBe(2)

  const job = page.getByTestId('plan-goal-editor').first()
  await job.getByTestId('plan-add-step').click()
  await job.getByTestId('plan-step-title').last().fill("S'inscrire chez Actiris")
  await job.getByTestId('plan-add-step').click()
  await job.getByTestId('plan-step-title').last().fill('Formation cariste')
  await pick(page, 'plan-step-who', 'Un partenaire', job.getByTestId('plan-step-editor').last())
  // A partner step needs its partner: the plan is refused until it is named.
  await page.getByTestId('plan-save').click()
  await page.getByText('Indiquez le service partenaire qui porte cette étape.').waitFor()
  await job.getByTestId('plan-step-partner').fill('Mission locale de Charleroi')
  await job.getByTestId('plan-step-due').last().fill('2027-03-31')
  const family = page.getByTestId('plan-goal-editor').nth(1)
  await family.getByTestId('plan-add-step').click()
  await family.getByTestId('plan-step-title').fill('Écrire une lettre à son père')
  await page.getByTestId('plan-agreement-status').getByText("En partie d'accord").click()
  await page.getByTestId('plan-agreement-on').fill('2026-11-20')
  await page.getByTestId('plan-agreement-words').fill('Le travail oui, mon père on verra plus tard.')
  await checkScreen(page, 'plan editor', 'fr')
  await shot(page, 'plan-editor')
  await page.getByTestId('plan-save').click()
  await expect.poll(() => page.getByTestId('plan-meta').textContent()).toContain('Version 1')
  await page.getByTestId('plan-goal').first().waitFor()

  // Second save: a step done, the agreement complete.
  await page.getByTestId('plan-edit').click()
  await pick(page, 'plan-step-status', 'Réalisée', page.getByTestId('plan-step-editor').first())
  await page.getByTestId('plan-agreement-status').getByText("D'accord", { exact: true }).click()
  await page.getByTestId('plan-save').click()
  await expect.poll(() => page.getByTestId('plan-meta').textContent()).toContain('Version 2')
  await expect.poll(() => page.getByTestId('plan-panel').textContent()).toContain('Étapes réalisées : 1 sur 2')
  await shot(page, 'plan-view')

  // Someone else saves while the worker edits: the save is refused in plain words, nothing is overwritten.
  await page.getByTestId('plan-edit').click()
  await page.getByTestId('plan-goal-title').first().fill('Trouver un emploi de cariste')
  const planUrl = `${server.url}/api/accompaniments/${caseId}/plan`
  const latest = (await (await page.request.get(planUrl)).json()) as { goals: unknown; agreement: unknown }
  const other = await page.request.put(planUrl, {
    data: { goals: latest.goals, agreement: latest.agreement },
    headers: { ...headers, 'if-match': '"2"' },
  })
  expect(other.status(), await other.text()).toBe(200)
  await page.getByTestId('plan-save').click()
  await page.getByTestId('plan-stale').waitFor()
  await checkScreen(page, 'plan save refused', 'fr')
  await shot(page, 'plan-stale')
  await page.getByTestId('plan-reload').click()
  await expect.poll(() => page.getByTestId('plan-goal-title').first().inputValue()).toBe('Trouver un emploi dans la logistique')
  await page.getByRole('button', { name: 'Annuler', exact: true }).click()
  await expect.poll(() => page.getByTestId('plan-meta').textContent()).toContain('Version 3')

  // The earlier version reads as it was saved, with what changed after it.
  await page.getByTestId('plan-history-open').click()
  await page.getByTestId('plan-history').waitFor()
  await page.getByRole('button', { name: /Ouvrir la version 1 / }).click()
  const v1 = page.getByTestId('plan-version')
  await v1.getByText("En partie d'accord").waitFor()
  await v1.getByText('Le travail oui, mon père on verra plus tard.').waitFor()
  await v1.getByText('Première version du plan.').waitFor()
  await page.getByTestId('plan-history-back').click()
  await page.getByRole('button', { name: /Ouvrir la version 2 / }).click()
  await page.getByTestId('plan-changes').getByText("S'inscrire chez Actiris : désormais Réalisée").waitFor()
  await checkScreen(page, 'plan history', 'fr')
  await shot(page, 'plan-history')
  await page.keyboard.press('Escape')
  await page.getByTestId('plan-version').waitFor({ state: 'detached' })

  // --- The trajectory: a year, a month, a day, and a future goal linked to the plan.
  await openPart(page, caseId, 'trajectory')
  const add = async (e: {
    title: string
    precision: string
    year?: string
    month?: string
    day?: string
    phase?: string
    valence: string
  }) => {
    await page.getByTestId('trajectory-add').click()
    await page.getByTestId('trajectory-title').fill(e.title)
    await page.getByTestId('trajectory-precision').getByText(e.precision).click()
    if (e.day) {
      await page.getByTestId('trajectory-day').fill(e.day)
      // Typing opens the calendar; Escape closes it, not the dialog.
      await page.getByTestId('trajectory-day').press('Escape')
    }
    if (e.month) await pick(page, 'trajectory-month', e.month)
    if (e.year) await page.getByTestId('trajectory-year').fill(e.year)
    if (e.phase) await pick(page, 'trajectory-phase', e.phase)
    await page.getByTestId('trajectory-valence').getByText(e.valence, { exact: true }).click()
    await page.getByTestId('trajectory-save').click()
    await page.getByRole('dialog').waitFor({ state: 'detached' })
  }
  await add({ title: 'Décrochage scolaire', precision: "L'année seulement", year: '2014', phase: 'Avant', valence: 'Difficile' })
  await add({
    title: 'Rencontre avec un recruteur en ligne',
    precision: 'Le mois',
    month: 'mars',
    year: '2017',
    phase: 'Entrée',
    valence: 'Très difficile',
  })
  await add({ title: 'Naissance de sa fille', precision: 'Le jour exact', day: '2021-06-14', phase: 'Tournant', valence: 'Très bien' })
  await page.getByTestId('trajectory-add-future').click()
  await page.getByTestId('trajectory-title').fill('Un CDI et un appartement à moi')
  await page.getByTestId('trajectory-year').fill('2028')
  await page.getByTestId('trajectory-goals').click({ force: true })
  await page.getByRole('option', { name: /Trouver un emploi dans la logistique/ }).click()
  await page.keyboard.press('Escape')
  await checkScreen(page, 'trajectory future goal form', 'fr')
  await page.getByTestId('trajectory-save').click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })

  const rows = page.getByTestId('trajectory-row')
  await expect.poll(() => rows.count()).toBe(4)
  expect(await rows.locator('td:first-child').allTextContents()).toEqual(['≈ 2014', '≈ mars 2017', '14 juin 2021', '≈ 2028'])
  await rows.nth(3).getByText('Trouver un emploi dans la logistique').waitFor()

  // Keyboard on the timeline: one tab stop, arrows move, Enter opens, Delete asks.
  const markers = page.getByTestId('trajectory-marker')
  await markers.first().focus()
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toContain('Décrochage scolaire')
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toContain('Rencontre avec un recruteur')
  expect(await markers.evaluateAll((els) => els.map((e) => e.getAttribute('tabindex')).filter((t) => t === '0').length)).toBe(1)
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toContain('Naissance de sa fille')
  await page.getByTestId('trajectory-detail').getByText('Naissance de sa fille').waitFor()
  await checkScreen(page, 'trajectory', 'fr')
  await shot(page, 'trajectory')
  await page.keyboard.press('Enter')
  await expect.poll(() => page.getByTestId('trajectory-title').inputValue()).toBe('Naissance de sa fille')
  await page.getByTestId('trajectory-description').fill('Il dit que tout a changé ce jour-là.')
  await page.getByTestId('trajectory-save').click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })
  await page.getByTestId('trajectory-detail').getByText('Il dit que tout a changé ce jour-là.').waitFor()
  await markers.first().focus()
  await page.keyboard.press('Delete')
  await page.getByRole('dialog').getByText('« Décrochage scolaire »', { exact: false }).waitFor()
  await checkScreen(page, 'trajectory delete question', 'fr')
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler' }).click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })
  await expect.poll(() => rows.count()).toBe(4)

  // Both panels in the four languages.
  for (const lang of LANGUAGES) {
    await chooseLanguage(page, server.url, lang)
    await openPart(page, caseId, 'plan')
    await settle(page)
    await checkScreen(page, `plan panel (${lang})`, lang)
    await page.getByTestId(`path-trajectory`).click()
    await page.getByTestId('trajectory-panel').waitFor()
    await page.getByTestId('trajectory-marker').nth(2).click()
    await checkScreen(page, `trajectory panel (${lang})`, lang)
    if (lang === 'nl') await shot(page, 'trajectory-nl')
  }

  expect(problems, 'console problems').toEqual([])
})
