import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { json, TEST_PASSWORD } from '../server/test/harness'
import { chooseLanguage, settle, signIn, tr } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * Issue 12, "finding things": a worker finds "Jul" → Julien Dupont → his case in three actions
 * (open the search, type, pick the case), in French and Dutch, on a desktop and on a phone, with
 * axe at every step. Julie Martin, another team's client, is never offered. Escape closes the
 * dialog and gives the focus back to the button that opened it; the case opened is then offered
 * as recently viewed when the box is empty.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const worker = { email: '' }
let julienCase: { id: string; code: string }

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const team = await server.team('Équipe Recherche globale')
  const otherTeam = await server.team('Autre équipe')
  worker.email = (await server.user(['worker'], { teamIds: [team] })).email
  const me = server.agent()
  expect((await me.post('/api/auth/login', { email: worker.email, password: TEST_PASSWORD })).statusCode).toBe(200)
  const lead = await server.as(['lead'], { teamIds: [team] })
  const other = await server.as(['worker'], { teamIds: [otherTeam] })
  const otherLead = await server.as(['lead'], { teamIds: [otherTeam] })
  const open = async (agent: typeof me, by: typeof lead, primary: string, teamId: string, firstName: string, lastName: string) => {
    const person = json(await agent.post('/api/persons', { firstName, lastName, birthYear: 2002 }))
    const created = await agent.post('/api/accompaniments', { personId: person.id, teamId, kind: 'concerned' })
    expect(created.statusCode, created.body).toBe(201)
    const assigned = await by.post(`/api/accompaniments/${json(created).id}/assign`, { primaryWorkerId: primary })
    expect(assigned.statusCode, assigned.body).toBe(200)
    return { id: json(created).id as string, code: json(assigned).code as string }
  }
  const workerId = json(await me.get('/api/me')).id as string
  julienCase = await open(me, lead, workerId, team, 'Julien', 'Dupont')
  await open(other, otherLead, other.userId, otherTeam, 'Julie', 'Martin')
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Axe on the screen once its transitions are over: a dialog fading in has text of every contrast. */
async function axe(page: Page, label: string): Promise<void> {
  await settle(page)
  await expectNoAxeViolations(page, label)
}

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const
const shot = (page: Page, name: string) =>
  page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `global-search-${name}.png`) })

async function startPage(lang: Language, size: keyof typeof SIZES) {
  const context = await browser.newContext({ locale: 'fr-BE', viewport: SIZES[size] })
  await signIn(context, server.url, worker.email)
  const page = await context.newPage()
  const problems = watchConsole(page)
  await chooseLanguage(page, server.url, lang)
  await page.goto(`${server.url}/accompaniments`)
  await page.getByRole('heading', { level: 1 }).first().waitFor()
  return { page, problems, context }
}

for (const lang of ['fr', 'nl'] as const)
  for (const size of ['desktop', 'phone'] as const)
    it(`a worker finds "Jul" → Julien → his case in three actions (${lang}, ${size})`, async () => {
      const { page, problems, context } = await startPage(lang, size)
      const opener = page.getByTestId('global-search-open')
      await opener.waitFor()
      await axe(page, `header with search, ${lang} ${size}`)
      await page
        .locator('header')
        .screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `global-search-header-${lang}-${size}.png`) })
      const dialog = page.getByRole('dialog', { name: tr(lang, 'globalSearch.title') })

      // 1. Open: the shortcut on a desktop, the header's button on a phone.
      if (size === 'desktop') {
        await page.locator('body').click({ position: { x: 5, y: 300 } })
        await page.keyboard.press('Control+K')
      } else await opener.click()
      await dialog.waitFor()
      const box = dialog.getByRole('searchbox', { name: tr(lang, 'globalSearch.label') })
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true)
      await settle(page)
      await axe(page, `search dialog, empty, ${lang} ${size}`)
      await shot(page, `empty-${lang}-${size}`)

      // 2. Type three letters: the case and the person, grouped, and nothing of another team.
      await page.keyboard.type('Jul')
      const cases = dialog.getByTestId('global-search-group-case')
      const caseLink = cases.getByRole('link', { name: new RegExp(`Julien Dupont.*${julienCase.code}`) })
      await caseLink.waitFor()
      await dialog
        .getByTestId('global-search-group-person')
        .getByRole('link', { name: /Julien Dupont/ })
        .waitFor()
      await dialog.getByRole('status').getByText(tr(lang, 'globalSearch.results_other').replace('{{count}}', '2')).waitFor()
      expect(await dialog.getByText('Martin').count()).toBe(0)
      await settle(page)
      await axe(page, `search dialog, results, ${lang} ${size}`)
      await shot(page, `results-${lang}-${size}`)

      // 3. Pick the case: by keyboard on a desktop (the first result, with Enter), by touch on a phone.
      if (size === 'desktop') {
        await page.keyboard.press('ArrowDown')
        await expect.poll(() => caseLink.evaluate((el) => el === document.activeElement)).toBe(true)
        await page.keyboard.press('Enter')
      } else await caseLink.click()
      await page.waitForURL(`${server.url}/accompaniments/${julienCase.id}`)
      await page.getByTestId('case-code').getByText(julienCase.code).waitFor()
      await dialog.waitFor({ state: 'detached' })
      await settle(page)
      await axe(page, `the case found, ${lang} ${size}`)

      // Opened again with the box empty, the case is offered as recently viewed; Escape closes
      // the dialog and gives the focus back to the button that opened it.
      await opener.click()
      await dialog.getByRole('link', { name: new RegExp(`Julien Dupont.*${julienCase.code}`) }).waitFor()
      await axe(page, `search dialog, recently viewed, ${lang} ${size}`)
      await shot(page, `recent-${lang}-${size}`)
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
      await expect.poll(() => opener.evaluate((el) => el === document.activeElement)).toBe(true)

      // "/" opens it too, but not while typing in a text field.
      if (size === 'desktop') {
        await page.keyboard.press('/')
        await dialog.waitFor()
        await page.keyboard.press('Escape')
        await dialog.waitFor({ state: 'detached' })
      }
      // My day offers the same short list.
      await page.goto(`${server.url}/my-day`)
      await page.getByTestId('my-day-recent').getByText(new RegExp(julienCase.code)).waitFor()
      await settle(page)
      await axe(page, `my day, recently viewed, ${lang} ${size}`)
      await page
        .getByTestId('my-day-recent')
        .screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `global-search-my-day-${lang}-${size}.png`) })
      expect(problems).toEqual([])
      await context.close()
    })

it('keeps what is typed right after "/" on a page opened cold, while the dialog is on its way', async () => {
  const { page, problems, context } = await startPage('fr', 'desktop')
  // The dialog's code is held back until the name has been typed: a slow network, or a quick hand.
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  let asked = false
  await page.route('**/assets/search-dialog-*.js', async (route) => {
    asked = true
    await held
    await route.continue()
  })
  await page.locator('body').click({ position: { x: 5, y: 300 } })
  await page.keyboard.press('/')
  await page.keyboard.type('Julx')
  await page.keyboard.press('Backspace')
  await expect.poll(() => asked).toBe(true)
  release()
  const dialog = page.getByRole('dialog', { name: tr('fr', 'globalSearch.title') })
  await dialog.waitFor()
  const box = dialog.getByRole('searchbox', { name: tr('fr', 'globalSearch.label') })
  await expect.poll(() => box.inputValue()).toBe('Jul')
  await dialog
    .getByTestId('global-search-group-case')
    .getByRole('link', { name: new RegExp(`Julien Dupont.*${julienCase.code}`) })
    .waitFor()
  // Typed into the box from now on, as usual.
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true)
  await page.keyboard.type('i')
  await expect.poll(() => box.inputValue()).toBe('Juli')
  // Closed, the page's keys are the page's again: nothing is kept for a later opening.
  await page.keyboard.press('Escape')
  await dialog.waitFor({ state: 'detached' })
  await page.keyboard.type('zz')
  await page.keyboard.press('/')
  await dialog.waitFor()
  await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true)
  expect(await box.inputValue()).toBe('')
  expect(problems).toEqual([])
  await context.close()
})
