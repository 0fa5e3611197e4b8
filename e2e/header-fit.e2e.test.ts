import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LANGUAGES } from '../common/roles'
import { chooseLanguage, signIn, tr } from './i18n-checks'
import { launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * The signed-in header on the widths where it is widest: every control whole, inside the window
 * and clear of its neighbours, in every language, for a lead on a demo instance (the badge, the
 * notifications, the privacy screen, the language switch and a long name all in one row).
 */

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let email = ''
const LONG_NAME = 'Anne-Catherine Vandenberghe-Lambrechts'

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const team = await server.team('Équipe Bruxelles')
  const lead = await server.user(['lead', 'worker'], { teamIds: [team] })
  email = lead.email
  await server.services.db.updateTable('users').set({ display_name: LONG_NAME }).where('id', '=', lead.id).execute()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

type Box = { name: string; x: number; y: number; width: number; height: number }

async function boxOf(name: string, locator: Locator): Promise<Box> {
  const box = await locator.boundingBox()
  expect(box, `${name} is on screen`).not.toBeNull()
  return { name, ...box! }
}

/** Whether two boxes share more than a pixel. */
const overlap = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1

/** Whether an element's text is cut (ellipsis or hidden overflow). */
const cut = (locator: Locator) => locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1)

/** The demo badge, in whichever of its three lengths the width calls for. */
const demoBadge = (page: Page, lang: (typeof LANGUAGES)[number]) =>
  page.locator('header').getByText(new RegExp(`^(${['app.demo', 'app.demoShort', 'app.demoTiny'].map((k) => tr(lang, k)).join('|')})$`))

async function headerControls(page: Page, lang: (typeof LANGUAGES)[number]): Promise<Box[]> {
  const header = page.locator('header')
  const logout = header.getByTestId('logout')
  await logout.waitFor()
  const controls: [string, Locator][] = [
    ['brand', header.getByRole('link', { name: tr(lang, 'app.name'), exact: true })],
    ['demo badge', demoBadge(page, lang)],
    ['logout', logout],
  ]
  const name = header.getByText(LONG_NAME, { exact: true })
  if (await name.count()) controls.push(['user name', name])
  // Without the name, the sign-out button still says who is signed in (on hover).
  else expect(await logout.getAttribute('title')).toBe(LONG_NAME)
  const boxes: Box[] = []
  for (const [label, locator] of controls) {
    const box = await boxOf(label, locator)
    expect(await cut(locator), `${label} is not cut (${lang})`).toBe(false)
    boxes.push(box)
  }
  // Every button and field of the header.
  for (const [i, control] of (await header.locator('button:visible, input:visible, [role="combobox"]:visible').all()).entries())
    boxes.push(await boxOf(`control ${i}`, control))
  return boxes
}

for (const width of [1440, 1280, 1024, 800]) {
  it(`the header fits at ${width} px in every language, nothing cut or overlapping`, async () => {
    await inEveryLanguage(width, 800, async (page, lang) => {
      await page.getByTestId('logout').waitFor()
      await page.screenshot({
        timeout: SHOT_TIMEOUT,
        path: path.join(SCREENSHOTS, `header-${width}-${lang}.png`),
        clip: { x: 0, y: 0, width, height: 64 },
      })
      const boxes = await headerControls(page, lang)
      for (const b of boxes) {
        expect(b.x, `${b.name} starts inside the window (${lang}, ${width} px)`).toBeGreaterThanOrEqual(0)
        expect(b.x + b.width, `${b.name} ends inside the window (${lang}, ${width} px)`).toBeLessThanOrEqual(width)
      }
      const clashes = boxes.flatMap((a, i) =>
        boxes
          .slice(i + 1)
          .filter((b) => overlap(a, b) && !contains(a, b) && !contains(b, a))
          .map((b) => `${a.name} × ${b.name}`),
      )
      expect(clashes, `overlaps (${lang}, ${width} px)`).toEqual([])
      const overflow = await page.locator('header').evaluate((el) => el.scrollWidth - el.clientWidth)
      expect(overflow, `header overflow (${lang}, ${width} px)`).toBeLessThanOrEqual(0)
    })
  })
}

for (const width of [390, 360, 320]) {
  it(`on a ${width} px phone the header fits in every language: menu, name, badge and search whole and apart`, async () => {
    await inEveryLanguage(width, 740, async (page, lang) => {
      const header = page.locator('header')
      const controls: [string, Locator][] = [
        ['menu', header.getByRole('button', { name: tr(lang, 'nav.open') })],
        ['brand', header.getByRole('link', { name: tr(lang, 'app.name'), exact: true })],
        ['demo badge', demoBadge(page, lang)],
        ['search', header.locator('button:visible').last()],
      ]
      await controls[0]![1].waitFor()
      await page.screenshot({
        timeout: SHOT_TIMEOUT,
        path: path.join(SCREENSHOTS, `header-${width}-${lang}.png`),
        clip: { x: 0, y: 0, width, height: 64 },
      })
      const boxes: Box[] = []
      for (const [label, locator] of controls) {
        const box = await boxOf(label, locator)
        expect(await cut(locator), `${label} is not cut (${lang}, ${width} px)`).toBe(false)
        expect(box.x, `${label} starts inside the window (${lang}, ${width} px)`).toBeGreaterThanOrEqual(0)
        expect(box.x + box.width, `${label} ends inside the window (${lang}, ${width} px)`).toBeLessThanOrEqual(width)
        boxes.push(box)
      }
      const clashes = boxes.flatMap((a, i) =>
        boxes
          .slice(i + 1)
          .filter((b) => overlap(a, b))
          .map((b) => `${a.name} × ${b.name}`),
      )
      expect(clashes, `overlaps (${lang}, ${width} px)`).toEqual([])
      // The badge's hint, shown by the keyboard, stays on the screen too.
      await demoBadge(page, lang).locator('xpath=ancestor-or-self::*[@tabindex="0"][1]').focus()
      const hint = header.locator('.hint__label', { hasText: tr(lang, 'app.demoHint') })
      await expect.poll(() => hint.isVisible()).toBe(true)
      const hintBox = await boxOf('demo hint', hint)
      expect(hintBox.x, `the hint starts inside the window (${lang}, ${width} px)`).toBeGreaterThanOrEqual(0)
      expect(hintBox.x + hintBox.width, `the hint ends inside the window (${lang}, ${width} px)`).toBeLessThanOrEqual(width)
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `page width (${lang}, ${width} px)`).toBeLessThanOrEqual(
        width,
      )
    })
  })
}

/** The home page at this size in each language in turn, one signed-in context, its console watched. */
async function inEveryLanguage(width: number, height: number, check: (page: Page, lang: (typeof LANGUAGES)[number]) => Promise<void>) {
  const context = await browser.newContext({ locale: 'fr-BE', viewport: { width, height } })
  await signIn(context, server.url, email)
  const page = await context.newPage()
  const problems = watchConsole(page)
  try {
    for (const lang of LANGUAGES) {
      await chooseLanguage(page, server.url, lang)
      await page.goto(`${server.url}/`)
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang)
      await check(page, lang)
    }
    expect(problems).toEqual([])
  } finally {
    await context.close()
  }
}

/** A control inside another (the search icon inside the field) is not a clash. */
function contains(a: Box, b: Box): boolean {
  return a.x <= b.x + 1 && a.y <= b.y + 1 && a.x + a.width >= b.x + b.width - 1 && a.y + a.height >= b.y + b.height - 1
}
