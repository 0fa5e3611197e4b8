import net from 'node:net'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { Language } from '../common/roles'
import { startNotifications } from '../server/modules/notifications/notifications'
import { startSmtp } from '../server/modules/notifications/smtp.test-server'
import { codeFor, newMfaSecret } from '../server/security/mfa'
import { startTestApp, TEST_PASSWORD } from '../server/test/harness'
import { chooseLanguage } from './i18n-checks'
import { watchConsole } from './support'

/**
 * What the referral-network journeys share: a real server on a port known before it starts (the
 * e-mails' sign-in link names it), with the e-mail sender running as in production and pointed at
 * a real SMTP server in this process; and users who sign in with their second factor.
 */

const HEADERS = { 'x-parcours-request': '1' }

async function freePort(): Promise<number> {
  const probe = net.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()))
  const port = (probe.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

/** A server whose directory starts empty (no demo seed), MFA enforced, e-mail on. */
export async function startNetworkServer() {
  const smtp = await startSmtp()
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const t = await startTestApp({
    demo: false,
    webRoot: path.resolve('dist/web'),
    env: { PARCOURS_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PARCOURS_PUBLIC_URL: url, PARCOURS_MAIL_FROM: 'parcours@service.example' },
  })
  await t.app.listen({ host: '127.0.0.1', port })
  const notifications = startNotifications(t.services)
  return Object.assign(t, {
    url,
    smtp,
    async stop() {
      await notifications.stop()
      await t.close()
      await smtp.close()
    },
  })
}
export type NetworkServer = Awaited<ReturnType<typeof startNetworkServer>>

export type MfaUser = { id: string; email: string; secret: string }

/** A user with a second factor (each signs in once: a TOTP code is accepted once). */
export async function mfaUser(
  server: NetworkServer,
  roles: Parameters<NetworkServer['user']>[0],
  teamIds: string[] = [],
): Promise<MfaUser> {
  const secret = newMfaSecret()
  const u = await server.user(roles, { mfaSecret: secret, teamIds })
  return { id: u.id, email: u.email, secret }
}

/** A browser page signed in as this user (password, then the code), in this language. */
export async function mfaPage(browser: Browser, server: NetworkServer, user: MfaUser, lang: Language) {
  const context = await browser.newContext({ locale: `${lang}-BE`, timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
  const login = await context.request.post(`${server.url}/api/auth/login`, {
    data: { email: user.email, password: TEST_PASSWORD },
    headers: HEADERS,
  })
  expect(login.status(), await login.text()).toBe(200)
  const mfa = await context.request.post(`${server.url}/api/auth/mfa/verify`, { data: { code: codeFor(user.secret) }, headers: HEADERS })
  expect(mfa.status(), await mfa.text()).toBe(200)
  const page = await context.newPage()
  const problems = watchConsole(page)
  await chooseLanguage(page, server.url, lang)
  return { page, problems }
}

/** A JSON call from a signed-in page's session, as the web app makes it. */
export async function call(
  page: Page,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  data?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await page.request.fetch(url, { method, data, headers: { ...HEADERS, ...headers } })
  return { status: res.status(), body: (await res.text()) ? ((await res.json()) as Record<string, unknown>) : {} }
}

/** Attaches a partner account to its organisation, through the users admin API. */
export async function attach(admin: Page, server: NetworkServer, userId: string, organisationId: string): Promise<void> {
  const user = await call(admin, 'GET', `${server.url}/api/users/${userId}`)
  expect(user.status).toBe(200)
  const res = await call(
    admin,
    'PATCH',
    `${server.url}/api/users/${userId}`,
    { organisationId },
    { 'if-match': `"${String(user.body.version)}"` },
  )
  expect(res.status, JSON.stringify(res.body)).toBe(200)
}
