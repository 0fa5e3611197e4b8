import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { signedInPage } from './i18n-checks'
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

const pageAs = (email: string) => signedInPage(browser, server.url, email)

const shot = (page: Page, name: string) =>
  page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `casework-${name}.png`), fullPage: true })
const headers = { 'x-parcours-request': '1' }

it('the worker starts on My day, records a session, adds a task, uploads a PDF and sees it listed', async () => {
  const team = await server.team('Équipe Namur')
  const intake = await server.user(['intake'], { teamIds: [team] })
  const lead = await server.user(['lead'], { teamIds: [team] })
  const worker = await server.user(['worker'], { teamIds: [team] })

  // Set-up through the API: intake opens the case, the lead assigns it to the worker.
  const asIntake = await pageAs(intake.email)
  const person = await asIntake.page.request.post(`${server.url}/api/persons`, {
    data: { firstName: 'Karim', lastName: 'Haddad', birthYear: 1999 },
    headers,
  })
  expect(person.status()).toBe(201)
  const personId = ((await person.json()) as { id: string }).id
  const created = await asIntake.page.request.post(`${server.url}/api/accompaniments`, {
    data: { kind: 'concerned', personId, teamId: team },
    headers,
  })
  expect(created.status()).toBe(201)
  const caseId = ((await created.json()) as { id: string }).id
  const asLead = await pageAs(lead.email)
  const assigned = await asLead.page.request.post(`${server.url}/api/accompaniments/${caseId}/assign`, {
    data: { primaryWorkerId: worker.id },
    headers: { ...headers, 'if-match': '"1"' },
  })
  expect(assigned.status(), await assigned.text()).toBeLessThan(300)

  const { page, problems } = await pageAs(worker.email)
  await page.goto(`${server.url}/`)
  await page.getByRole('heading', { level: 1, name: 'Ma journée' }).waitFor()
  await expectNoAxeViolations(page, 'my day')
  await shot(page, 'my-day')

  await page.goto(`${server.url}/accompaniments/${caseId}`)
  await page.getByTestId('tab-sessions').click()
  await page.getByRole('button', { name: 'Consigner un entretien' }).click()
  await page.getByLabel('Date et heure').fill('2026-03-12T14:30')
  await page.getByLabel("Notes d'entretien").fill('Premier entretien, bonne prise de contact.')
  await expectNoAxeViolations(page, 'session modal')
  await shot(page, 'session-modal')
  await page.getByTestId('session-save').click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })
  await expect.poll(() => page.getByTestId('sessions').textContent()).toContain('Tenu')
  await expectNoAxeViolations(page, 'case sessions tab')
  await shot(page, 'sessions')

  await page.getByTestId('tab-tasks').click()
  await page.getByLabel('Intitulé').fill('Contacter la maison de justice')
  await page.getByLabel('Échéance').fill('2020-01-15')
  await page.getByRole('button', { name: 'Ajouter la tâche' }).click()
  await page.getByTestId('tasks').getByText('Contacter la maison de justice').waitFor()
  await page.getByTestId('tasks').getByText('En retard').waitFor()
  await expectNoAxeViolations(page, 'case tasks tab')
  await shot(page, 'tasks')

  await page.getByTestId('tab-documents').click()
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 test') })
  await page.getByTestId('documents').getByRole('link', { name: 'rapport.pdf' }).waitFor()
  await expectNoAxeViolations(page, 'case documents tab')
  await shot(page, 'documents')

  // Back on My day, the overdue task is there, and ticking it done takes it off the list.
  await page.getByRole('link', { name: 'Ma journée' }).first().click()
  const overdue = page.locator('section[aria-labelledby="my-day-overdue"]')
  await overdue.getByText('Contacter la maison de justice').waitFor()
  await expectNoAxeViolations(page, 'my day with an overdue task')
  await shot(page, 'my-day-overdue')
  await overdue.getByRole('checkbox').first().click()
  await overdue.getByText('Aucune tâche en retard.').waitFor()

  expect(problems, 'console problems').toEqual([])
})
