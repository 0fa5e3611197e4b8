import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { signedInPage } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, SCREENSHOTS, startServer } from './support'

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

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `accompaniments-${name}.png`), fullPage: true })

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
