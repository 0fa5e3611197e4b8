import crypto from 'node:crypto'
import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../server/seed/demo.data'
import { seedDemo } from '../server/seed/demo.seed'
import { type AuditEntry, appendAuditMany } from '../server/security/audit.chain'
import { checkScreen, chooseLanguage, tr } from './i18n-checks'
import { drawnLabels, fitsItsContainer, launchBrowser, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * Issue 13, access review: the DPO goes from the audit log to the review with the keyboard, sees
 * the worker who read ten times their usual number first with a badge, opens that worker's days
 * (the unusual one marked) and asks who read a person by code, in French and in Dutch.
 */

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = '/tmp/shots-access'
const person = { code: '' }

beforeAll(async () => {
  server = await startServer({ demo: true })
  await seedDemo(server.services)
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
  const db = server.services.db
  const worker = await db.selectFrom('users').select('id').where('email', '=', `intervenant@${DEMO_DOMAIN}`).executeTakeFirstOrThrow()
  person.code = (await db.selectFrom('persons').select('code').orderBy('created_at').limit(1).executeTakeFirstOrThrow()).code
  // The worker's month: 3 persons a day, then one day of 40 (appended after the demo's own entries).
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10)
  const read = (ago: number, n: number): AuditEntry => ({
    at: `${day(ago)}T09:00:00.000Z`,
    actorId: worker.id,
    actorRole: 'worker',
    action: 'accompaniment.listed',
    subjectType: null,
    subjectId: null,
    personId: null,
    persons: Array.from({ length: n }, () => crypto.randomUUID()),
    purpose: null,
    outcome: 'success',
    requestId: crypto.randomUUID(),
    clientIp: '127.0.0.1',
    details: null,
  })
  const entries = [...Array.from({ length: 10 }, (_, i) => read(20 - i, 3)), read(5, 40)]
  await db.transaction().execute((trx) => appendAuditMany(trx, entries))
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function dpoPage(lang: Language, width: number): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport: { width, height: 900 } })
  const res = await context.request.post(`${server.url}/api/auth/login`, {
    data: { email: `dpo@${DEMO_DOMAIN}`, password: DEMO_PASSWORD },
    headers: { 'x-parcours-request': '1' },
  })
  expect(res.status()).toBe(200)
  const page = await context.newPage()
  const problems = watchConsole(page)
  await chooseLanguage(page, server.url, lang)
  return { page, problems }
}

for (const lang of ['fr', 'nl'] as const) {
  it(`the DPO reviews access with the keyboard (${lang})`, async () => {
    const { page, problems } = await dpoPage(lang, 1280)
    await page.goto(`${server.url}/audit`)
    const link = page.getByTestId('access-review-link')
    await link.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL((u) => u.pathname === '/audit/access-review')
    const users = page.getByTestId('review-users')
    const first = users.locator('tbody tr').first()
    await expect.poll(() => first.getByTestId('review-flag').first().textContent()).toBe(tr(lang, 'accessReview.flags.reads_spike'))
    await checkScreen(page, `access review ${lang}`, lang)
    await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/access-review.${lang}.desktop.png`, fullPage: true })

    const firstName = (await first.getByTestId('review-user-name').textContent()) ?? ''
    const open = first.getByRole('button', { name: tr(lang, 'accessReview.showUser').replace('{{name}}', firstName.trim()) })
    expect(await open.textContent()).toBe(tr(lang, 'accessReview.details'))
    await open.focus()
    await page.keyboard.press('Enter')
    const detail = page.getByTestId('review-user')
    await expect.poll(() => detail.getByTestId('review-days').getByText(tr(lang, 'accessReview.outlierDay')).count()).toBe(1)
    await expect.poll(() => detail.getByTestId('review-user-persons').count()).toBe(1)
    await checkScreen(page, `access review user ${lang}`, lang)

    await page.getByLabel(tr(lang, 'accessReview.personCode')).fill(person.code)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('review-readers-summary').textContent()).toContain(person.code)
    // The demo's first person may have had no reader yet in the first language's run: the
    // summary answers either way (and the DPO's own look-up is a reader in the second run).
    await checkScreen(page, `access review readers ${lang}`, lang)
    await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/access-review-detail.${lang}.desktop.png`, fullPage: true })
    // Neither the code typed nor any name is in the address.
    expect(page.url()).not.toContain(person.code)
    // Eight columns at 1,280 px; at 1,024 beside the side bar, six (the flags and the button under
    // the name) rather than blocks; on a phone, blocks. Nothing runs past the card at any of them.
    const columns = () => users.locator('thead th').count()
    expect(await columns()).toBe(8)
    expect(await fitsItsContainer(users)).toBe(true)
    await page.setViewportSize({ width: 1024, height: 800 })
    await expect.poll(columns).toBe(6)
    expect(await users.evaluate((t) => getComputedStyle(t).display)).toBe('table')
    expect(await fitsItsContainer(users)).toBe(true)
    await first.getByRole('button', { name: tr(lang, 'accessReview.showUser').replace('{{name}}', firstName.trim()) }).waitFor()
    await page.setViewportSize({ width: 390, height: 844 })
    await expect.poll(() => users.evaluate((t) => getComputedStyle(t).display)).toBe('block')
    expect(await fitsItsContainer(users)).toBe(true)
    // Each figure under its column's name, drawn; a screen reader hears the figure once, after the heading.
    const cells = await drawnLabels(first)
    expect(cells.map((c) => c.label)).toEqual(['persons', 'cases', 'median', 'peak', 'grants'].map((k) => tr(lang, `accessReview.${k}`)))
    for (const c of cells) {
      expect(c.drawn, c.label).toBe(true)
      expect(c.read, c.label).toMatch(/^\d+$/)
    }
    await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/access-review.${lang}.phone.png`, fullPage: true })
    expect(problems).toEqual([])
    await page.context().close()
  })
}
