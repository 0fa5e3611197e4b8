import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Agent, json } from '../server/test/harness'
import { checkScreen, signedInPage, tr } from './i18n-checks'
import { fitsItsContainer, launchBrowser, startServer } from './support'

/**
 * The confidentiality-exception register, end to end in French: a worker records a disclosure on
 * a case, a lead of the case's team validates it, the DPO reads it. Axe on every step; the lead's
 * duty settings and the emergency path are checked on the way.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let worker: Agent & { userId: string; email: string }
let lead: Agent & { userId: string; email: string }
let dpo: Agent & { userId: string; email: string }
let caseId = ''

const SITUATION = 'Le jeune annonce vouloir frapper un enseignant demain'
const RECIPIENT = 'Zone de police Bruxelles-Nord'

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  const team = await server.team('Équipe Bruxelles')
  worker = await server.as(['worker'], { teamIds: [team] })
  lead = await server.as(['lead'], { teamIds: [team] })
  dpo = await server.as(['dpo'])
  const person = json<{ id: string }>(await worker.post('/api/persons', { firstName: 'Adam', lastName: 'Secret' }))
  const res = await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  expect(res.statusCode, res.body).toBe(201)
  caseId = json<{ id: string }>(res).id
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('a worker records an exception on a case, the lead validates it, the DPO sees it', async () => {
  // 1. The worker, on the case.
  const w = await signedInPage(browser, server.url, worker.email)
  await w.page.goto(`${server.url}/accompaniments/${caseId}`)
  await w.page.getByRole('heading', { name: tr('fr', 'exceptions.caseTitle') }).waitFor()
  await w.page.getByText(tr('fr', 'exceptions.caseEmpty')).waitFor()
  await checkScreen(w.page, 'case with its exceptions section', 'fr')
  await w.page.getByRole('button', { name: tr('fr', 'exceptions.recordOne') }).click()
  const dialog = w.page.getByRole('dialog')
  // Submitting empty names the missing fields.
  await dialog.getByRole('button', { name: tr('fr', 'exceptions.record') }).click()
  await expect.poll(() => dialog.getByText('Ce champ est obligatoire.').count()).toBeGreaterThan(2)
  await dialog.getByLabel(tr('fr', 'exceptions.situation'), { exact: true }).fill(SITUATION)
  await dialog.getByLabel(tr('fr', 'exceptions.legalBasis'), { exact: true }).click()
  await w.page.getByRole('option', { name: /État de nécessité/ }).click()
  await dialog.getByLabel(tr('fr', 'exceptions.recipientKind'), { exact: true }).click()
  await w.page.getByRole('option', { name: 'Police', exact: true }).click()
  await dialog.getByLabel(tr('fr', 'exceptions.recipientName'), { exact: true }).fill(RECIPIENT)
  await dialog.getByLabel(tr('fr', 'exceptions.disclosed'), { exact: true }).fill('Nom du jeune, école, heure annoncée')
  await checkScreen(w.page, 'exception form', 'fr')
  await dialog.getByRole('button', { name: tr('fr', 'exceptions.record') }).click()
  await dialog.waitFor({ state: 'detached' })
  const recorded = w.page.getByTestId('case-exception')
  await recorded.getByText(SITUATION).waitFor()
  await recorded.getByText(tr('fr', 'exceptions.status.pending')).waitFor()
  await checkScreen(w.page, 'case with a pending exception', 'fr')
  expect(w.problems).toEqual([])

  // 2. The lead, in the register: opens it and validates it with the keyboard.
  const l = await signedInPage(browser, server.url, lead.email)
  await l.page.goto(`${server.url}/exceptions`)
  await l.page.getByRole('heading', { level: 1, name: tr('fr', 'exceptions.title') }).waitFor()
  const register = l.page.getByTestId('exception-register')
  await register.getByText(tr('fr', 'exceptions.recipients.police')).waitFor()
  await checkScreen(l.page, 'register (lead)', 'fr')
  // Four columns on a desktop, two on a phone, and never a sideways scroll.
  const layout = async () => ({
    headers: await register.locator('thead th').count(),
    fits: await fitsItsContainer(register),
  })
  expect(await layout()).toEqual({ headers: 4, fits: true })
  await l.page.setViewportSize({ width: 390, height: 844 })
  await l.page.reload()
  await register.getByText(tr('fr', 'exceptions.recipients.police')).waitFor()
  expect(await layout()).toEqual({ headers: 2, fits: true })
  await checkScreen(l.page, 'register on a phone (lead)', 'fr')
  await l.page.setViewportSize({ width: 1280, height: 900 })
  await l.page.reload()
  await register.getByText(tr('fr', 'exceptions.recipients.police')).waitFor()
  await register.getByRole('button', { name: /Ouvrir l'exception/ }).focus()
  await l.page.keyboard.press('Enter')
  const detail = l.page.getByTestId('exception-detail')
  await detail.getByText(SITUATION).waitFor()
  await detail.getByText(RECIPIENT).waitFor()
  await checkScreen(l.page, 'exception detail (lead)', 'fr')
  await detail.getByRole('button', { name: tr('fr', 'exceptions.validate') }).focus()
  await l.page.keyboard.press('Enter')
  await l.page.getByRole('dialog').waitFor({ state: 'detached' })
  await l.page.getByText(tr('fr', 'exceptions.empty')).waitFor()
  await checkScreen(l.page, 'register after the decision', 'fr')

  // The lead's duty settings, with the emergency path as the line sees it.
  await l.page.getByRole('link', { name: tr('fr', 'nav.duty') }).click()
  await l.page.getByRole('heading', { level: 1, name: tr('fr', 'duty.title') }).waitFor()
  await l.page.getByTestId('emergency-path').getByText('112').first().waitFor()
  await l.page.getByTestId('rota').waitFor()
  await checkScreen(l.page, 'duty settings', 'fr')
  expect(l.problems).toEqual([])

  // 3. The DPO reads the validated exception, and cannot decide anything.
  const d = await signedInPage(browser, server.url, dpo.email)
  await d.page.goto(`${server.url}/exceptions`)
  await d.page.getByRole('heading', { level: 1, name: tr('fr', 'exceptions.title') }).waitFor()
  await d.page.locator('label', { hasText: tr('fr', 'exceptions.filters.validated') }).click()
  const dpoRegister = d.page.getByTestId('exception-register')
  await dpoRegister.getByText(tr('fr', 'exceptions.status.validated')).waitFor()
  const bases = d.page.getByTestId('legal-bases')
  await bases.getByText(/État de nécessité/).waitFor()
  await checkScreen(d.page, 'register (DPO)', 'fr')
  // The DPO words a shipped legal basis as the service's own: it is no longer marked "to check".
  const toCheck = () => bases.getByText(tr('fr', 'exceptions.bases.toCheck')).count()
  const before = await toCheck()
  await bases.getByRole('button', { name: /Modifier « Obligation légale de communiquer »/ }).click()
  const edit = d.page.getByRole('dialog')
  await edit.getByLabel(tr('fr', 'exceptions.bases.reference'), { exact: true }).fill('Décret du 21 novembre 2013, art. 23')
  await checkScreen(d.page, 'legal basis edit (DPO)', 'fr')
  await edit.getByRole('button', { name: tr('fr', 'common.save') }).click()
  await edit.waitFor({ state: 'detached' })
  await bases.getByText('Décret du 21 novembre 2013, art. 23').waitFor()
  expect(await toCheck()).toBe(before - 1)
  await dpoRegister.getByRole('button', { name: /Ouvrir l'exception/ }).click()
  const dpoDetail = d.page.getByTestId('exception-detail')
  await dpoDetail.getByText(SITUATION).waitFor()
  expect(await dpoDetail.getByRole('button', { name: tr('fr', 'exceptions.validate') }).count()).toBe(0)
  await checkScreen(d.page, 'exception detail (DPO)', 'fr')
  expect(d.problems).toEqual([])

  const [row] = json<{ items: { status: string; decidedByName: string }[] }>(await dpo.get('/api/exceptions')).items
  expect(row).toMatchObject({ status: 'validated' })
})

it('on a 360 px phone in Dutch the register’s filter stands one option a line, and the page does not scroll sideways', async () => {
  // The four options need 405 px side by side in Dutch, more than the phone's 328: the filter measures itself.
  const { page, problems } = await signedInPage(browser, server.url, lead.email, { lang: 'nl', width: 360 })
  await page.goto(`${server.url}/exceptions`)
  await page.getByRole('heading', { level: 1, name: tr('nl', 'exceptions.title') }).waitFor()
  const filter = page.getByRole('radiogroup', { name: tr('nl', 'exceptions.filter') })
  const option = (key: string) => filter.locator('label', { hasText: tr('nl', `exceptions.filters.${key}`) })
  await option('all').waitFor()
  const boxes = await Promise.all(['pending', 'validated', 'refused', 'all'].map((k) => option(k).boundingBox()))
  const xs = new Set(boxes.map((b) => Math.round(b!.x)))
  const ys = boxes.map((b) => b!.y)
  expect(xs.size, 'the options start at one left edge').toBe(1)
  expect(ys, 'each option under the one before').toEqual([...ys].sort((a, b) => a - b))
  expect(new Set(ys).size).toBe(4)
  expect(Math.max(...boxes.map((b) => b!.x + b!.width))).toBeLessThanOrEqual(360)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await option('all').click()
  await page.getByTestId('exception-register').getByText(tr('nl', 'exceptions.status.validated')).waitFor()
  await checkScreen(page, 'register on a 360 px phone (nl)', 'nl')
  // On a desktop the same filter is one row again.
  await page.setViewportSize({ width: 1280, height: 900 })
  await expect
    .poll(async () => new Set(await Promise.all(['pending', 'all'].map(async (k) => Math.round((await option(k).boundingBox())!.y)))).size)
    .toBe(1)
  expect(problems).toEqual([])
})
