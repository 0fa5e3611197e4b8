import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { json } from '../server/test/harness'
import { checkScreen, chooseLanguage, signIn, tr } from './i18n-checks'
import { launchBrowser, startServer, watchConsole } from './support'

/**
 * Issue 12, journey 6: the lead assigns a case; the worker's My day says "new case for you" and
 * the bell has the "case assigned" notification. Once the worker has opened the case, My day no
 * longer calls it new: on coming back through the app's own links, without reloading the page.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let team = ''
type Signed = Awaited<ReturnType<Awaited<ReturnType<typeof startServer>>['as']>>
let lead: Signed
let intake: Signed
let worker = { id: '', email: '' }

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  team = await server.team('Équipe Namur')
  intake = await server.as(['intake'], { teamIds: [team] })
  lead = await server.as(['lead'], { teamIds: [team] })
  worker = await server.user(['worker'], { teamIds: [team] })
  await server.services.db.updateTable('users').set({ display_name: 'Claire Martin' }).where('id', '=', worker.id).execute()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function pageAs(email: string, lang: Language): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
  await signIn(context, server.url, email)
  const page = await context.newPage()
  const problems = watchConsole(page)
  await chooseLanguage(page, server.url, lang)
  return { page, problems }
}

async function unassignedCase(firstName: string, lastName: string) {
  const person = json<{ id: string }>(await intake.post('/api/persons', { firstName, lastName, birthYear: 2001 }))
  const res = await intake.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(res.statusCode, res.body).toBe(201)
  const id = json<{ id: string }>(res).id
  // Intake hands the case over without reading it back: its code is read as the lead.
  return { id, code: json<{ code: string }>(await lead.get(`/api/accompaniments/${id}`)).code }
}

const bellSays = (lang: Language, count: number) =>
  tr(lang, `notifications.menu_${count === 1 ? 'one' : 'other'}`).replace('{{count}}', String(count))

it.each([
  ['fr', 'Nora', 'Benali', 'link'],
  ['nl', 'Pieter', 'Claes', 'bell'],
] as const)('in %s, the assigned case is new on My day until the worker opens it', async (lang, firstName, lastName, openBy) => {
  const c = await unassignedCase(firstName, lastName)

  // The lead assigns the case on its page.
  const asLead = await pageAs(lead.email, lang)
  await asLead.page.goto(`${server.url}/accompaniments/${c.id}`)
  await asLead.page.getByLabel(tr(lang, 'assign.primary'), { exact: true }).click()
  await asLead.page.getByRole('option', { name: /Claire Martin/ }).click()
  await asLead.page.getByTestId('assign').click()
  await asLead.page.getByText(tr(lang, 'assign.done')).waitFor()
  await checkScreen(asLead.page, `case assigned (${lang})`, lang)

  // The worker's My day calls it new, and the bell counts the notice (the French one is still unread in Dutch).
  const unread = lang === 'fr' ? 1 : 2
  const { page, problems } = await pageAs(worker.email, lang)
  await page.goto(`${server.url}/my-day`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'myDay.title') }).waitFor()
  const fresh = page.getByTestId('my-day-new-cases')
  await fresh.getByRole('link', { name: c.code }).waitFor()
  // Its line is the case and its client; the card's title says they are new, once.
  const line = fresh.getByRole('listitem').filter({ has: page.getByRole('link', { name: c.code }) })
  expect((await line.innerText()).split('\n')).toEqual([c.code, `${firstName} ${lastName}`])
  expect(await page.getByText(tr(lang, 'names.newCases')).count()).toBe(1)
  const bell = page.getByTestId('notifications-bell')
  await expect.poll(() => bell.getAttribute('aria-label')).toBe(bellSays(lang, unread))
  await checkScreen(page, `my day with a new case (${lang})`, lang)

  await bell.click()
  const notice = page.getByTestId('notification').filter({ hasText: c.code })
  await expect.poll(() => notice.textContent()).toContain(tr(lang, 'notifications.event.case_assigned').replace('{{reference}}', c.code))
  await checkScreen(page, `bell with the case assigned (${lang})`, lang)

  // The worker opens the case (from My day, or from the notice), then comes back through the menu.
  if (openBy === 'bell') await notice.click()
  else {
    await page.keyboard.press('Escape')
    await fresh.getByRole('link', { name: c.code }).click()
  }
  await page.waitForURL(`${server.url}/accompaniments/${c.id}`)
  await page.getByTestId('case-code').waitFor()
  await checkScreen(page, `case opened by the worker (${lang})`, lang)
  // A mark on the window, which a reload would wipe.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }))
  // A slow network on the way back: what the page shows before My day's refetch answers is what
  // its cache holds, and that must already know the case was opened.
  await page.route('**/api/my-day', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3000))
    await route.continue()
  })
  await page
    .getByRole('navigation')
    .getByRole('link', { name: tr(lang, 'nav.myDay') })
    .click()
  await page.getByRole('heading', { level: 1, name: tr(lang, 'myDay.title') }).waitFor()
  await page.locator('#my-day-sessions').waitFor()
  // From the first drawing of the page, not only once a refetch has come back: no stale notice.
  expect(await page.getByTestId('my-day-new-cases').getByRole('link', { name: c.code }).count(), 'still new on return').toBe(0)
  await page.unroute('**/api/my-day')
  await expect.poll(() => page.getByTestId('my-day-new-cases').getByRole('link', { name: c.code }).count()).toBe(0)
  expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument), 'no reload').toBe(true)
  await expect.poll(() => bell.getAttribute('aria-label')).toBe(bellSays(lang, openBy === 'bell' ? unread - 1 : unread))
  await checkScreen(page, `my day after opening the case (${lang})`, lang)
  expect([...problems, ...asLead.problems], 'console problems').toEqual([])
  await page.context().close()
  await asLead.page.context().close()
})
