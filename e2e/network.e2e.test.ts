import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LANGUAGES, type Language } from '../common/roles'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
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

const shot = (page: Page, name: string) =>
  page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SHOTS, `network-${name}.png`), fullPage: true })
const headers = { 'x-parcours-request': '1' }

/** The case's network part, from the case page. */
async function openNetwork(page: Page, caseId: string) {
  await page.goto(`${server.url}/accompaniments/${caseId}`)
  await page.getByTestId('tab-path').click()
  await page.getByTestId('path-network').click()
  await page.getByTestId('network-panel').waitFor()
}

/** Fills tie number `i` of the editor (0-based): the name by typing, the rest by keyboard selection. */
async function fillTie(page: Page, i: number, tie: { name: string; kind: string; relation: string; strength: string; valence: string }) {
  const box = page.getByTestId('tie-fields').nth(i)
  const name = box.getByLabel('Nom', { exact: false }).first()
  await name.fill(tie.name)
  await box.getByLabel('Type').selectOption(tie.kind)
  await box.getByLabel('Relation').selectOption(tie.relation)
  await box.getByLabel('Force du lien').selectOption(tie.strength)
  await box.getByLabel('Nature du lien').selectOption(tie.valence)
}

it('a worker draws the network, takes a second snapshot from a copy, and sees the change', async () => {
  const team = await server.team('Équipe Liège')
  const worker = await server.user(['worker'], { teamIds: [team] })
  const { page, problems } = await signedInPage(browser, server.url, worker.email)
  const person = await page.request.post(`${server.url}/api/persons`, { data: { firstName: 'Yanis', lastName: 'Merabet' }, headers })
  expect(person.status(), await person.text()).toBe(201)
  const personId = ((await person.json()) as { id: string }).id
  const created = await page.request.post(`${server.url}/api/accompaniments`, {
    data: { kind: 'concerned', personId, teamId: team },
    headers,
  })
  expect(created.status(), await created.text()).toBe(201)
  const caseId = ((await created.json()) as { id: string }).id

  await openNetwork(page, caseId)
  await page.getByTestId('network-empty').waitFor()
  await checkScreen(page, 'network, empty', 'fr')

  // First map, mostly with the keyboard: Enter on the button, typing, Tab to "Add a tie", Enter.
  await page.getByTestId('network-new').focus()
  await page.keyboard.press('Enter')
  const editor = page.getByTestId('network-editor')
  await editor.waitFor()
  await editor.getByLabel("Date de l'instantané").fill('2026-01-15')
  await fillTie(page, 0, { name: 'Maman', kind: 'person', relation: 'family', strength: '3', valence: 'supportive' })
  await page.getByTestId('tie-add').focus()
  await page.keyboard.press('Enter')
  // The cursor is now in the new tie's name.
  await page.keyboard.type('Forum Nebelkrähe')
  await expect.poll(() => page.getByTestId('tie-fields').nth(1).getByRole('textbox').first().inputValue()).toBe('Forum Nebelkrähe')
  await fillTie(page, 1, {
    name: 'Forum Nebelkrähe',
    kind: 'online_community',
    relation: 'extremist_milieu',
    strength: '2',
    valence: 'harmful',
  })
  await page.getByTestId('tie-add').click()
  await fillTie(page, 2, { name: 'Cousin Rachid', kind: 'person', relation: 'family', strength: '1', valence: 'ambivalent' })
  await checkScreen(page, 'network editor', 'fr')
  await shot(page, 'editor')
  await page.getByTestId('network-save').click()
  await editor.waitFor({ state: 'detached' })

  const map = page.getByRole('img', { name: /Carte du réseau au 15 janvier 2026 : 3 liens/ })
  await map.waitFor()
  await expect.poll(() => map.getAttribute('aria-label')).toContain('soutenants : 1, ambivalents : 1, nuisibles : 1')
  const table = page.getByTestId('network-ties')
  await expect.poll(() => table.textContent()).toContain('Forum Nebelkrähe')
  await expect.poll(() => table.textContent()).toContain('Milieu extrémiste')
  await checkScreen(page, 'network map', 'fr')
  await shot(page, 'map-first')

  // Second snapshot, from a copy: the forum is left behind, a boxing club comes in.
  await page.getByTestId('network-new').click()
  await editor.waitFor()
  await expect.poll(() => page.getByTestId('tie-fields').count()).toBe(3)
  await editor.getByLabel("Date de l'instantané").fill('2026-02-20')
  const remove = editor.getByRole('button', { name: 'Retirer « Forum Nebelkrähe »' })
  await remove.focus()
  await page.keyboard.press('Enter')
  await expect.poll(() => page.getByTestId('tie-fields').count()).toBe(2)
  // Removing a tie puts the cursor on "Add a tie": Enter adds one and goes to its name.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tie-add')
  await page.keyboard.press('Enter')
  await page.keyboard.type('Club de boxe')
  await fillTie(page, 2, { name: 'Club de boxe', kind: 'group', relation: 'community', strength: '2', valence: 'supportive' })
  await page.getByTestId('tie-fields').nth(1).getByLabel('Nature du lien').selectOption('supportive')
  await page.getByTestId('network-save').click()
  await editor.waitFor({ state: 'detached' })
  await page.getByRole('img', { name: /Carte du réseau au 20 février 2026 : 3 liens/ }).waitFor()
  await shot(page, 'map-second')

  // The comparison: first vs latest by default.
  await page.getByTestId('network-view').getByText('Évolution').click()
  const progress = page.getByTestId('compare-progress')
  await progress.waitFor()
  await expect.poll(() => page.getByTestId('supportive-gained').textContent()).toMatch(/^1lien soutenant gagné.*Club de boxe/)
  await expect.poll(() => page.getByTestId('harmful-left').textContent()).toMatch(/^1lien nuisible quitté.*Forum Nebelkrähe/)
  await expect
    .poll(() => page.getByTestId('changed-better').textContent())
    .toContain('Cousin Rachid : Ambivalent, Faible → Soutenant, Faible')
  await expect.poll(() => page.getByTestId('harmful-gained').textContent()).toMatch(/^0/)
  await page.getByTestId('map-from').waitFor()
  await page.getByTestId('map-to').waitFor()
  await checkScreen(page, 'network comparison', 'fr')
  await shot(page, 'compare')

  // A correction based on a stale version is refused with a clear message, not lost silently.
  await page.getByTestId('network-view').getByText('Carte').click()
  await page.getByRole('button', { name: 'Corriger cet instantané' }).click()
  await editor.waitFor()
  const list = (await (await page.request.get(`${server.url}/api/accompaniments/${caseId}/network`)).json()) as {
    items: { id: string; takenOn: string; ties: unknown[] }[]
  }
  const latest = list.items[0]!
  const meanwhile = await page.request.put(`${server.url}/api/accompaniments/${caseId}/network/${latest.id}`, {
    data: { takenOn: latest.takenOn, ties: latest.ties, note: 'Corrigé ailleurs' },
    headers: { ...headers, 'if-match': '"1"' },
  })
  expect(meanwhile.status()).toBe(200)
  await page.getByTestId('network-save').click()
  await editor.getByRole('alert').getByText('Instantané modifié entre-temps').waitFor()
  await shot(page, 'conflict')
  await page.keyboard.press('Escape')
  await editor.waitFor({ state: 'detached' })

  expect(problems, 'console problems').toEqual([])

  // Every view of the panel in the four languages.
  for (const lang of LANGUAGES.filter((l) => l !== 'fr') as Language[]) {
    await chooseLanguage(page, server.url, lang)
    await openNetwork(page, caseId)
    await page.getByTestId('network-map').waitFor()
    await checkScreen(page, `network map (${lang})`, lang)
    await page.getByTestId('network-view').getByText(tr(lang, 'network.view.compare')).click()
    await page.getByTestId('map-to').waitFor()
    await checkScreen(page, `network comparison (${lang})`, lang)
    await shot(page, `compare-${lang}`)
    await page.getByTestId('network-view').getByText(tr(lang, 'network.view.map')).click()
    await page.getByTestId('network-new').click()
    await editor.waitFor()
    await checkScreen(page, `network editor (${lang})`, lang)
    await page.keyboard.press('Escape')
    await editor.waitFor({ state: 'detached' })
  }
})
