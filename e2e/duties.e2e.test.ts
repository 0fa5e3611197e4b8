import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LANGUAGES, type Language } from '../common/roles'
import { newMfaSecret } from '../server/security/mfa'
import { type Agent, json, TEST_PASSWORD } from '../server/test/harness'
import { checkScreen, chooseLanguage, settle, signIn, tr } from './i18n-checks'
import { fitsItsContainer, launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * Separation of duties (ADR 0007), in the browser: admin A asks for the worker role for a new
 * user, who can open nothing; admin A cannot confirm; admin B confirms, and the user can work;
 * the DPO sees and acknowledges the alert raised by a second-factor reset. Axe on each screen.
 */

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
type Signed = Agent & { userId: string; email: string }
let adminA: Signed
let adminB: Signed
let dpo: Signed
let lead: Signed
let karimId = ''
let caseId = ''
let caseCode = ''
let samiraPage: Page
const samira = { email: 'samira.elamrani@test.parcours.test', name: 'Samira El Amrani', id: '', token: '' }
const problems: string[][] = []

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const team = await server.team('Équipe Liège')
  adminA = await server.as(['admin'])
  adminB = await server.as(['admin'])
  dpo = await server.as(['dpo'])
  lead = await server.as(['lead'], { teamIds: [team] })
  // Names as people read them; an admin may correct their own name (and nothing else of their account).
  for (const [agent, name] of [
    [adminA, 'Anne Admin'],
    [adminB, 'Bruno Admin'],
  ] as const) {
    const view = json(await agent.get(`/api/users/${agent.userId}`))
    const res = await agent.patch(`/api/users/${agent.userId}`, { displayName: name }, { 'if-match': `"${view.version}"` })
    expect(res.statusCode, res.body).toBe(200)
  }
  const karim = await server.user(['worker'], { teamIds: [team], mfaSecret: newMfaSecret() })
  karimId = karim.id
  const kv = json(await adminA.get(`/api/users/${karimId}`))
  expect(
    (await adminA.patch(`/api/users/${karimId}`, { displayName: 'Karim Idrissi' }, { 'if-match': `"${kv.version}"` })).statusCode,
  ).toBe(200)

  const intake = await server.as(['intake'])
  const person = json(await intake.post('/api/persons', { firstName: 'Lucas', lastName: 'Verstraete', birthYear: 2004 }))
  caseId = json(await intake.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })).id
  caseCode = json(await lead.get(`/api/accompaniments/${caseId}`)).code
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function pageAs(email: string, lang: Language, width = 1280): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-BE', viewport: { width, height: width < 600 ? 1400 : 900 } })
  await signIn(context, server.url, email)
  const page = await context.newPage()
  problems.push(watchConsole(page))
  await chooseLanguage(page, server.url, lang)
  return page
}

/** The whole page, or (for the DPO's page, whose log runs long) what the first screen shows. */
async function shot(page: Page, name: string, fullPage = true) {
  await settle(page)
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `duties-${name}.png`), fullPage })
}

const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor()
const requestOf = (page: Page, name: string) => page.getByTestId('role-request').filter({ hasText: name })
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')

it('admin A asks for the worker role for a new user, who can open no case, and cannot confirm it', async () => {
  const page = await pageAs(adminA.email, 'fr')
  await page.goto(`${server.url}/admin/users`)
  await h1(page, 'Utilisateurs et équipes')
  await page.getByRole('button', { name: 'Nouvel utilisateur' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Adresse e-mail').fill(samira.email)
  await dialog.getByLabel('Nom affiché').fill(samira.name)
  await dialog.getByText('Les rôles choisis attendent la confirmation').waitFor()
  await dialog.getByRole('checkbox', { name: 'Intervenant·e', exact: true }).check()
  // A team is a door to cases only for a lead: for a worker it is given at once.
  await dialog.getByLabel('Équipes (facultatif)', { exact: true }).click()
  await page.getByRole('option', { name: 'Équipe Liège' }).click()
  await page.keyboard.press('Tab')
  await expect.poll(() => page.getByRole('option', { name: 'Équipe Liège' }).count()).toBe(0)
  await dialog.getByRole('button', { name: 'Créer le compte' }).click()
  await dialog.getByTestId('created-pending').getByText('Accès en attente de confirmation : Intervenant·e.').waitFor()
  const link = await dialog.getByTestId('activation-link').inputValue()
  samira.token = /#token=([\w-]+)$/.exec(link)?.[1] ?? ''
  expect(samira.token).not.toBe('')
  await checkScreen(page, 'user created, role waiting (fr)', 'fr')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, 'duties-created-fr.png') })
  await dialog.getByRole('button', { name: 'Terminé' }).click()
  await dialog.waitFor({ state: 'detached' })

  // The list says what waits; the request is there, without a confirm button for the one who asked.
  const row = page.getByTestId('user-list').getByRole('row').filter({ hasText: samira.name })
  await row.getByText('En attente de confirmation').waitFor()
  const request = requestOf(page, samira.name)
  await request.getByText('Vous avez fait cette demande : une autre personne doit la confirmer.').waitFor()
  expect(await request.getByRole('button', { name: `Confirmer la demande pour ${samira.name}` }).count()).toBe(0)
  await checkScreen(page, 'users with a waiting request (fr)', 'fr')
  await shot(page, 'users-waiting-fr')
  // Five columns at 1,280 px; at 1,024 beside the side bar, three (the teams under the roles, the
  // button under the status), the waiting role still on the line and nothing past the card.
  const userList = page.getByTestId('user-list')
  expect(await userList.locator('thead th').count()).toBe(5)
  await page.setViewportSize({ width: 1024, height: 900 })
  await expect.poll(() => userList.locator('thead th').count()).toBe(3)
  expect(await fitsItsContainer(userList)).toBe(true)
  await row.getByText('En attente de confirmation').waitFor()
  await checkScreen(page, 'users folded at 1,024 px (fr)', 'fr')
  await page.setViewportSize({ width: 1280, height: 900 })
  await expect.poll(() => userList.locator('thead th').count()).toBe(5)

  // Her own account: the name only, never her roles, teams or status.
  await page.getByRole('button', { name: 'Modifier Anne Admin' }).click()
  await dialog.getByText('Personne ne modifie ses propres rôles').waitFor()
  expect(await dialog.getByRole('checkbox', { name: "Responsable d'équipe", exact: true }).isDisabled()).toBe(true)
  expect(await dialog.getByRole('switch', { name: 'Compte désactivé' }).isDisabled()).toBe(true)
  await checkScreen(page, 'own account (fr)', 'fr')
  await dialog.getByRole('button', { name: 'Annuler' }).click()
  await dialog.waitFor({ state: 'detached' })

  // Nor through the API.
  const list = json(await adminA.get('/api/role-requests'))
  const waiting = list.items.find((r: { user: { email: string } }) => r.user.email === samira.email)
  samira.id = waiting.user.id
  const res = await adminA.post(`/api/role-requests/${waiting.id}/confirm`, {}, { 'if-match': `"${waiting.version}"` })
  expect(res.statusCode).toBe(403)
  expect(json(res).code).toBe('access.second_person_required')

  // Samira activates her account and signs in: she has no case to open.
  expect((await server.agent().post('/api/auth/activate', { token: samira.token, password: TEST_PASSWORD })).statusCode).toBe(200)
  const own = await pageAs(samira.email, 'fr')
  samiraPage = own
  await own.goto(`${server.url}/accompaniments`)
  await h1(own, 'Page introuvable')
  await own.goto(`${server.url}/accompaniments/${caseId}`)
  await h1(own, 'Page introuvable')
  expect((await own.context().request.get(`${server.url}/api/accompaniments`)).status()).toBe(403)
  await checkScreen(own, 'no case for a waiting role (fr)', 'fr')
})

it('admin B confirms with the keyboard, in English; the user can then work', async () => {
  const page = await pageAs(adminB.email, 'en')
  await page.goto(`${server.url}/admin/users`)
  await h1(page, tr('en', 'users.title'))
  const request = requestOf(page, samira.name)
  await request.getByText('Requested by Anne Admin').waitFor()
  await checkScreen(page, 'users with a request to confirm (en)', 'en')
  await shot(page, 'users-confirm-en')

  const start = request.getByRole('button', { name: `Confirm the request for ${samira.name}` })
  await start.focus()
  await page.keyboard.press('Enter')
  // The question takes the keyboard; Enter confirms.
  const group = () => page.evaluate(() => document.activeElement?.closest('[role="group"]')?.getAttribute('aria-label') ?? null)
  await expect.poll(group).toBe(`Confirm the request for ${samira.name}`)
  expect(await focused(page)).toBe(tr('en', 'common.confirm'))
  await request.getByText(`${samira.name} will have this access from their next action in Parcours. Confirm?`).waitFor()
  await page.keyboard.press('Enter')
  await page.getByTestId('role-requests').getByText(`The request for ${samira.name} is confirmed.`).waitFor()
  await page.getByTestId('role-requests').getByText('No request is waiting.').waitFor()
  await expect.poll(() => focused(page)).toBe('Requests waiting for a second person')
  await page.getByTestId('user-list').getByRole('row').filter({ hasText: samira.name }).getByText('Social worker').waitFor()
  await checkScreen(page, 'request confirmed (en)', 'en')

  const phone = await pageAs(adminB.email, 'en', 400)
  await phone.goto(`${server.url}/admin/users`)
  await h1(phone, tr('en', 'users.title'))
  await phone.getByTestId('role-requests').getByText('No request is waiting.').waitFor()
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400)
  await shot(phone, 'users-phone-en')

  // The lead gives Samira a case; she opens it in the same session, without signing in again.
  const assigned = await lead.post(`/api/accompaniments/${caseId}/assign`, { primaryWorkerId: samira.id }, { 'if-match': '"1"' })
  expect(assigned.statusCode, assigned.body).toBe(200)
  await samiraPage.goto(`${server.url}/accompaniments`)
  await h1(samiraPage, 'Mes accompagnements')
  await samiraPage.getByTestId('caseload').getByRole('link', { name: caseCode }).click()
  await samiraPage.getByTestId('timeline').waitFor()
  await checkScreen(samiraPage, 'case opened after confirmation (fr)', 'fr')
})

it('the DPO sees the alert of a second-factor reset and acknowledges it with the keyboard', async () => {
  // Admin A resets Karim's second factor from his account.
  const admin = await pageAs(adminA.email, 'fr')
  await admin.goto(`${server.url}/admin/users`)
  await admin.getByRole('button', { name: 'Modifier Karim Idrissi' }).click()
  const dialog = admin.getByRole('dialog')
  await dialog.getByText('Le DPO est averti de chaque nouveau lien', { exact: false }).waitFor()
  await dialog.getByRole('button', { name: 'Réinitialiser la double authentification' }).click()
  await dialog.getByRole('button', { name: 'Confirmer' }).click()
  await dialog.getByText('La double authentification a été réinitialisée.').waitFor()

  const alertOf = (page: Page, name: string) => page.getByTestId('dpo-alert').filter({ hasText: name })
  const open = async (page: Page, lang: Language) => {
    await chooseLanguage(page, server.url, lang)
    await page.goto(`${server.url}/audit`)
    await h1(page, tr(lang, 'audit.title'))
    await alertOf(page, 'Karim Idrissi').waitFor()
    await alertOf(page, samira.name).waitFor()
  }
  const page = await pageAs(dpo.email, 'fr')
  for (const lang of LANGUAGES) {
    await open(page, lang)
    await checkScreen(page, `DPO alerts (${lang})`, lang)
  }
  await open(page, 'fr')
  await alertOf(page, 'Karim Idrissi').getByText('Anne Admin a réinitialisé la double authentification de Karim Idrissi').waitFor()
  await alertOf(page, samira.name).getByText(`Bruno Admin a confirmé des accès pour ${samira.name}`).waitFor()
  await shot(page, 'dpo-fr', false)
  const phone = await pageAs(dpo.email, 'nl', 400)
  await open(phone, 'nl')
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400)
  await shot(phone, 'dpo-phone-nl', false)
  const phoneFr = await pageAs(dpo.email, 'fr', 400)
  await open(phoneFr, 'fr')
  await shot(phoneFr, 'dpo-phone-fr', false)

  // In Dutch, by keyboard: the alert about Karim is acknowledged and leaves the list.
  await open(page, 'nl')
  await shot(page, 'dpo-nl', false)
  await alertOf(page, 'Karim Idrissi').getByRole('button', { name: 'Kennis nemen van de melding over Karim Idrissi' }).focus()
  await page.keyboard.press('Enter')
  await page.getByTestId('dpo-alerts').getByText('Er is kennis genomen van de melding over Karim Idrissi.').waitFor()
  await expect.poll(() => alertOf(page, 'Karim Idrissi').count()).toBe(0)
  await expect.poll(() => focused(page)).toBe(tr('nl', 'duties.alerts.title'))
  await alertOf(page, samira.name).waitFor()
  await checkScreen(page, 'DPO alert acknowledged (nl)', 'nl')
  const seen = json(await dpo.get('/api/dpo-alerts?state=acknowledged')).items
  expect(seen).toEqual([expect.objectContaining({ kind: 'mfa_reset', user: expect.objectContaining({ id: karimId }) })])
  expect(problems.flat(), 'console problems').toEqual([])
})
