import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { checkScreen, chooseLanguage, settle, signedInPage, tr } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, SHOT_TIMEOUT, startServer } from './support'
import { shotsAtTwoWidths } from './shots'

/**
 * Erasure by crypto-shredding (GDPR art. 17), in French and in Dutch: the DPO proposes to erase
 * the person of a closed voluntary case, after a dialog that says it cannot be undone; the case's
 * lead finds it awaiting their confirmation on the dashboard and confirms from the keyboard; the
 * person is then found by no search and the case shows as erased.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = '/tmp/shots-erasure'
const headers = { 'x-parcours-request': '1' }

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const shots = (page: Page, name: string) => shotsAtTwoWidths(page, SHOTS, name)

it.each(['fr', 'nl'] as Language[])('the DPO proposes, the lead confirms, the person is gone (%s)', async (lang) => {
  const team = await server.team(`Équipe effacement ${lang}`)
  const worker = await server.user(['worker'], { teamIds: [team] })
  const lead = await server.user(['lead'], { teamIds: [team] })
  const dpo = await server.user(['dpo'])
  const asWorker = await signedInPage(browser, server.url, worker.email)
  const asLead = await signedInPage(browser, server.url, lead.email)
  const asDpo = await signedInPage(browser, server.url, dpo.email)
  await chooseLanguage(asLead.page, server.url, lang)
  await chooseLanguage(asDpo.page, server.url, lang)
  const send = async (page: Page, url: string, data: object, version?: number) => {
    const res = await page.request.post(`${server.url}${url}`, {
      data,
      headers: version === undefined ? headers : { ...headers, 'if-match': `"${version}"` },
    })
    expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300)
    return (await res.json()) as { id: string; code: string; version: number }
  }

  // A voluntary case, worked on and closed with the lead's approval.
  const lastName = `Vandenbossche${lang === 'fr' ? 'a' : 'b'}`
  const person = await send(asWorker.page, '/api/persons', { firstName: 'Wenceslas', lastName })
  const opened = await send(asWorker.page, '/api/accompaniments', {
    kind: 'concerned',
    personId: person.id,
    teamId: team,
    framework: { framework: 'voluntary' },
  })
  const asked = await send(
    asWorker.page,
    `/api/accompaniments/${opened.id}/closure`,
    { outcome: 'goals_reached', reason: 'Objectifs atteints' },
    opened.version,
  )
  await send(asLead.page, `/api/accompaniments/${opened.id}/closure/decision`, { approve: true }, asked.version)
  const request = await send(asDpo.page, '/api/dpo/requests', {
    kind: 'erasure',
    personId: person.id,
    requester: 'subject',
    channel: 'letter',
    identityCheck: 'id_document_seen',
    receivedOn: new Date().toISOString().slice(0, 10),
    details: null,
  })

  // Found by name before.
  const lp = asLead.page
  const searchFor = async () => {
    await lp.goto(`${server.url}/persons`)
    await lp.getByRole('heading', { level: 1, name: tr(lang, 'persons.title') }).waitFor()
    await lp.getByTestId('person-search').fill(`Wenceslas ${lastName}`)
  }
  await searchFor()
  await lp.getByTestId('person-results').getByTestId('person-result').first().waitFor()

  // The DPO, from the register's link: the request is chosen, the dialog says what is lost and what remains.
  const page = asDpo.page
  await page.goto(`${server.url}/dpo/erasures?request=${request.id}`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'erasure.title') }).waitFor()
  await expect.poll(() => page.getByTestId('erasure-propose').isEnabled()).toBe(true)
  // The DPO proposed nothing yet and may not confirm their own proposal anyway.
  await page.getByText(tr(lang, 'erasure.awaitingNone')).waitFor()
  await checkScreen(page, `erasures ${lang}`, lang)
  await shots(page, `erasures-start-${lang}`)
  await page.getByTestId('erasure-propose').focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog')
  await dialog.waitFor()
  expect(await dialog.textContent()).toContain(tr(lang, 'erasure.irreversible'))
  expect(await dialog.textContent()).toContain(tr(lang, 'erasure.remains'))
  await settle(page)
  await expectNoAxeViolations(page, `erasure dialog ${lang}`, '[role="dialog"]')
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SHOTS, `erasure-dialog-${lang}-desktop.png`) })
  await page.getByTestId('erasure-propose-confirm').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('erasure-proposed').waitFor()
  await page.getByTestId('erasure-table').getByText(person.code).waitFor()
  await checkScreen(page, `erasure proposed ${lang}`, lang)
  await shots(page, `erasure-proposed-${lang}`)

  // The lead: awaiting my confirmation, on the dashboard; confirmed from the keyboard.
  await lp.goto(`${server.url}/dashboard`)
  const panel = lp.getByTestId('erasures-awaiting')
  await panel.waitFor()
  expect(await panel.textContent()).toContain(person.code)
  expect(await panel.textContent()).toContain(opened.code)
  await checkScreen(lp, `dashboard awaiting ${lang}`, lang)
  await shots(lp, `dashboard-awaiting-${lang}`)
  await panel.getByTestId('erasure-confirm').focus()
  await lp.keyboard.press('Enter')
  const confirm = lp.getByRole('dialog')
  await confirm.waitFor()
  expect(await confirm.textContent()).toContain(tr(lang, 'erasure.irreversible'))
  await settle(lp)
  await expectNoAxeViolations(lp, `erasure confirm dialog ${lang}`, '[role="dialog"]')
  await lp.getByTestId('erasure-decide').focus()
  await lp.keyboard.press('Enter')
  await confirm.waitFor({ state: 'hidden' })
  await panel.waitFor({ state: 'detached' })

  // Gone from search; the case page says the person was erased.
  await searchFor()
  await lp.getByText(tr(lang, 'persons.noResultTitle')).waitFor()
  expect(await lp.getByTestId('person-result').count()).toBe(0)
  await lp.goto(`${server.url}/accompaniments/${opened.id}`)
  await lp.getByRole('heading', { level: 1, name: tr(lang, 'erasure.erasedTitle') }).waitFor()
  await checkScreen(lp, `case erased ${lang}`, lang)
  await shots(lp, `case-erased-${lang}`)

  // The DPO's list shows it confirmed.
  await page.reload()
  // The request stays open, but its person is gone: not offered for a second erasure.
  await page.getByTestId('erasure-already').waitFor()
  expect(await page.getByTestId('erasure-propose').isDisabled()).toBe(true)
  await page.getByRole('radio', { name: tr(lang, 'erasure.status.proposed') }).focus()
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => page.getByRole('radio', { name: tr(lang, 'erasure.status.confirmed') }).isChecked()).toBe(true)
  await page.getByTestId('erasure-table').getByText(person.code).waitFor()
  await shots(page, `erasure-confirmed-${lang}`)
  expect([...asDpo.problems, ...asLead.problems]).toEqual([])
})

it('the lead refuses an erasure on a ground GDPR allows, chosen from the keyboard (fr)', async () => {
  const lang: Language = 'fr'
  const team = await server.team('Équipe refus')
  const worker = await server.user(['worker'], { teamIds: [team] })
  const lead = await server.user(['lead'], { teamIds: [team] })
  const dpo = await server.user(['dpo'])
  const asWorker = await signedInPage(browser, server.url, worker.email)
  const asLead = await signedInPage(browser, server.url, lead.email)
  const asDpo = await signedInPage(browser, server.url, dpo.email)
  await chooseLanguage(asLead.page, server.url, lang)
  const send = async (page: Page, url: string, data: object, version?: number) => {
    const res = await page.request.post(`${server.url}${url}`, {
      data,
      headers: version === undefined ? headers : { ...headers, 'if-match': `"${version}"` },
    })
    expect(res.status(), `${url}: ${await res.text()}`).toBeLessThan(300)
    return (await res.json()) as { id: string; code: string; version: number }
  }
  const person = await send(asWorker.page, '/api/persons', { firstName: 'Ottilie', lastName: 'Refusée' })
  const opened = await send(asWorker.page, '/api/accompaniments', {
    kind: 'concerned',
    personId: person.id,
    teamId: team,
    framework: { framework: 'voluntary' },
  })
  const asked = await send(
    asWorker.page,
    `/api/accompaniments/${opened.id}/closure`,
    { outcome: 'goals_reached', reason: 'Fin' },
    opened.version,
  )
  await send(asLead.page, `/api/accompaniments/${opened.id}/closure/decision`, { approve: true }, asked.version)
  const request = await send(asDpo.page, '/api/dpo/requests', {
    kind: 'erasure',
    personId: person.id,
    requester: 'subject',
    channel: 'letter',
    identityCheck: 'id_document_seen',
    receivedOn: new Date().toISOString().slice(0, 10),
    details: null,
  })
  await send(asDpo.page, `/api/persons/${person.id}/erasure`, { requestId: request.id })

  const lp = asLead.page
  await lp.goto(`${server.url}/dashboard`)
  const panel = lp.getByTestId('erasures-awaiting')
  await panel.getByText(person.code).waitFor()
  await panel.getByTestId('erasure-refuse').focus()
  await lp.keyboard.press('Enter')
  const dialog = lp.getByRole('dialog')
  await dialog.waitFor()
  // Refusing without a ground is stopped next to the choice.
  await lp.getByTestId('erasure-decide').click()
  await dialog.getByText(tr(lang, 'erasure.refusalReasonMissing')).waitFor()
  await settle(lp)
  await expectNoAxeViolations(lp, 'erasure refuse dialog fr', '[role="dialog"]')
  await lp.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SHOTS, 'erasure-refuse-dialog-fr-desktop.png') })
  const ground = dialog.getByRole('radio', { name: tr(lang, 'erasure.refusalReasons.legal_claims') })
  await ground.focus()
  await lp.keyboard.press('Space')
  await expect.poll(() => ground.isChecked()).toBe(true)
  await lp.getByTestId('erasure-decide').focus()
  await lp.keyboard.press('Enter')
  await dialog.waitFor({ state: 'hidden' })

  // The person is still there; the DPO's list says refused, and on which ground.
  const still = await asWorker.page.request.get(`${server.url}/api/persons/${person.id}`, { headers })
  expect(still.status()).toBe(200)
  const page = asDpo.page
  await chooseLanguage(page, server.url, lang)
  await page.goto(`${server.url}/dpo/erasures`)
  await page.getByRole('heading', { level: 1, name: tr(lang, 'erasure.title') }).waitFor()
  // The segmented control's radio is visually hidden: its label is what a user clicks.
  await page.locator('label[for$="-refused"]').click()
  await expect.poll(() => page.getByRole('radio', { name: tr(lang, 'erasure.status.refused') }).isChecked()).toBe(true)
  const row = page.getByTestId('erasure-table').getByRole('row').filter({ hasText: person.code })
  await row.waitFor()
  expect(await row.textContent()).toContain(tr(lang, 'erasure.refusalReasons.legal_claims'))
  await checkScreen(page, 'erasure refused fr', lang)
  await shots(page, 'erasure-refused-fr')
  expect([...asDpo.problems, ...asLead.problems]).toEqual([])
})
