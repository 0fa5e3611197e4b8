import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { type Browser, chromium, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { startTestApp } from '../server/test/harness'
import { CHROME_FLAGS, CHROMIUM } from './chromium'

export { CHROMIUM }

export const SCREENSHOTS = path.resolve('.test-results/screenshots')

/**
 * A full-page picture makes Chromium lay the whole page out again at its full height. On a loaded
 * two-core CI machine one took longer than the 30 s every other action gets (stop 31); a picture
 * is for a person to look at, not a measure of speed, so it gets more room.
 */
export const SHOT_TIMEOUT = 120_000

/**
 * A full-page screenshot for people to look at. Chromium's capture now and then stalls under CI's
 * load (stop 39: 120 s on one phone page, every assertion of the test still to come): after 45 s it
 * is taken again, of the viewport only, so that the test goes on to what it checks; a second stall fails.
 */
export async function fullShot(page: Page, file: string): Promise<void> {
  try {
    await page.screenshot({ timeout: 45_000, path: file, fullPage: true })
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TimeoutError') throw error
    await page.screenshot({ timeout: SHOT_TIMEOUT, path: file })
  }
}

/** The real server with the built web app, on a free loopback port. */
export async function startServer(options: { demo?: boolean } = {}) {
  const t = await startTestApp({ demo: options.demo ?? false, webRoot: path.resolve('dist/web') })
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  const port = (t.app.server.address() as { port: number }).port
  return Object.assign(t, { url: `http://127.0.0.1:${port}` })
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROME_FLAGS,
  })
}

/**
 * Waits for the page's title (its h1, matched exactly). When it does not come, the error says what
 * the page showed instead (address, headings, the start of its text) and keeps a picture: a wait
 * that timed out once in CI (stop 34, the DPO's requests in French) said only that it waited.
 */
export async function waitForTitle(page: Page, text: string, timeout = 30_000): Promise<void> {
  try {
    await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor({ timeout })
  } catch (error) {
    const seen = await page
      .evaluate(() => ({
        headings: [...document.querySelectorAll('h1, h2')].map((h) => `${h.tagName}: ${h.textContent ?? ''}`),
        text: (document.body?.innerText ?? '').slice(0, 400),
        lang: document.documentElement.lang,
      }))
      .catch((e: unknown) => ({ unreadable: String(e) }))
    const picture = path.join(SCREENSHOTS, `timeout-${Date.now()}.png`)
    await page.screenshot({ path: picture, timeout: SHOT_TIMEOUT }).catch(() => undefined)
    throw new Error(`no h1 "${text}" at ${page.url()}: the page showed ${JSON.stringify(seen)} (picture: ${picture})`, { cause: error })
  }
}

/** Collects what the browser complains about: CSP violations and uncaught errors fail the journey. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(m.text())
  })
  page.on('pageerror', (e) => problems.push(e.message))
  return problems
}

/**
 * Legacy mode runs `axe.run()` in the page itself instead of finishing the run in a new blank
 * page: the same rules, about a second less per check. The app has no cross-origin frames.
 */
export async function expectNoAxeViolations(page: Page, label: string, within?: string): Promise<void> {
  // A dialog fading in has its text at part opacity for a few frames: axe measured its contrast
  // there once under CI load (restriction dialog, nl). Finite animations and transitions end first;
  // endless ones (a loader) are left running.
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY),
    undefined,
    { timeout: 10_000 },
  )
  const builder = new AxeBuilder({ page })
  // `within`: a selector that limits the check to one part of the page (an open dialog).
  if (within) builder.include(within)
  const result = await builder
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze()
  const summary = result.violations.map(
    (v) =>
      `${v.id} (${v.nodes.length}): ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  )
  expect(summary, `axe on ${label}`).toEqual([])
}

/** Whether a table fits its container: nothing runs past its edge, so nothing scrolls sideways. */
export function fitsItsContainer(table: Locator): Promise<boolean> {
  return table.evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0) + 1)
}

/**
 * The cells of a table row drawn a block with their column's name (`data-label`) before the value,
 * as they show and as a screen reader reads them. The name is drawn, not read: the cell already
 * has its column heading, and read twice it would say "Rows, Rows 12".
 */
export async function drawnLabels(row: Locator): Promise<{ label: string; drawn: boolean; read: string }[]> {
  const cells = row.locator('td[data-label]')
  const out: { label: string; drawn: boolean; read: string }[] = []
  for (const cell of await cells.all()) {
    const label = (await cell.getAttribute('data-label')) ?? ''
    const before = await cell.evaluate((td) => getComputedStyle(td, '::before').content)
    // What assistive technology gets: the cell's name in the accessibility tree.
    const read = /^- cell(?: "((?:[^"\\]|\\.)*)")?/.exec(await cell.ariaSnapshot())?.[1] ?? ''
    out.push({ label, drawn: before.includes(label), read })
  }
  return out
}
