import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { checkScreen, chooseLanguage, settle, signedInPage, tr } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, SHOT_TIMEOUT, startServer } from './support'

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = '/tmp/shots-instrument-kinds'
const headers = { 'x-parcours-request': '1' }

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** The same screen at desktop and phone width, then back to desktop. */
async function shots(page: Page, name: string): Promise<void> {
  await settle(page)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await settle(page)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SHOTS, `${name}-phone.png`), fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
}

async function openPath(page: Page, caseId: string): Promise<void> {
  await page.goto(`${server.url}/accompaniments/${caseId}`)
  await page.getByTestId('tab-path').click()
  await page.getByTestId('assessments-panel').waitFor()
}

/** "Test lead le 20/11/2026 14:05": the editor's name and the time as dd/mm/yyyy HH:mm. */
const LAST_CHANGE = /Test lead .*\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/

it('a relative’s case offers the relative review, not Motivations; a past set opens read-only with who and when, then Edit; an admin sets the kinds', async () => {
  const team = await server.team('Équipe Namur')
  const lead = await server.user(['lead'], { teamIds: [team] })
  const worker = await server.user(['worker'], { teamIds: [team] })
  const admin = await server.user(['admin'])
  const asWorker = await signedInPage(browser, server.url, worker.email)
  const asLead = await signedInPage(browser, server.url, lead.email)
  const page = asWorker.page

  const person = await page.request.post(`${server.url}/api/persons`, { data: { firstName: 'Nadia', lastName: 'Peeters' }, headers })
  expect(person.status(), await person.text()).toBe(201)
  const created = await page.request.post(`${server.url}/api/accompaniments`, {
    data: {
      kind: 'relative',
      personId: ((await person.json()) as { id: string }).id,
      teamId: team,
      relationship: 'parent',
      concernedStatus: 'unknown',
    },
    headers,
  })
  expect(created.status(), await created.text()).toBe(201)
  const caseId = ((await created.json()) as { id: string }).id
  const assigned = await asLead.page.request.post(`${server.url}/api/accompaniments/${caseId}/assign`, {
    data: { primaryWorkerId: worker.id },
    headers: { ...headers, 'if-match': '"1"' },
  })
  expect(assigned.status(), await assigned.text()).toBeLessThan(300)

  // A set recorded by the worker, then changed by the lead: the lead made the last change.
  const recorded = await page.request.post(`${server.url}/api/accompaniments/${caseId}/assessments`, {
    data: { instrument: 'relative-review', takenOn: '2026-11-20', answers: { worry: { worker: 8, person: 9, comment: 'Dort mal' } } },
    headers,
  })
  expect(recorded.status(), await recorded.text()).toBe(201)
  const set = (await recorded.json()) as { id: string }
  const changed = await asLead.page.request.put(`${server.url}/api/accompaniments/${caseId}/assessments/${set.id}`, {
    data: { takenOn: '2026-11-20', answers: { worry: { worker: 7, person: 9, comment: 'Dort mal' } } },
    headers: { ...headers, 'if-match': '"1"' },
  })
  expect(changed.status(), await changed.text()).toBe(200)

  for (const lang of ['fr', 'nl'] as Language[]) {
    await chooseLanguage(page, server.url, lang)
    await openPath(page, caseId)

    // The picker: the relative review, none of the instruments about the person concerned.
    await page.getByTestId('new-relative-review').waitFor()
    for (const code of ['motivations', 'protective-factors', 'capitals', 'progress-review', 'violence-impact'])
      expect(await page.getByTestId(`instrument-${code}`).count(), code).toBe(0)
    expect(await page.getByTestId('assessments-panel').innerText()).not.toContain(lang === 'fr' ? 'Motivations' : 'Motivaties')
    await checkScreen(page, `picker on a relative's case (${lang})`, lang)
    await shots(page, `picker-${lang}`)

    // The past set opens to be read: nothing editable, who changed it last and when.
    await page
      .getByTestId('instrument-relative-review')
      .getByRole('button', { name: tr(lang, 'instruments.open') })
      .click()
    await page.getByTestId('assessment-last-change').waitFor()
    expect(await page.getByTestId('assessment-last-change').innerText()).toMatch(LAST_CHANGE)
    expect(await page.getByTestId('assessment-save').count()).toBe(0)
    expect(await page.getByTestId('comment-worry').isEditable()).toBe(false)
    expect(await page.getByTestId('comment-worry').inputValue()).toBe('Dort mal')
    await checkScreen(page, `past set, read (${lang})`, lang)
    await shots(page, `read-${lang}`)

    // "Edit" turns it into the form; Cancel goes back to reading, unchanged.
    await page.getByTestId('assessment-edit').click()
    await page.getByTestId('assessment-save').waitFor()
    expect(await page.getByTestId('comment-worry').isEditable()).toBe(true)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('assessment-editor-title')
    await checkScreen(page, `past set, editing (${lang})`, lang)
    await page.getByTestId('comment-worry').fill('Changement abandonné')
    await page.getByRole('button', { name: tr(lang, 'common.cancel') }).click()
    await page.getByTestId('assessment-edit').waitFor()
    expect(await page.getByTestId('comment-worry').inputValue()).toBe('Dort mal')
  }

  // Edit and save: the worker is now the last to have changed it.
  await page.getByTestId('assessment-edit').click()
  await page.getByTestId('comment-worry').fill('Dort mieux')
  await page.getByTestId('assessment-save').click()
  await page.getByTestId('assessments-panel').waitFor()
  const after = await page.request.get(`${server.url}/api/accompaniments/${caseId}/assessments/${set.id}`)
  expect(await after.json()).toMatchObject({ updatedBy: worker.id, version: 3, answers: { worry: { comment: 'Dort mieux' } } })

  // The admin offers "Impact of violence" to relatives too; the relative's case then offers it.
  const asAdmin = await signedInPage(browser, server.url, admin.email)
  const adminPage = asAdmin.page
  for (const lang of ['fr', 'nl'] as Language[]) {
    await chooseLanguage(adminPage, server.url, lang)
    await adminPage.goto(`${server.url}/admin/instruments`)
    await adminPage.getByTestId('client-kinds-motivations').waitFor()
    await checkScreen(adminPage, `instruments admin with kinds (${lang})`, lang)
    await adminPage.getByTestId('client-kinds-edit-violence-impact').click()
    await adminPage.getByRole('dialog').waitFor()
    await checkScreen(adminPage, `client kinds dialog (${lang})`, lang)
    await shots(adminPage, `admin-kinds-${lang}`)
    if (lang === 'fr') {
      await adminPage.getByTestId('client-kind-relative').check()
      await adminPage.getByTestId('client-kinds-save').click()
      await adminPage.getByText(tr('fr', 'instrumentKinds.saved')).waitFor()
      await expect
        .poll(() => adminPage.getByTestId('client-kinds-violence-impact').innerText())
        .toContain(tr('fr', 'accompaniment.kind.relative'))
    } else {
      await adminPage.keyboard.press('Escape')
      await adminPage.getByRole('dialog').waitFor({ state: 'detached' })
    }
    // The dialog gives the focus back to the button that opened it.
    await expect
      .poll(() => adminPage.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('client-kinds-edit-violence-impact')
  }
  await shots(adminPage, 'admin-nl')
  await openPath(page, caseId)
  await page.getByTestId('new-violence-impact').waitFor()
  await expectNoAxeViolations(page, 'picker after the admin’s change')

  expect(asWorker.problems).toEqual([])
  expect(asAdmin.problems).toEqual([])
})
