import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { TEST_PASSWORD } from '../server/test/harness'
import { chooseLanguage, signedInPage, tr } from './i18n-checks'
import { launchBrowser, startServer, watchConsole } from './support'

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let worker: { email: string }

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  worker = await server.user(['worker'])
  const agent = server.agent()
  expect((await agent.post('/api/auth/login', { email: worker.email, password: TEST_PASSWORD })).statusCode).toBe(200)
  expect((await agent.post('/api/persons', { firstName: 'Mohammed', lastName: 'Benali', birthYear: 1998 })).statusCode).toBe(201)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const heading = (page: Page, text: string) => page.getByRole('heading', { level: 1, name: text }).waitFor()

/** The element that has the focus, described well enough to tell controls apart. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return 'body'
    return el.dataset.testid ?? el.id ?? ''
  })

it('works with the keyboard alone: sign-in, skip link, search and opening a person', async () => {
  const page = await (await browser.newContext({ locale: 'fr-BE' })).newPage()
  const problems = watchConsole(page)
  const tab = async () => {
    await page.keyboard.press('Tab')
    return page.evaluate(() => {
      const el = document.activeElement as HTMLElement
      return { testid: el.dataset.testid ?? null, tag: el.tagName, type: el.getAttribute('type'), text: el.textContent?.trim() ?? '' }
    })
  }

  await page.goto(`${server.url}/login`)
  const email = page.getByTestId('login-email')
  await email.waitFor()
  // The e-mail field has the focus on arrival; backwards from it: language switch, brand, skip link.
  await expect.poll(() => focused(page)).toBe('login-email')
  for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement?.className)) !== 'skip-link'; i++) {
    await page.keyboard.press('Shift+Tab')
  }
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link')
  // From the top of the page, forwards: the form fields and the submit button, in this order.
  const stops: Awaited<ReturnType<typeof tab>>[] = []
  for (let i = 0; i < 10 && !stops.some((s) => s.type === 'submit'); i++) stops.push(await tab())
  const at = stops.findIndex((s) => s.testid === 'login-email')
  expect(at, JSON.stringify(stops)).toBeGreaterThan(0)
  expect(stops.slice(at).map((s) => s.testid ?? s.type)).toEqual(['login-email', 'login-password', 'submit'])
  // Just before the form, the language switch: the arrow keys change the language.
  expect(stops[at - 1]?.type).toBe('radio')
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl')
  await heading(page, tr('nl', 'login.title'))
  await page.keyboard.press('ArrowLeft')
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr')
  await page.keyboard.press('Tab')
  expect(await focused(page)).toBe('login-email')
  await page.keyboard.type(worker.email)
  await page.keyboard.press('Tab')
  await page.keyboard.type(TEST_PASSWORD)
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')

  // After signing in, the focus is on the new page's heading, inside the main region.
  await heading(page, tr('fr', 'myDay.title'))
  await expect.poll(() => page.evaluate(() => document.activeElement?.closest('#main-content') !== null)).toBe(true)

  // On a fresh load, the skip link is the first Tab stop and takes the focus to the main region.
  await page.goto(`${server.url}/persons`)
  await heading(page, tr('fr', 'persons.title'))
  expect((await tab()).text).toBe(tr('fr', 'a11y.skipToContent'))
  await page.keyboard.press('Enter')
  await expect.poll(() => focused(page)).toBe('main-content')

  // Tab reaches the search box; typing and Enter show the results; Tab reaches the result link.
  for (let i = 0; i < 5 && (await focused(page)) !== 'person-search'; i++) await page.keyboard.press('Tab')
  expect(await focused(page)).toBe('person-search')
  await page.keyboard.type('mohamed benaly')
  await page.keyboard.press('Enter')
  const link = page.getByTestId('person-results').getByRole('link', { name: 'BENALI, Mohammed' })
  await link.waitFor()
  const isOnLink = () => link.evaluate((el) => el === document.activeElement)
  for (let i = 0; i < 5 && !(await isOnLink()); i++) await page.keyboard.press('Tab')
  expect(await isOnLink()).toBe(true)
  await page.keyboard.press('Enter')
  await heading(page, 'Mohammed Benali')
  await page.getByTestId('person-code').waitFor()
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1')

  expect(problems, 'console problems').toEqual([])
  await page.context().close()
})

it("clears a select's choice, and a person's languages, with the keyboard: Tab reaches a named clear button, and the focus comes back to the field (fr, de)", async () => {
  const dpo = await server.user(['dpo'])
  const { page, problems } = await signedInPage(browser, server.url, dpo.email, { width: 1280 })
  for (const lang of ['fr', 'de'] as const) {
    await chooseLanguage(page, server.url, lang)
    await page.goto(`${server.url}/audit`)
    const kind = page.getByTestId('audit-kind')
    await kind.waitFor()
    const emptyKind = await kind.inputValue()
    // Chosen with the keyboard: the list opened, its first option, Enter.
    await kind.focus()
    await page.keyboard.press('ArrowDown')
    await page.getByRole('listbox').waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const chosen = await kind.inputValue()
    expect(chosen).not.toBe(emptyKind)
    // The next stop is the clear button, named in the page's language.
    await page.keyboard.press('Tab')
    const clear = page.getByRole('button', { name: tr(lang, 'common.clearChoice'), exact: true })
    expect(await clear.evaluate((b) => b === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => kind.inputValue()).toBe(emptyKind)
    expect(await kind.evaluate((i) => i === document.activeElement)).toBe(true)
    expect(await clear.count()).toBe(0)
  }
  // A field of several choices the same: the person's languages, all cleared at once.
  const w = await signedInPage(browser, server.url, worker.email, { width: 1280 })
  await w.page.goto(`${server.url}/persons/new`)
  const languages = w.page.getByLabel(tr('fr', 'person.languages'))
  await languages.focus()
  await w.page.keyboard.press('ArrowDown')
  await w.page.getByRole('listbox').waitFor()
  await w.page.keyboard.press('ArrowDown')
  await w.page.keyboard.press('Enter')
  await w.page.keyboard.press('Escape')
  const pills = w.page.locator('.mantine-MultiSelect-pill')
  expect(await pills.count()).toBe(1)
  await w.page.keyboard.press('Tab')
  const clearAll = w.page.getByRole('button', { name: tr('fr', 'common.clearChoice'), exact: true })
  expect(await clearAll.evaluate((b) => b === document.activeElement)).toBe(true)
  await w.page.keyboard.press('Enter')
  await expect.poll(() => pills.count()).toBe(0)
  expect(await languages.evaluate((i) => i === document.activeElement)).toBe(true)
  expect([...problems, ...w.problems]).toEqual([])
  await page.context().close()
  await w.page.context().close()
})
