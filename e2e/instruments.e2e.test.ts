import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LANGUAGES } from '../common/roles'
import { checkScreen, chooseLanguage, settle, signedInPage, tr } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, SHOT_TIMEOUT, startServer } from './support'

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = '/tmp/shots'

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const shot = (page: Page, name: string) =>
  page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SHOTS, `instruments-${name}.png`), fullPage: true })
const headers = { 'x-parcours-request': '1' }

/** Sets a scale with the keyboard only: focus its first point, take it, then arrow to the value. */
async function scaleByKeyboard(control: Locator, steps: number): Promise<void> {
  await control.locator('input[type=radio]').first().focus()
  await control.page().keyboard.press('Space')
  for (let i = 0; i < steps; i++) await control.page().keyboard.press('ArrowRight')
}

async function openPath(page: Page, caseId: string): Promise<void> {
  await page.goto(`${server.url}/accompaniments/${caseId}`)
  await page.getByTestId('tab-path').click()
  await page.getByTestId('assessments-panel').waitFor()
}

it('a worker records motivations and two reviews by keyboard; an admin revises the instrument; the old set still renders', async () => {
  const team = await server.team('Équipe Liège')
  const lead = await server.user(['lead'], { teamIds: [team] })
  const worker = await server.user(['worker'], { teamIds: [team] })
  const admin = await server.user(['admin'])

  const asWorker = await signedInPage(browser, server.url, worker.email)
  const page = asWorker.page
  const person = await page.request.post(`${server.url}/api/persons`, { data: { firstName: 'Ilias', lastName: 'Vermeulen' }, headers })
  expect(person.status(), await person.text()).toBe(201)
  const created = await page.request.post(`${server.url}/api/accompaniments`, {
    data: { kind: 'concerned', personId: ((await person.json()) as { id: string }).id, teamId: team },
    headers,
  })
  expect(created.status()).toBe(201)
  const caseId = ((await created.json()) as { id: string }).id
  const asLead = await signedInPage(browser, server.url, lead.email)
  const assigned = await asLead.page.request.post(`${server.url}/api/accompaniments/${caseId}/assign`, {
    data: { primaryWorkerId: worker.id },
    headers: { ...headers, 'if-match': '"1"' },
  })
  expect(assigned.status(), await assigned.text()).toBeLessThan(300)

  await openPath(page, caseId)
  await expectNoAxeViolations(page, 'assessments panel, empty')
  await shot(page, 'panel-empty')

  // Motivations: weights of the worker and of the person side by side, a comment, the person's words.
  await page.getByTestId('new-motivations').click()
  await page.getByRole('heading', { level: 3, name: 'Motivations : nouvelle saisie' }).waitFor()
  await page.getByTestId('assessment-taken-on').fill('2026-10-05')
  await scaleByKeyboard(page.getByTestId('answer-belonging-worker'), 8)
  await scaleByKeyboard(page.getByTestId('answer-belonging-person'), 6)
  await page.getByTestId('comment-belonging').fill('Cherchait une bande après le déménagement')
  await scaleByKeyboard(page.getByTestId('answer-grievance-worker'), 7)
  await page.getByTestId('answer-own_words-person').fill('Je voulais compter pour quelqu’un.')
  await expect.poll(() => page.getByTestId('answer-belonging-worker').locator('input:checked').inputValue()).toBe('8')
  await settle(page)
  await expectNoAxeViolations(page, 'motivations form')
  await shot(page, 'motivations-form')
  await page.getByTestId('assessment-save').focus()
  await page.keyboard.press('Enter')
  await page.getByText('Saisie enregistrée.').waitFor()
  await expect.poll(() => page.getByTestId('instrument-motivations').getByRole('row').count()).toBe(2)

  // Two progress reviews a month apart.
  for (const [date, worker, person] of [
    ['2026-10-05', 3, 5],
    ['2026-11-05', 6, 7],
  ] as const) {
    await page.getByTestId('new-progress-review').click()
    await page.getByTestId('assessment-taken-on').fill(date)
    for (const domain of ['housing', 'family', 'violence']) {
      await scaleByKeyboard(page.getByTestId(`answer-${domain}-worker`), worker - 1)
      await scaleByKeyboard(page.getByTestId(`answer-${domain}-person`), person - 1)
    }
    if (date === '2026-11-05') await shot(page, 'review-form')
    await page.getByTestId('assessment-save').click()
    await page.getByText('Saisie enregistrée.').waitFor()
  }
  await expect.poll(() => page.getByTestId('instrument-progress-review').getByRole('row').count()).toBe(3)
  const reviews = await page.request.get(`${server.url}/api/accompaniments/${caseId}/assessments?instrument=progress-review`)
  const items = ((await reviews.json()) as { items: { id: string; takenOn: string }[] }).items
  expect(items.map((i) => i.takenOn)).toEqual(['2026-11-05', '2026-10-05'])
  const latest = await page.request.get(`${server.url}/api/accompaniments/${caseId}/assessments/${items[0]?.id}`)
  expect(((await latest.json()) as { answers: Record<string, unknown> }).answers.housing).toEqual({ worker: 6, person: 7 })
  await shot(page, 'panel')

  // The admin revises Motivations: a bad definition first (readable errors), then a valid one.
  const asAdmin = await signedInPage(browser, server.url, admin.email)
  const adminPage = asAdmin.page
  await adminPage.goto(`${server.url}/admin/instruments`)
  await adminPage.getByRole('heading', { level: 1, name: 'Instruments' }).waitFor()
  await expectNoAxeViolations(adminPage, 'instruments admin')
  await shot(adminPage, 'admin')
  await adminPage.getByTestId('new-version-motivations').click()
  const editor = adminPage.getByTestId('definition-json')
  const definition = JSON.parse(await editor.inputValue()) as {
    title: Record<string, string>
    sections: { items: Record<string, unknown>[] }[]
  }
  const broken = structuredClone(definition)
  broken.sections[0]!.items[0]!.options = [{ key: 'a' }]
  await editor.fill(JSON.stringify(broken, null, 2))
  await adminPage.getByTestId('definition-save').click()
  await adminPage.getByTestId('definition-errors').waitFor()
  expect(await adminPage.getByTestId('definition-errors').innerText()).toContain('definition.sections.0.items.0.options')
  await settle(adminPage)
  await expectNoAxeViolations(adminPage, 'definition errors')
  await shot(adminPage, 'admin-errors')
  const revised = structuredClone(definition)
  revised.title = { fr: 'Motivations (révisé)', nl: 'Motivaties (herzien)', de: 'Beweggründe (überarbeitet)', en: 'Motivations (revised)' }
  revised.sections[0]!.items = revised.sections[0]!.items.filter((i) => i.key !== 'status')
  await editor.fill(JSON.stringify(revised, null, 2))
  await adminPage.getByTestId('definition-save').click()
  await adminPage.getByText('Version 2 enregistrée.').waitFor()
  await adminPage.getByRole('button', { name: 'Voir la version 1 : Motivations (révisé)' }).click()
  await adminPage.getByRole('dialog').getByText('Appartenance à un groupe').first().waitFor()
  await settle(adminPage)
  await expectNoAxeViolations(adminPage, 'instrument version')
  await shot(adminPage, 'admin-version')
  await adminPage.keyboard.press('Escape')

  // The worker's set keeps version 1: its title, its items and its answers, with a notice.
  await openPath(page, caseId)
  await page.getByTestId('instrument-motivations').getByRole('heading', { name: 'Motivations (révisé)' }).waitFor()
  await page
    .getByTestId('instrument-motivations')
    .getByRole('button', { name: /Ouvrir la saisie du 5 octobre 2026/ })
    .click()
  await page.getByTestId('older-version').waitFor()
  // The notice says when each questionnaire came in; the version number is there on demand.
  expect(await page.getByTestId('older-version').innerText()).toMatch(
    /en vigueur depuis le \d{1,2}(er)? \S+ \d{4}, qui a été modifié le \d{1,2}(er)? \S+ \d{4}\./,
  )
  await page.getByText('Détails du questionnaire').click()
  await page.getByText('Version 1 du questionnaire').waitFor()
  await page.getByRole('heading', { level: 3, name: 'Motivations : saisie du 5 octobre 2026' }).waitFor()
  await page.getByTestId('item-status').waitFor()
  expect(await page.getByTestId('comment-belonging').inputValue()).toBe('Cherchait une bande après le déménagement')
  await settle(page)
  await expectNoAxeViolations(page, 'old motivations set')
  await shot(page, 'old-version')

  // A stale edit (someone saved meanwhile) says so and reloads.
  const current = await page.request.get(`${server.url}/api/accompaniments/${caseId}/assessments?instrument=motivations`)
  const listed = ((await current.json()) as { items: { id: string }[] }).items[0]!
  const opened = await page.request.get(`${server.url}/api/accompaniments/${caseId}/assessments/${listed.id}`)
  const set = (await opened.json()) as { id: string; takenOn: string; answers: unknown }
  const other = await asLead.page.request.put(`${server.url}/api/accompaniments/${caseId}/assessments/${set.id}`, {
    data: { takenOn: set.takenOn, answers: set.answers },
    headers: { ...headers, 'if-match': '"1"' },
  })
  expect(other.status(), await other.text()).toBe(200)
  // A past set opens to be read: "Edit" turns it into the form.
  await page.getByTestId('assessment-edit').click()
  await page.getByTestId('comment-belonging').fill('Changement concurrent')
  await page.getByTestId('assessment-save').click()
  await page.getByText('Modifiée entre-temps').waitFor()
  await shot(page, 'conflict')
  await page.getByRole('button', { name: 'Recharger' }).click()
  await expect.poll(() => page.getByTestId('comment-belonging').inputValue()).toBe('Cherchait une bande après le déménagement')

  // Every new screen in the four languages.
  for (const lang of LANGUAGES) {
    await chooseLanguage(page, server.url, lang)
    await openPath(page, caseId)
    await checkScreen(page, `assessments panel (${lang})`, lang)
    await page
      .getByTestId('instrument-progress-review')
      .getByRole('button', { name: tr(lang, 'instruments.open') })
      .first()
      .click()
    await page.getByTestId('answer-housing-worker').waitFor()
    await checkScreen(page, `review form (${lang})`, lang)
    if (lang === 'nl') await shot(page, 'review-nl')
    await chooseLanguage(adminPage, server.url, lang)
    await adminPage.goto(`${server.url}/admin/instruments`)
    await adminPage.getByTestId('instruments').waitFor()
    await checkScreen(adminPage, `instruments admin (${lang})`, lang)
  }
  expect(asWorker.problems).toEqual([])
  expect(asAdmin.problems).toEqual([])
})
