import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { json } from '../server/test/harness'
import { checkScreen, signedInPage, tr } from './i18n-checks'
import { launchBrowser, startServer } from './support'

/**
 * A recorded session opens to read, and "Modifier" turns it into its form; a session held in the
 * future is refused with the date field named. A task is handed to the case's co-worker through
 * the same form that creates tasks, and the list names the new assignee. French, with axe.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const NOTES = 'Parle de son projet de formation en électricité.'

it('reads a session before editing it, refuses a held session in the future, and reassigns a task', async () => {
  const team = await server.team('Équipe Charleroi')
  const intake = await server.as(['intake'], { teamIds: [team] })
  const lead = await server.as(['lead'], { teamIds: [team] })
  const worker = await server.as(['worker'], { teamIds: [team] })
  const colleague = await server.as(['worker'], { teamIds: [team] })
  const rename = (id: string, name: string) =>
    server.services.db.updateTable('users').set({ display_name: name }).where('id', '=', id).execute()
  await rename(worker.userId, 'Claire Martin')
  await rename(colleague.userId, 'Marc Dubois')

  const person = json<{ id: string }>(await intake.post('/api/persons', { firstName: 'Lina', lastName: 'Moreau', birthYear: 2000 }))
  const created = await intake.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(created.statusCode, created.body).toBe(201)
  const caseId = json<{ id: string }>(created).id
  const assigned = await lead.post(
    `/api/accompaniments/${caseId}/assign`,
    { primaryWorkerId: worker.userId, coWorkerIds: [colleague.userId] },
    { 'if-match': '"1"' },
  )
  expect(assigned.statusCode, assigned.body).toBe(200)
  const held = await worker.post(`/api/accompaniments/${caseId}/sessions`, {
    status: 'held',
    modality: 'office',
    startsAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    notes: NOTES,
  })
  expect(held.statusCode, held.body).toBe(201)
  const task = await worker.post(`/api/accompaniments/${caseId}/tasks`, { title: 'Appeler le centre de formation', dueDate: '2030-01-15' })
  expect(task.statusCode, task.body).toBe(201)

  const { page, problems } = await signedInPage(browser, server.url, worker.email)
  await page.goto(`${server.url}/accompaniments/${caseId}?tab=sessions`)
  await page.getByTestId('session-open').click()
  const dialog = page.getByRole('dialog')

  // The read view first: the notes as text, no field to type in.
  await expect.poll(() => dialog.getByTestId('session-notes').textContent()).toBe(NOTES)
  expect(await dialog.getByRole('textbox').count()).toBe(0)
  await checkScreen(page, 'session read view', 'fr')

  // "Modifier" switches to the form, filled with the session.
  await dialog.getByTestId('session-edit').click()
  await dialog.getByRole('heading', { name: tr('fr', 'sessions.editTitle') }).waitFor()
  expect(await dialog.getByLabel("Notes d'entretien").inputValue()).toBe(NOTES)
  await checkScreen(page, 'session form', 'fr')

  // Held, but dated next year: refused, the date field named.
  const nextYear = new Date().getUTCFullYear() + 1
  const date = dialog.getByLabel('Date et heure')
  await date.fill(`${nextYear}-03-12T14:30`)
  await page.keyboard.press('Escape')
  await dialog.getByTestId('session-save').click()
  await dialog.getByText(tr('fr', 'validation.in_future')).waitFor()
  await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true')
  await checkScreen(page, 'session refused in the future', 'fr')
  const sessions = json<{ items: { startsAt: string }[] }>(await worker.get(`/api/accompaniments/${caseId}/sessions`)).items
  expect(sessions.map((s) => s.startsAt.slice(0, 4))).not.toContain(String(nextYear))
  await dialog.getByRole('button', { name: 'Annuler' }).click()
  await dialog.waitFor({ state: 'detached' })

  // The task goes to the co-worker through its edit form.
  await page.getByTestId('tab-tasks').click()
  const tasks = page.getByTestId('tasks')
  await tasks.getByText('attribuée à Claire Martin').waitFor()
  await tasks.getByRole('button', { name: 'Modifier « Appeler le centre de formation »' }).click()
  await dialog.getByRole('heading', { name: tr('fr', 'tasks.editTitle') }).waitFor()
  await checkScreen(page, 'task edit form', 'fr')
  await dialog.getByTestId('task-assignee').click()
  await page.getByRole('option', { name: 'Marc Dubois' }).click()
  await dialog.getByTestId('task-save').click()
  await dialog.waitFor({ state: 'detached' })
  await tasks.getByText('attribuée à Marc Dubois').waitFor()
  await checkScreen(page, 'task reassigned', 'fr')
  const after = json<{ items: { assigneeId: string }[] }>(await worker.get(`/api/accompaniments/${caseId}/tasks`)).items
  expect(after.map((t) => t.assigneeId)).toEqual([colleague.userId])
  expect(problems, 'console problems').toEqual([])
})
