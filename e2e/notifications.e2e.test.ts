import crypto from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { notify } from '../server/modules/notifications/notify'
import { checkScreen, signedInPage, tr } from './i18n-checks'
import { launchBrowser, startServer } from './support'

/**
 * The header's bell: its accessible name gives the unread count; opened and walked by keyboard,
 * a notification about a contact opens that contact and is then read. Axe and the translation
 * checks with the menu open.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('shows the unread count, lists the notification by keyboard and opens its subject', async () => {
  const intake = await server.user(['intake'])
  const contactId = crypto.randomUUID()
  await server.services.db
    .transaction()
    .execute((trx) => notify(trx, { event: 'callback_due', contactId, date: '2026-12-02', userIds: [intake.id] }, server.config))
  const reference = `C-${contactId.replace(/-/g, '').slice(0, 8).toUpperCase()}`
  const { page, problems } = await signedInPage(browser, server.url, intake.email)
  await page.goto(`${server.url}/`)
  const bell = page.getByTestId('notifications-bell')
  await expect.poll(() => bell.getAttribute('aria-label')).toBe(tr('fr', 'notifications.menu_one').replace('{{count}}', '1'))

  await bell.focus()
  await page.keyboard.press('Enter')
  const item = page.getByRole('button', { name: new RegExp(reference) })
  await item.waitFor()
  await checkScreen(page, 'notifications menu (fr)', 'fr')
  await page.keyboard.press('Tab')
  await expect.poll(() => item.evaluate((el) => el === document.activeElement)).toBe(true)
  await page.keyboard.press('Enter')
  await page.waitForURL(`${server.url}/contacts/${contactId}`)
  // In French 0 takes the singular.
  await expect.poll(() => bell.getAttribute('aria-label')).toBe(tr('fr', 'notifications.menu_one').replace('{{count}}', '0'))
  expect(problems).toEqual([])
})
