import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { type Agent, json, TEST_PASSWORD } from '../server/test/harness'
import { checkScreen, chooseLanguage, signedInPage, tr } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer } from './support'

/**
 * The account page (issue 12), in French and Dutch with axe on each step: a notification choice
 * survives a reload (by keyboard only); the account's language is applied at the next sign-in,
 * whatever the browser shows before it; the calendar feed's address serves codes and no name,
 * and stops once replaced or revoked; the header's privacy switch (by keyboard only) masks names
 * on My day, still masked after a reload.
 */
const SHOTS = '/tmp/shots-2'
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let team: string
let lead: Agent & { userId: string; email: string }

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
  team = await server.team('Équipe Namur')
  lead = await server.as(['lead'], { teamIds: [team] })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** A new worker of the team, with one case of this client assigned to them and a session in two days. */
async function workerWithCase(firstName: string, lastName: string) {
  const worker = await server.as(['worker'], { teamIds: [team] })
  const person = json<{ id: string }>(await lead.post('/api/persons', { firstName, lastName, birthYear: 1998 }))
  const created = await lead.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(created.statusCode, created.body).toBe(201)
  const acc = json<{ id: string; code: string }>(created)
  const assigned = await lead.post(`/api/accompaniments/${acc.id}/assign`, { primaryWorkerId: worker.userId }, { 'if-match': '"1"' })
  expect(assigned.statusCode, assigned.body).toBe(200)
  const startsAt = new Date(Date.now() + 2 * 86_400_000).toISOString()
  const session = await worker.post(`/api/accompaniments/${acc.id}/sessions`, {
    startsAt,
    modality: 'office',
    status: 'planned',
    durationMinutes: 45,
  })
  expect(session.statusCode, session.body).toBe(201)
  return { worker, code: acc.code }
}

/** Presses Tab until the focus is on an element matching `selector`: how a keyboard user gets there. */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
  }
  throw new Error(`Tab never reached ${selector}`)
}

async function openPage(lang: Language, email: string, path: string) {
  const { page, problems } = await signedInPage(browser, server.url, email)
  await chooseLanguage(page, server.url, lang)
  await page.goto(`${server.url}${path}`)
  return { page, problems }
}

describe.each(['fr', 'nl'] as const)('account settings (%s)', (lang) => {
  const other: Language = lang === 'fr' ? 'nl' : 'fr'

  it('keeps a notification choice made by keyboard after a reload', async () => {
    const worker = await server.as(['worker'], { teamIds: [team] })
    const { page, problems } = await openPage(lang, worker.email, '/account')
    const box = page.getByTestId('pref-case_assigned-email')
    await expect.poll(() => box.isChecked()).toBe(true)
    await checkScreen(page, `account (${lang})`, lang)

    await tabTo(page, '[data-testid="pref-case_assigned-email"]')
    await page.keyboard.press('Space')
    await expect.poll(() => box.isChecked()).toBe(false)
    await tabTo(page, '[data-testid="save-preferences"]')
    await page.keyboard.press('Enter')
    await page.getByText(tr(lang, 'accountSettings.preferencesSaved')).waitFor()
    await checkScreen(page, `notification choice saved (${lang})`, lang)

    await page.reload()
    await expect.poll(() => page.getByTestId('pref-task_assigned-email').isChecked()).toBe(true)
    expect(await box.isChecked()).toBe(false)
    expect(await page.getByTestId('pref-case_assigned-inApp').isChecked()).toBe(true)
    await checkScreen(page, `notification choice after reload (${lang})`, lang)
    expect(problems).toEqual([])
  })

  it("applies the account's language at the next sign-in", async () => {
    const worker = await server.as(['worker'], { teamIds: [team] })
    const { page, problems } = await openPage(lang, worker.email, '/account')
    await page.getByTestId(`account-language-${other}`).check()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(other)
    await page.getByText(tr(other, 'accountSettings.languageSaved')).waitFor()
    await checkScreen(page, `account language chosen (${lang} → ${other})`, other)

    await page.getByTestId('logout').click()
    await page.waitForURL(`${server.url}/login`)
    // Signed out, the header's switch changes this browser only: the account keeps its language.
    await page.getByTestId('language-switch').getByText(lang.toUpperCase(), { exact: true }).click()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang)
    await page.getByRole('heading', { level: 1, name: tr(lang, 'login.title') }).waitFor()
    await checkScreen(page, `sign-in page (${lang})`, lang)

    await page.getByTestId('login-email').fill(worker.email)
    await page.getByTestId('login-password').fill(TEST_PASSWORD)
    await page.getByTestId('login-password').press('Enter')
    await page.getByRole('heading', { level: 1, name: tr(other, 'myDay.title') }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe(other)
    await checkScreen(page, `My day after sign-in (${other})`, other)

    // Signed in, the header's switch stores the choice on the account too.
    await page.getByTestId('language-switch').getByText(lang.toUpperCase(), { exact: true }).click()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang)
    await expect.poll(async () => (await (await page.request.get(`${server.url}/api/me`)).json()).language).toBe(lang)
    expect(problems).toEqual([])
  })

  it('makes a calendar address that serves codes without names, and stops it once replaced or revoked', async () => {
    const { worker, code } = await workerWithCase('Maëlle', 'Verstraeten')
    const { page, problems } = await openPage(lang, worker.email, '/account')
    const feed = page.getByTestId('calendar-feed')
    await feed.getByRole('button', { name: tr(lang, 'accountSettings.feedCreate') }).click()
    const field = page.getByTestId('calendar-feed-url')
    await field.waitFor()
    expect(await field.getAttribute('readonly')).not.toBeNull()
    // The calendar application reads the address on the service's own host (the test server's port here).
    const address = (u: string) => `${server.url}${new URL(u).pathname}`
    const first = address(await field.inputValue())
    await checkScreen(page, `calendar address made (${lang})`, lang)
    await feed.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/feed-${lang}-desktop.png` })
    await page.setViewportSize({ width: 390, height: 844 })
    await feed.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/feed-${lang}-phone.png` })
    await page.setViewportSize({ width: 1280, height: 900 })

    const res = await fetch(first)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/)
    const ics = await res.text()
    expect(ics).toContain('BEGIN:VEVENT')
    expect(ics).toContain(code)
    expect(ics).not.toMatch(/Maëlle|Maelle|Verstraeten/i)

    // Replaced: a new address, and the former one answers 404.
    await page.reload()
    await expect.poll(() => page.getByTestId('calendar-feed-status').textContent()).toContain(tr(lang, 'accountSettings.feedShownOnce'))
    await feed.getByRole('button', { name: tr(lang, 'accountSettings.feedReplace') }).click()
    await checkScreen(page, `calendar address replace question (${lang})`, lang)
    await feed.getByRole('button', { name: tr(lang, 'common.confirm') }).click()
    await expect.poll(async () => address(await field.inputValue())).not.toBe(first)
    const second = address(await field.inputValue())
    expect((await fetch(first)).status).toBe(404)
    expect((await fetch(second)).status).toBe(200)

    await feed.getByRole('button', { name: tr(lang, 'accountSettings.feedRevoke') }).click()
    await feed.getByRole('button', { name: tr(lang, 'common.confirm') }).click()
    await page.getByText(tr(lang, 'accountSettings.feedRevoked')).waitFor()
    await checkScreen(page, `calendar address revoked (${lang})`, lang)
    expect((await fetch(second)).status).toBe(404)
    expect(problems).toEqual([])
  })

  it("masks names on My day from the header's switch, by keyboard, and keeps them masked after a reload", async () => {
    const { worker } = await workerWithCase('Séverine', 'Lambrechts')
    const { page, problems } = await openPage(lang, worker.email, '/my-day')
    const name = page.getByTestId('person-name').first()
    await expect.poll(() => name.innerText()).toBe('Séverine Lambrechts')
    expect(await name.getAttribute('data-masked')).toBeNull()
    await checkScreen(page, `My day, names shown (${lang})`, lang)
    await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/my-day-header-${lang}-desktop.png` })

    await tabTo(page, '[data-testid="privacy-screen"]')
    await page.keyboard.press('Space')
    await expect.poll(() => name.getAttribute('data-masked')).toBe('true')
    await expect.poll(() => name.innerText()).toBe('S. L.')
    await checkScreen(page, `My day, names masked (${lang})`, lang)

    await page.reload()
    await expect.poll(() => page.getByTestId('privacy-screen').isChecked()).toBe(true)
    await expect.poll(() => page.getByTestId('person-name').first().innerText()).toBe('S. L.')

    // The same setting on the account page, where going back to the service's setting is offered.
    await page.goto(`${server.url}/account`)
    await expect
      .poll(() =>
        page
          .getByTestId('privacy-screen-choice')
          .getByRole('radio', { name: tr(lang, 'accountSettings.privacyInitials') })
          .isChecked(),
      )
      .toBe(true)
    await page.getByTestId('calendar-feed').waitFor()
    await checkScreen(page, `account page (${lang})`, lang)
    await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/account-${lang}-desktop.png`, fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/account-${lang}-phone.png`, fullPage: true })
    await page
      .getByTestId('notification-preferences')
      .screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/notifications-${lang}-phone.png` })
    await checkScreen(page, `account page on a phone (${lang})`, lang)
    await page.getByRole('button', { name: tr(lang, 'nav.open') }).click()
    await page.getByTestId('privacy-screen').waitFor()
    await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/header-menu-${lang}-phone.png` })
    expect(problems).toEqual([])
  })
})
