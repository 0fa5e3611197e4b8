import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { json, TEST_PASSWORD } from '../server/test/harness'
import { chooseLanguage, signIn, tr } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * The proportionate name search (ADR 0006) as a social worker meets it: a reason asked for one
 * name, namesakes of other teams as "J. Dumont · 1998 · Liège", a note when results are capped,
 * on a desktop and on a phone, in French and Dutch; and the person picker of a new case.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const worker = { email: '', team: '' }

beforeAll(async () => {
  // Demo mode: sign-in without a second factor. The names below are not among the demo persons.
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  worker.team = await server.team('Équipe Recherche')
  worker.email = (await server.user(['worker'], { teamIds: [worker.team] })).email
  const mine = server.agent()
  expect((await mine.post('/api/auth/login', { email: worker.email, password: TEST_PASSWORD })).statusCode).toBe(200)
  const others = await server.as(['worker'])
  const register = async (agent: typeof mine, firstName: string, lastName: string, birthYear: number, postcode: string) => {
    const res = await agent.post('/api/persons', { firstName, lastName, birthYear, postcode })
    expect(res.statusCode).toBe(201)
    return json<{ id: string }>(res).id
  }
  // The worker's own client, and two namesakes followed by another team.
  await register(mine, 'Julie', 'Dumont', 1987, '4020')
  await register(others, 'Julien', 'Dumont', 1998, '4000')
  await register(others, 'Julien', 'Dumond', 2003, '1030')
  // Seven Lucas Goossens (or nearly): more than a search shows.
  for (const [i, [first, last]] of [
    ['Lucas', 'Goossens'],
    ['Lucas', 'Goossens'],
    ['Lukas', 'Goossens'],
    ['Lucas', 'Gossens'],
    ['Lukas', 'Gossens'],
    ['Lucas', 'Goossens'],
    ['Lucas', 'Goosens'],
  ].entries())
    await register(others, first!, last!, 1990 + i, '2000')
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const

async function searchPage(lang: Language, size: keyof typeof SIZES): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'fr-BE', viewport: SIZES[size] })
  await signIn(context, server.url, worker.email)
  const page = await context.newPage()
  const problems = watchConsole(page)
  await chooseLanguage(page, server.url, lang)
  await page.goto(`${server.url}/persons`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'persons.title') }).waitFor()
  return { page, problems }
}

const shot = (page: Page, name: string) =>
  page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `person-search-${name}.png`), fullPage: true })

it('one name asks why by keyboard and shows only my own persons; first and last name show namesakes reduced', async () => {
  const { page, problems } = await searchPage('fr', 'desktop')
  const search = page.getByTestId('person-search')
  await search.fill('Dumont')
  // No search is sent before a reason is given: the status says what is missing.
  await page.getByRole('status').getByText(tr('fr', 'personSearch.reasonNeeded')).waitFor()
  const reasons = page.getByRole('radiogroup', { name: tr('fr', 'personSearch.reasonLabel') })
  await reasons.waitFor()
  await expect.poll(() => page.getByTestId('person-results').count()).toBe(0)
  await expectNoAxeViolations(page, 'person search, reason asked')
  await shot(page, 'reason-fr-desktop')
  // By keyboard: Tab into the radio group, arrows to the second reason, then the results appear.
  await search.focus()
  await page.keyboard.press('Tab')
  await page.keyboard.press('ArrowDown')
  await expect.poll(() => reasons.getByRole('radio', { name: tr('fr', 'personSearch.reasons.identify_caller') }).isChecked()).toBe(true)
  const results = page.getByTestId('person-results')
  await results.getByRole('link', { name: 'DUMONT, Julie' }).waitFor()
  // Julien Dumont and Julien Dumond, followed by another team, do not appear on a family name.
  await expect.poll(() => results.getByTestId('person-result').count()).toBe(1)
  expect(await results.getByTestId('person-result-reduced').count()).toBe(0)

  await search.fill('julien dumont')
  await expect.poll(() => reasons.count()).toBe(0)
  const reduced = results.getByTestId('person-result-reduced')
  await expect.poll(() => reduced.count()).toBe(2)
  await expect
    .poll(async () => (await reduced.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ')))
    .toEqual(['J. Dumont 1998 · Liège Accès restreint', 'J. Dumond 2003 · Schaerbeek Orthographe proche Accès restreint'])
  expect(await reduced.getByRole('link').count()).toBe(0)
  await results.getByText(tr('fr', 'personSearch.reducedHelp')).waitFor()
  await reduced.getByText(tr('fr', 'personSearch.closeSpelling')).waitFor()
  // The worker's own Julie Dumont is a close spelling of Julien Dumont (ADR 0009): shown whole, and said so.
  const whole = results.getByTestId('person-result')
  await expect.poll(() => whole.count()).toBe(1)
  await whole.getByRole('link', { name: 'DUMONT, Julie' }).waitFor()
  await whole.getByText(tr('fr', 'personSearch.closeSpelling')).waitFor()
  await expectNoAxeViolations(page, 'person search, reduced namesakes')
  expect(problems).toEqual([])
  await page.context().close()
})

it('on a desktop and a phone, in French and Dutch, says when results are capped and shows namesakes whole', async () => {
  for (const lang of ['fr', 'nl'] as const) {
    for (const size of ['desktop', 'phone'] as const) {
      const { page, problems } = await searchPage(lang, size)
      await page.getByTestId('person-search').fill('lucas goossens')
      const results = page.getByTestId('person-results')
      await results.getByText(tr(lang, 'personSearch.cappedTitle').replace('{{n}}', '5')).waitFor()
      await expect.poll(() => results.getByTestId('person-result-reduced').count()).toBe(5)
      await page.getByRole('status').getByText(tr(lang, 'personSearch.cappedCount').replace('{{n}}', '5')).waitFor()
      // Nothing is cut off sideways: the page is no wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIZES[size].width)
      await expectNoAxeViolations(page, `person search capped (${lang}, ${size})`)
      await shot(page, `capped-${lang}-${size}`)
      await page.getByTestId('person-search').fill('Dumont')
      await page.getByRole('radiogroup', { name: tr(lang, 'personSearch.reasonLabel') }).waitFor()
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(SIZES[size].width)
      await shot(page, `reason-${lang}-${size}`)
      expect(problems).toEqual([])
      await page.context().close()
    }
  }
})

it('the person picker of a new case asks why for one name, and lists namesakes of other teams greyed', async () => {
  const intakeUser = await server.user(['intake'], { teamIds: [worker.team] })
  const context = await browser.newContext({ locale: 'fr-BE', viewport: SIZES.desktop })
  await signIn(context, server.url, intakeUser.email)
  const page = await context.newPage()
  const problems = watchConsole(page)
  const post = async (data: unknown) => {
    const res = await page.request.post(`${server.url}/api/persons`, { data, headers: { 'x-parcours-request': '1' } })
    expect(res.status()).toBe(201)
    return (await res.json()) as { id: string }
  }
  const mother = await post({ firstName: 'Nadia', lastName: 'Dumont', birthYear: 1970 })
  await post({ firstName: 'Julien', lastName: 'Dumont', birthYear: 2005, postcode: '4020' })

  await page.goto(`${server.url}/accompaniments/new?personId=${mother.id}`)
  await page.getByRole('heading', { level: 1, name: 'Ouvrir un accompagnement' }).waitFor()
  await page.getByLabel('Proche', { exact: true }).check()
  await page.getByLabel('Connue du service').check()
  // The field by its label; once open, its list bears the same name, so then by its test id.
  await page.getByLabel('Qui est la personne concernée ?', { exact: true }).waitFor()
  const picker = page.getByTestId('person-picker')
  await picker.fill('Dumont')
  await page.getByText(tr('fr', 'personSearch.picker.needReason')).waitFor()
  // The reason, below the field; what was typed stays when the focus leaves it.
  await page.getByRole('radio', { name: tr('fr', 'personSearch.reasons.find_client') }).check()
  await expect.poll(() => picker.inputValue()).toBe('Dumont')
  await picker.click()
  await page.getByRole('option', { name: /Julien Dumont · 2005 · Liège/ }).waitFor()
  await expectNoAxeViolations(page, 'case create, picker with a reason')
  await shot(page, 'picker-reason')

  await picker.fill('julien dumont')
  const other = page.getByRole('option', { name: /J\. Dumont · 1998 · Liège — suivie par une autre équipe/ })
  await other.waitFor()
  expect(await other.getAttribute('aria-disabled')).toBe('true')
  await shot(page, 'picker-namesakes')
  await page.getByRole('option', { name: /Julien Dumont · 2005 · Liège/ }).click()
  await expect.poll(() => picker.inputValue()).toContain('Julien Dumont · 2005')
  await shot(page, 'picker-chosen')
  expect(problems).toEqual([])
  await context.close()
})
