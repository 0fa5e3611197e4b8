import path from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { settle } from './i18n-checks'
import { SHOT_TIMEOUT } from './support'

/**
 * A screen at desktop and at phone width, for a person to look at: `<dir>/<name>-desktop.png` and
 * `-phone.png`. On the phone the page itself never grows wider than the screen (a table scrolls
 * inside its own region), and the navigation has slid out of view before the picture is taken.
 * The page is left at desktop width.
 */
export async function shotsAtTwoWidths(page: Page, dir: string, name: string): Promise<void> {
  await settle(page)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(dir, `${name}-desktop.png`), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await settle(page)
  await expect
    .poll(async () => {
      const box = await page.locator('.mantine-AppShell-navbar').boundingBox()
      return !box || box.x + box.width <= 1
    })
    .toBe(true)
  // Charts and tables follow the new width through resize observers, a few frames after the
  // viewport (about 90 ms on an idle machine, longer on a loaded one): the page must come to fit,
  // and a page that stays wider fails.
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: `${name} fits a phone`, timeout: 10_000 })
    .toBeLessThanOrEqual(390)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(dir, `${name}-phone.png`), fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
}
