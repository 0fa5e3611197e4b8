import fs from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Agent } from '../server/test/harness'
import { checkScreen, chooseLanguage, signIn, tr } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * The lead reads the contact point's figures over two weeks of October, in French then Dutch:
 * the period chosen with the keyboard, each chart's table showing the fixtures' counts, axe and
 * the translations checked on each screen; desktop and phone screenshots for the eye.
 */
const SHOTS = '/tmp/shots-stats'
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let lead: Agent & { userId: string; email: string }

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
  const team = await server.team('Équipe Bruxelles')
  const intake = await server.as(['intake'], { teamIds: [team] })
  lead = await server.as(['lead'], { teamIds: [team] })
  const call = (occurredAt: string, channel: string, callerKind: string, extra: object = {}) =>
    intake.post('/api/contacts', { channel, occurredAt, callerKind, summary: 'Appel de Madame Verhaegen', urgency: 'week', ...extra })
  const fixtures = [
    call('2026-10-05T08:00:00.000Z', 'phone', 'relative', { themes: ['worry_relative'], orientation: 'information_only' }),
    call('2026-10-06T09:00:00.000Z', 'phone', 'relative', { themes: ['worry_relative', 'online_exposure'] }),
    call('2026-10-07T13:00:00.000Z', 'email', 'professional', {
      callerSector: 'school',
      themes: ['online_exposure'],
      orientation: 'advice_case',
    }),
    call('2026-10-08T15:00:00.000Z', 'walk_in', 'anonymous', { orientation: 'none' }),
    call('2026-10-12T08:30:00.000Z', 'phone', 'relative', { themes: ['worry_relative'], orientation: 'accompaniment' }),
    call('2026-10-13T10:00:00.000Z', 'phone', 'person_concerned', { orientation: 'referred', referredTo: 'CPAS' }),
    call('2026-10-15T16:00:00.000Z', 'email', 'relative', { themes: ['online_exposure'] }),
  ]
  for (const res of await Promise.all(fixtures)) expect(res.statusCode, res.body).toBe(201)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('the lead opens the statistics from the contacts page, picks a period and reads each chart as a table, in French and Dutch', async () => {
  const context = await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
  await signIn(context, server.url, lead.email)
  const page = await context.newPage()
  const problems = watchConsole(page)

  await page.goto(`${server.url}/contacts`)
  await page.getByTestId('contact-statistics-link').click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'contactStatistics.title') }).waitFor()
  // The period, typed with the keyboard and sent with Enter.
  await page.getByLabel(tr('fr', 'contactStatistics.from'), { exact: true }).fill('2026-10-05')
  await page.getByLabel(tr('fr', 'contactStatistics.to'), { exact: true }).fill('2026-10-18')
  await page.getByLabel(tr('fr', 'contactStatistics.to'), { exact: true }).press('Enter')
  await page
    .getByTestId('stats-summary')
    .getByText(/7 contacts/)
    .waitFor()

  const channels = page.getByTestId('stats-channel-table')
  const row = (week: RegExp) => channels.getByRole('row', { name: week })
  // Phone, e-mail, walk-in, web form, letter, other — per week, then the total.
  await expect
    .poll(() =>
      row(/^5 oct/)
        .getByRole('cell')
        .allInnerTexts(),
    )
    .toEqual(['2', '1', '1', '0', '0', '0'])
  expect(
    await row(/^12 oct/)
      .getByRole('cell')
      .allInnerTexts(),
  ).toEqual(['2', '1', '0', '0', '0', '0'])
  expect(
    await channels
      .getByRole('row', { name: /^Total/ })
      .getByRole('cell')
      .allInnerTexts(),
  ).toEqual(['4', '2', '1', '0', '0', '0'])
  const orientations = page.getByTestId('stats-orientation-table')
  expect(
    await orientations
      .getByRole('row', { name: /^Total/ })
      .getByRole('cell')
      .allInnerTexts(),
  ).toEqual(['1', '1', '1', '1', '1', '2'])
  await checkScreen(page, 'contact statistics', 'fr')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/stats-fr-desktop.png`, fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await checkScreen(page, 'contact statistics (phone)', 'fr')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/stats-fr-phone.png`, fullPage: true })

  await chooseLanguage(page, server.url, 'nl')
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(`${server.url}/dashboard`)
  await page.getByTestId('contact-statistics-link').click()
  await page.getByRole('heading', { level: 1, name: tr('nl', 'contactStatistics.title') }).waitFor()
  await page.getByLabel(tr('nl', 'contactStatistics.from'), { exact: true }).fill('2026-10-05')
  await page.getByLabel(tr('nl', 'contactStatistics.to'), { exact: true }).fill('2026-10-18')
  await page.getByRole('button', { name: tr('nl', 'contactStatistics.show') }).click()
  await page
    .getByTestId('stats-summary')
    .getByText(/7 contacten/)
    .waitFor()
  const kinds = page.getByTestId('stats-caller-kind-table')
  // Relative, professional, person concerned, undisclosed, anonymous.
  await expect
    .poll(() =>
      kinds
        .getByRole('row', { name: /^Totaal/ })
        .getByRole('cell')
        .allInnerTexts(),
    )
    .toEqual(['4', '1', '1', '0', '1'])
  await checkScreen(page, 'contact statistics', 'nl')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/stats-nl-desktop.png`, fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await checkScreen(page, 'contact statistics (phone)', 'nl')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/stats-nl-phone.png`, fullPage: true })
  // Counts only: no caller's words on the page.
  expect(await page.content()).not.toContain('Verhaegen')
  expect(problems).toEqual([])
})
