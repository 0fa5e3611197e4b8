import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { codeFor } from '../server/security/mfa'
import { TEST_PASSWORD } from '../server/test/harness'
import { chooseLanguage, tr } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, startServer, watchConsole } from './support'

/**
 * The public side, in French and Dutch: the /info page and its form pass axe; a visitor whose
 * browser runs no JavaScript sends an "ask to be contacted" request (after a first try that
 * forgot the phone number, which the page names); intake, signed in, finds it in the inbox,
 * opens it with the keyboard and marks it handled.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
/**
 * Intake handles personal data, so signs in with a second factor. One user per language: a TOTP
 * code is accepted once, and both languages may sign in within the same 30-second step.
 */
const intakeEmails: Partial<Record<Language, string>> = {}
const SECRET = 'JBSWY3DPEHPK3PXP'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
  for (const lang of ['fr', 'nl'] as const) intakeEmails[lang] = (await server.user(['intake'], { mfaSecret: SECRET })).email
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const MESSAGES: Record<string, string> = {
  fr: 'Mon fils de 16 ans ne parle plus qu’à des inconnus en ligne.',
  nl: 'Mijn dochter wil plots naar het buitenland vertrekken.',
}

describe.each(['fr', 'nl'] as const)('the public form in %s', (lang: Language) => {
  const infoUrl = () => `${server.url}${lang === 'fr' ? '/info' : `/info/${lang}`}`

  it('passes axe on the page and on the answer that names a missing field', async () => {
    const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-BE' : 'nl-BE' })
    const page = await context.newPage()
    const problems = watchConsole(page)
    await page.goto(infoUrl())
    expect(await page.getAttribute('html', 'lang')).toBe(lang)
    await expectNoAxeViolations(page, `/info (${lang})`)
    // The language switch names every language, the current one marked.
    await expect(page.locator('nav a[aria-current="true"]').getAttribute('hreflang')).resolves.toBe(lang)
    await page.getByLabel(tr(lang, 'publicInfo.form.kind.relative')).check()
    await page.getByLabel(tr(lang, 'publicInfo.form.reachPhone')).check()
    await page.waitForTimeout(3_200)
    await page.getByRole('button', { name: tr(lang, 'publicInfo.form.submit') }).click()
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(tr(lang, 'publicInfo.result.errorTitle'))
    await expect(page.locator('#summary a[href="#f-phone"]').count()).resolves.toBe(1)
    await expectNoAxeViolations(page, `form refused (${lang})`)
    expect(problems).toEqual([])
    await context.close()
  }, 60_000)

  it('works with JavaScript off, and the request reaches the intake inbox', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: lang === 'fr' ? 'fr-BE' : 'nl-BE' })
    const visitor = await context.newPage()
    await visitor.goto(infoUrl())
    await visitor.getByLabel(tr(lang, 'publicInfo.form.kind.relative')).check()
    await visitor.getByLabel(tr(lang, 'publicInfo.form.reachPhone')).check()
    await visitor.getByLabel(tr(lang, 'publicInfo.form.phoneLabel')).fill('0470 55 66 77')
    await visitor.getByLabel(tr(lang, 'publicInfo.form.times.afternoon')).check()
    await visitor.getByLabel(tr(lang, 'publicInfo.form.messageLabel')).fill(MESSAGES[lang]!)
    // A person takes more than the form's three seconds; so does this visitor.
    await visitor.waitForTimeout(3_200)
    await visitor.getByRole('button', { name: tr(lang, 'publicInfo.form.submit') }).click()
    await expect(visitor.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(tr(lang, 'publicInfo.result.thanksTitle'))
    await context.close()

    const signedIn = await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 } })
    const headers = { 'x-parcours-request': '1' }
    await signedIn.request.post(`${server.url}/api/auth/login`, { data: { email: intakeEmails[lang], password: TEST_PASSWORD }, headers })
    const verified = await signedIn.request.post(`${server.url}/api/auth/mfa/verify`, { data: { code: codeFor(SECRET) }, headers })
    expect(verified.status()).toBe(200)
    const page = await signedIn.newPage()
    const problems = watchConsole(page)
    await chooseLanguage(page, server.url, lang)
    await page.goto(`${server.url}/contact-requests`)
    await page.getByRole('heading', { level: 1, name: tr(lang, 'contactRequests.title') }).waitFor({ timeout: 15_000 })
    const items = page.getByTestId('contact-request')
    await items.first().waitFor({ timeout: 15_000 })
    expect(await items.count()).toBe(1)
    // The list does not show the message until the request is opened.
    expect(await page.getByText(MESSAGES[lang]!).count()).toBe(0)
    await expectNoAxeViolations(page, `inbox (${lang})`)
    await items.first().getByRole('button').focus()
    await page.keyboard.press('Enter')
    const detail = page.getByTestId('contact-request-detail')
    await detail.waitFor({ timeout: 15_000 })
    await expect(detail.getByText(MESSAGES[lang]!).count()).resolves.toBe(1)
    await expect(detail.getByText('0470 55 66 77').count()).resolves.toBe(1)
    await expectNoAxeViolations(page, `request opened (${lang})`)
    await detail.getByRole('button', { name: tr(lang, 'contactRequests.markHandled') }).click()
    await page.getByText(tr(lang, 'contactRequests.empty.open')).waitFor({ timeout: 15_000 })
    expect(problems).toEqual([])
    await page.context().close()
  }, 90_000)
})
