import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { signedInPage } from './i18n-checks'
import { expectNoAxeViolations, fitsItsContainer, launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer } from './support'

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

const pageAs = (email: string) => signedInPage(browser, server.url, email)

const shot = (page: Page, name: string) =>
  page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `accompaniments-${name}.png`), fullPage: true })

it('intake opens a case for a team, the lead assigns it, the worker finds it, another team breaks the glass and the lead sees it', async () => {
  const teamA = await server.team('Équipe Liège')
  const teamB = await server.team('Équipe Gent')
  const intake = await server.user(['intake'], { teamIds: [teamA] })
  const lead = await server.user(['lead'], { teamIds: [teamA] })
  const worker1 = await server.user(['worker'], { teamIds: [teamA] })
  const worker2 = await server.user(['worker'], { teamIds: [teamB] })
  const all: string[][] = []

  // Intake registers a person, then opens an accompaniment for team A from the person's record.
  const asIntake = await pageAs(intake.email)
  all.push(asIntake.problems)
  let page = asIntake.page
  const created = await page.request.post(`${server.url}/api/persons`, {
    data: { firstName: 'Yasmina', lastName: 'El Idrissi', birthYear: 2004 },
    headers: { 'x-parcours-request': '1' },
  })
  expect(created.status()).toBe(201)
  const personId = ((await created.json()) as { id: string }).id
  await page.goto(`${server.url}/persons/${personId}`)
  await page.getByTestId('open-accompaniment').click()
  await page.getByRole('heading', { level: 1, name: 'Ouvrir un accompagnement' }).waitFor()
  await page.getByLabel('Judiciaire (sous mandat)').check()
  await page.getByLabel('Mesure', { exact: true }).click()
  await page.getByRole('option', { name: 'Libération conditionnelle' }).click()
  await page.getByLabel('Autorité mandante', { exact: true }).fill('Maison de justice de Liège')
  await page.getByLabel('Obligations de rapport').fill("Rapport trimestriel à l'assistante de justice.")
  await page.getByLabel('Situation et demande').fill('Sortie de détention prévue, demande un accompagnement.')
  await expectNoAxeViolations(page, 'case create (judicial)')
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot(page, 'create')
  await page.getByRole('button', { name: "Ouvrir l'accompagnement" }).click()
  await page.getByRole('heading', { level: 1, name: 'Accompagnement transmis' }).waitFor()
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Équipe Liège')
  await expectNoAxeViolations(page, 'case handed over')

  // The lead finds it in the team's caseload and assigns it to worker 1.
  const asLead = await pageAs(lead.email)
  all.push(asLead.problems)
  page = asLead.page
  await page.goto(`${server.url}/accompaniments`)
  const caseload = page.getByTestId('caseload')
  await caseload.getByText('Yasmina El Idrissi').waitFor()
  await expect.poll(() => caseload.textContent()).toContain('À attribuer')
  await expectNoAxeViolations(page, 'caseload (lead)')
  // On a phone: the code and the person's column, whose line under the name carries the rest.
  await page.setViewportSize({ width: 390, height: 844 })
  // Loaded again at that size: the side bar's closing transition would otherwise be measured.
  await page.reload()
  const details = caseload.locator('tbody tr').first().getByTestId('caseload-row-details')
  await details.waitFor()
  expect(await details.innerText()).toContain('À attribuer')
  expect(await caseload.locator('thead th:visible').count()).toBe(2)
  expect(await fitsItsContainer(caseload)).toBe(true)
  await expectNoAxeViolations(page, 'caseload (lead, phone)')
  // Beside the side bar on a tablet or small laptop: framework and access fold under kind and
  // status, the last change under the name; nothing runs past the table's edge.
  await page.setViewportSize({ width: 1024, height: 800 })
  await page.reload()
  const firstRow = caseload.locator('tbody tr').first()
  await firstRow.getByTestId('caseload-row-framework').waitFor()
  expect(await details.isVisible()).toBe(false)
  expect(await caseload.locator('thead th:visible').count()).toBe(4)
  expect(await caseload.locator('thead th:visible').nth(2).innerText()).toBe("Type d'accompagnement · Cadre")
  expect(await firstRow.getByTestId('caseload-row-changed').isVisible()).toBe(true)
  expect(await fitsItsContainer(caseload)).toBe(true)
  await expectNoAxeViolations(page, 'caseload (lead, 1024 px)')
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.reload()
  await caseload.getByText('Yasmina El Idrissi').waitFor()
  expect(await details.isVisible()).toBe(false)
  expect(await caseload.locator('thead th:visible').count()).toBe(7)
  expect(await firstRow.getByTestId('caseload-row-framework').isVisible()).toBe(false)
  expect(await fitsItsContainer(caseload)).toBe(true)
  await caseload.getByRole('link').first().click()
  await page.getByTestId('timeline').waitFor()
  const caseUrl = page.url()
  const code = (await page.getByTestId('case-code').textContent())?.trim() ?? ''
  expect(code).toMatch(/^A-/)
  await expectNoAxeViolations(page, 'case view (lead, intake)')
  await page.getByLabel('Intervenant·e référent·e', { exact: true }).click()
  await page.getByRole('option', { name: /Test worker/ }).click()
  await page.getByTestId('assign').click()
  await page.getByText("L'attribution a été enregistrée.").waitFor()
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Yasmina El Idrissi')
  await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('Intervenant·es attribué·es')
  await expectNoAxeViolations(page, 'case view (lead, assigned)')
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot(page, 'case-view')

  // Worker 1 sees it in their caseload, active.
  const asWorker1 = await pageAs(worker1.email)
  all.push(asWorker1.problems)
  page = asWorker1.page
  await page.goto(`${server.url}/accompaniments`)
  await page.getByTestId('caseload').getByText(code).waitFor()
  await expect.poll(() => page.getByTestId('caseload').textContent()).toContain('En cours')
  await expectNoAxeViolations(page, 'caseload (worker)')
  await shot(page, 'caseload')

  // The worker records the first session, uploads a document and involves the client's mother.
  await page.getByTestId('caseload').getByRole('link', { name: code }).click()
  await page.getByTestId('tab-sessions').click()
  await page.getByRole('button', { name: 'Consigner un entretien' }).click()
  await page.getByLabel('Date et heure').fill('2026-11-20T10:00')
  await page.getByLabel("Notes d'entretien").fill('Premier entretien après la sortie, projet de formation.')
  await page.getByTestId('session-save').click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })
  await expect.poll(() => page.getByTestId('sessions').textContent()).toContain('Tenu')
  await page.getByTestId('tab-documents').click()
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'convention-formation.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 journey') })
  await page.getByTestId('documents').getByRole('link', { name: 'convention-formation.pdf' }).waitFor()
  await page.getByRole('tab', { name: 'Aperçu' }).click()
  await page.getByRole('button', { name: 'Impliquer un proche' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Nom ou façon de le désigner').fill('Samira (mère)')
  await dialog.getByLabel('Lien avec la personne', { exact: true }).click()
  await page.getByRole('option', { name: 'Parent', exact: true }).click()
  await dialog.getByLabel('Participe à certains entretiens').check()
  await dialog.getByLabel('Accord de la personne accompagnée', { exact: true }).click()
  await page.getByRole('option', { name: 'Accord donné' }).click()
  await dialog.getByLabel("Date de l'accord").fill('2026-11-20')
  // On to the next control, as a keyboard user does: the date's calendar closes.
  await dialog.getByLabel("Date de l'accord").press('Tab')
  await expectNoAxeViolations(page, 'relative dialog')
  await shot(page, 'relative-dialog')
  await dialog.getByRole('button', { name: 'Enregistrer' }).click()
  await dialog.waitFor({ state: 'detached' })
  const relative = page.getByTestId('relative')
  await expect.poll(() => relative.textContent()).toContain('Samira (mère)')
  await expect.poll(() => relative.textContent()).toContain('Accord donné le')
  await expectNoAxeViolations(page, 'case view with a relative')
  // The mandate's reporting rhythm is agreed later: the worker records it on the case.
  await page.getByTestId('edit-details').click()
  await page.getByRole('dialog').getByLabel('Rythme des rapports', { exact: true }).click()
  await page.getByRole('option', { name: 'Tous les 3 mois' }).click()
  await expectNoAxeViolations(page, 'edit details dialog')
  await page.getByTestId('details-save').click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })
  await page.getByText('Tous les 3 mois').waitFor()
  await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('Cadre ou situation modifiés')
  await page.goto(`${server.url}/accompaniments`)

  // …and suspends it: a form in a dialog, sent with the version it was based on.
  await page.getByTestId('caseload').getByRole('link', { name: code }).click()
  await page.getByTestId('move-suspend').click()
  await page.getByRole('dialog').getByLabel('Motif').fill('Hospitalisation de trois semaines.')
  await expectNoAxeViolations(page, 'suspend dialog')
  await page.getByRole('dialog').getByRole('button', { name: 'Suspendre' }).click()
  await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('Accompagnement suspendu')
  await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('Hospitalisation de trois semaines.')
  await page.getByTestId('move-resume').waitFor()

  // Worker 2, of another team, opens it by its address: not found, then breaks the glass.
  const asWorker2 = await pageAs(worker2.email)
  all.push(asWorker2.problems)
  page = asWorker2.page
  await page.goto(caseUrl)
  await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor()
  await expectNoAxeViolations(page, 'case not found with break-the-glass')
  await shot(page, 'break-glass')
  await page.getByTestId('break-glass').click()
  await page.getByText("Indiquez un motif d'au moins 15 caractères.").waitFor()
  await page.getByLabel("Motif de l'accès").fill('Appel de la prison, intervenante absente, sortie demain matin.')
  await page.getByTestId('break-glass').click()
  await page.getByTestId('emergency-banner').waitFor()
  expect(await page.getByTestId('move-suspend').count()).toBe(0)
  await expect.poll(() => page.getByTestId('case-code').textContent()).toContain(code)
  await expectNoAxeViolations(page, 'case view (emergency)')
  await page.evaluate(() => window.scrollTo(0, 0))
  await shot(page, 'emergency')

  // The lead sees the grant.
  page = asLead.page
  await page.goto(`${server.url}/access-grants`)
  const grants = page.getByTestId('access-grants')
  await grants.getByText(code).waitFor()
  await expect.poll(() => grants.textContent()).toContain('Appel de la prison')
  await expect.poll(() => grants.textContent()).toContain('En cours')
  await expectNoAxeViolations(page, 'access grants')
  await shot(page, 'access-grants')

  expect(all.flat()).toEqual([])
})

it("a relative's case names the known concerned person, found by a misspelt search, and the two cases link to each other", async () => {
  const team = await server.team('Équipe Charleroi')
  const intake = await server.user(['intake'], { teamIds: [team] })
  const lead = await server.user(['lead'], { teamIds: [team] })
  const { page, problems } = await pageAs(intake.email)
  const post = async (url: string, data: unknown) => {
    const res = await page.request.post(`${server.url}${url}`, { data, headers: { 'x-parcours-request': '1' } })
    expect(res.status(), await res.text()).toBe(201)
    return (await res.json()) as { id: string; code: string }
  }
  const son = await post('/api/persons', { firstName: 'Mehdi', lastName: 'Benali', birthYear: 2006 })
  await post('/api/accompaniments', { kind: 'concerned', personId: son.id, teamId: team })
  const father = await post('/api/persons', { firstName: 'Rachid', lastName: 'Benali', birthYear: 1970 })

  await page.goto(`${server.url}/accompaniments/new?personId=${father.id}`)
  await page.getByRole('heading', { level: 1, name: 'Ouvrir un accompagnement' }).waitFor()
  await page.getByLabel('Proche', { exact: true }).check()
  await page.getByLabel('Lien avec la personne concernée', { exact: true }).click()
  await page.getByRole('option', { name: 'Parent', exact: true }).click()
  await page.getByLabel('Connue du service').check()
  await page.getByLabel('Qui est la personne concernée ?', { exact: true }).fill('Medhi Benalli')
  await page.getByRole('option', { name: /Mehdi Benali · 2006/ }).click()
  await expectNoAxeViolations(page, 'case create (relative, known concerned person)')
  await shot(page, 'create-relative')
  await page.getByRole('button', { name: "Ouvrir l'accompagnement" }).click()
  await page.getByRole('heading', { level: 1, name: 'Accompagnement transmis' }).waitFor()

  const asLead = await pageAs(lead.email)
  await asLead.page.goto(`${server.url}/accompaniments`)
  await asLead.page
    .getByTestId('caseload')
    .getByRole('row', { name: /Rachid Benali/ })
    .getByRole('link')
    .click()
  await asLead.page.getByText('Accompagnement de la personne concernée').waitFor()
  await asLead.page.getByRole('link', { name: /^A-/ }).last().click()
  await asLead.page.getByText('Accompagnements de proches ou de professionnels au sujet de cette personne').waitFor()
  await expect.poll(() => asLead.page.getByRole('heading', { level: 1 }).textContent()).toContain('Mehdi Benali')
  await expectNoAxeViolations(asLead.page, 'case view with related cases')
  await shot(asLead.page, 'related-cases')
  expect([...problems, ...asLead.problems]).toEqual([])
})
