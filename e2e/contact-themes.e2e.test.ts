import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { checkScreen, chooseLanguage, settle, signedInPage, tr } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer } from './support'

/**
 * The admin's contact themes screen, in French then in Dutch: reached from the navigation, a
 * theme added and another edited by keyboard, an edit made from a stale version refused (If-Match)
 * and the screen showing it. Axe and the translation checks on every step.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = process.env.PARCOURS_SHOTS_DIR

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function shots(page: Page, name: string) {
  if (!SHOTS) return
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/${name}-desktop.png`, fullPage: true })
  // Loaded again at phone width: a resize alone catches the navigation half-way through its transition.
  await page.setViewportSize({ width: 390, height: 844 })
  await page.reload({ waitUntil: 'networkidle' })
  await settle(page)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/${name}-phone.png`, fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.reload({ waitUntil: 'networkidle' })
}

it('an admin adds a theme and edits another in French, by keyboard, from the admin navigation', async () => {
  const admin = await server.user(['admin'])
  const { page, problems } = await signedInPage(browser, server.url, admin.email)
  await page.goto(`${server.url}/`)
  await page.getByRole('link', { name: tr('fr', 'nav.contactThemes') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'contactThemes.title') }).waitFor()
  const table = page.getByTestId('contact-themes')
  await table.getByText('worry_relative').waitFor()
  await checkScreen(page, 'contact themes (fr)', 'fr')
  await shots(page, 'themes-fr')

  // Add a theme: the form opens on the code; Enter in the last field sends it.
  await page.getByRole('button', { name: tr('fr', 'contactThemes.add') }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel(tr('fr', 'contactThemes.code'), { exact: false }).first().waitFor()
  await checkScreen(page, 'new theme form (fr)', 'fr')
  // An empty send names the missing fields.
  await dialog.getByRole('button', { name: tr('fr', 'common.save') }).click()
  await expect.poll(() => dialog.locator('[aria-invalid="true"]').count()).toBeGreaterThan(1)
  await dialog.getByTestId('theme-code').fill('radicalisation_sport')
  const labels = { fr: 'Club de sport', nl: 'Sportclub', de: 'Sportverein', en: 'Sports club' }
  for (const [l, label] of Object.entries(labels)) await dialog.getByTestId(`theme-label-${l}`).fill(label)
  await dialog.getByTestId('theme-label-en').press('Enter')
  await dialog.waitFor({ state: 'detached' })
  await table.getByText('radicalisation_sport').waitFor()
  await page.getByTestId('theme-saved').waitFor()

  // Edit an existing theme: deactivate it; the change shows in the list.
  const row = table.getByRole('row').filter({ has: page.getByText('media', { exact: true }) })
  await row.getByRole('button').focus()
  await page.keyboard.press('Enter')
  await dialog.getByRole('checkbox').waitFor()
  await dialog.getByRole('checkbox').press('Space')
  await dialog.getByRole('button', { name: tr('fr', 'common.save') }).press('Enter')
  await dialog.waitFor({ state: 'detached' })
  await row.getByText(tr('fr', 'contactThemes.inactive')).waitFor()
  await checkScreen(page, 'contact themes after edits (fr)', 'fr')
  expect(problems).toEqual([])
})

it('in Dutch, an edit from a version someone else changed meanwhile is refused and the screen says so', async () => {
  const admin = await server.user(['admin'])
  const { page, problems } = await signedInPage(browser, server.url, admin.email)
  await chooseLanguage(page, server.url, 'nl')
  await page.goto(`${server.url}/admin/contact-themes`)
  await page.getByRole('heading', { level: 1, name: tr('nl', 'contactThemes.title') }).waitFor()
  const table = page.getByTestId('contact-themes')
  await checkScreen(page, 'contact themes (nl)', 'nl')
  await shots(page, 'themes-nl')

  const row = table.getByRole('row').filter({ has: page.getByText('threat', { exact: true }) })
  await row.getByRole('button').click()
  const dialog = page.getByRole('dialog')
  const nl = dialog.getByTestId('theme-label-nl')
  await nl.waitFor()
  // Meanwhile another admin changes the theme (its version moves on).
  const list = await page.request.get(`${server.url}/api/contact-themes`)
  const theme = ((await list.json()) as { items: { code: string; labels: object; position: number; version: number }[] }).items.find(
    (x) => x.code === 'threat',
  )
  expect(theme).toBeTruthy()
  const other = await page.request.put(`${server.url}/api/contact-themes/threat`, {
    data: { labels: theme?.labels, active: true, position: (theme?.position ?? 0) + 1 },
    headers: { 'x-parcours-request': '1', 'if-match': `"${theme?.version}"` },
  })
  expect(other.status(), await other.text()).toBe(200)

  await nl.fill('Bedreiging (gewijzigd)')
  await dialog.getByRole('button', { name: tr('nl', 'common.save') }).click()
  await dialog.getByText(tr('nl', 'errors.version.mismatch')).waitFor()
  await checkScreen(page, 'stale edit refused (nl)', 'nl')
  expect(problems).toEqual([])
})
