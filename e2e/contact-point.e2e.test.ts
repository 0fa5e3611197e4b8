import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { seedSheets } from '../server/seed/sheets.seed'
import { type Agent, json } from '../server/test/harness'
import { checkScreen, chooseLanguage, settle, signIn, tr } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * The contact point, whole, in French and in Dutch: a worried mother calls; intake logs the call
 * as a draft while talking, runs the triage grid (within 48 hours), finds and reads the sheet for
 * parents and records it as given by e-mail, finalises the contact with a call-back; her second
 * call from the same number shows the first; the lead sees it in the queue; intake opens an
 * accompaniment for the mother about her son (known already, found by a misspelt name) and hands
 * it to a team; the case's timeline shows both contacts. Axe and the translations on every step.
 */

const SHOTS = '/tmp/shots-given'
type Member = Agent & { userId: string; email: string }
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let team = ''
const TEAM = 'Équipe Bruxelles'
/** The demo sheet for parents has no Dutch text yet: a lead writes and publishes one first. */
const PARENTS_NL = 'Voor ouders: u maakt zich zorgen over uw kind'
const PARENTS_FR = 'Pour les parents : vous vous inquiétez pour votre enfant'

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SHOTS, { recursive: true })
  team = await server.team(TEAM)
  // The demo knowledge base (server/seed/sheets.data.ts), written by a lead (the harness seeds no demo data).
  const editor = await server.as(['lead'])
  await seedSheets(server.services)
  const found = json<{ items: { id: string; code: string; version: number }[] }>(await editor.get('/api/sheets?language=fr'))
  const parents = found.items.find((s) => s.code === 'pour-les-parents')
  expect(parents, 'the demo sheet for parents').toBeTruthy()
  const text = {
    title: PARENTS_NL,
    body: 'Het is normaal dat u zich zorgen maakt.\n\n## Wat helpt\n- **Contact houden**, ook als het moeilijk is.',
  }
  const saved = await editor.put(`/api/sheets/${parents!.id}/texts/nl`, text, { 'if-match': `"${parents!.version}"` })
  expect(saved.statusCode, saved.body).toBe(200)
  const published = await editor.post(`/api/sheets/${parents!.id}/texts/nl/publish`, {}, { 'if-match': `"${json(saved).version}"` })
  expect(published.statusCode, published.body).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** What differs between the two runs: who calls, about whom, and the words typed. */
const RUNS: {
  lang: Language
  mother: [string, string]
  son: [string, string]
  misspelt: string
  phone: string
  again: string
  search: string
  title: string
  within48h: string
}[] = [
  {
    lang: 'fr',
    mother: ['Nadia', 'Lambert'],
    son: ['Kevin', 'Verhaegen'],
    misspelt: 'Kevin Verhagen',
    phone: '0470 11 22 33',
    again: '+32 470 11 22 33',
    search: 'parents',
    title: PARENTS_FR,
    within48h: 'Dans les 48 heures',
  },
  {
    lang: 'nl',
    mother: ['Els', 'Peeters'],
    son: ['Jens', 'Vandenbroucke'],
    misspelt: 'Jens Vandenbrouke',
    phone: '0471 44 55 66',
    again: '+32 471 44 55 66',
    search: 'ouders',
    title: PARENTS_NL,
    within48h: 'Binnen 48 uur',
  },
]

describe.each(RUNS)('the contact point in $lang', (run) => {
  const L = run.lang
  const t = (key: string) => tr(L, key)
  // One intake and one lead per language: no account signs in twice in this file.
  let intake: Member
  let lead: Member
  let mother = ''
  let son = ''
  let firstUrl = ''
  let secondId = ''
  let caseId = ''
  let intakePage: { page: Page; problems: string[] }

  beforeAll(async () => {
    intake = await server.as(['intake'], { teamIds: [team] })
    lead = await server.as(['lead'], { teamIds: [team] })
    // The son is known already (registered earlier); the mother is registered as the case's client.
    son = json<{ id: string }>(await intake.post('/api/persons', { firstName: run.son[0], lastName: run.son[1], birthYear: 2005 })).id
    mother = json<{ id: string }>(
      await intake.post('/api/persons', { firstName: run.mother[0], lastName: run.mother[1], birthYear: 1976 }),
    ).id
  })

  async function pageAs(email: string) {
    const context = await browser.newContext({ locale: `${L}-BE`, timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
    await signIn(context, server.url, email)
    const page = await context.newPage()
    const problems = watchConsole(page)
    await chooseLanguage(page, server.url, L)
    return { page, problems }
  }
  const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor()

  it('intake logs the call as a draft while talking, runs the triage grid, gives the sheet for parents and finalises with a call-back', async () => {
    intakePage = await pageAs(intake.email)
    const { page } = intakePage
    await page.goto(`${server.url}/`)
    await page.getByRole('link', { name: t('nav.contacts') }).click()
    await h1(page, t('contacts.title'))
    await checkScreen(page, `contacts (${L})`, L)

    await page.getByRole('link', { name: t('contacts.new') }).click()
    await h1(page, t('contacts.newTitle'))
    await page.getByRole('radio', { name: t('contacts.kinds.relative') }).check()
    await page.getByRole('checkbox', { name: t('contacts.keepIdentity') }).check()
    await page.getByLabel(t('contacts.name'), { exact: true }).fill(run.mother.join(' '))
    await page.getByLabel(t('contacts.phone'), { exact: true }).fill(run.phone)
    await page
      .getByLabel(t('contacts.summary'))
      .fill(L === 'fr' ? 'Inquiète pour son fils, qui s’isole.' : 'Ongerust over haar zoon, die zich afzondert.')
    // The draft saves itself while she talks: the page moves to the contact's own address.
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/)
    firstUrl = page.url()
    await page.getByTestId('contact-status').getByText(t('contacts.statuses.draft')).waitFor()
    await checkScreen(page, `contact draft (${L})`, L)

    // The triage grid: the worker's urgency, within 48 hours.
    const triage = page.getByTestId('contact-triage')
    await triage.getByRole('radio', { name: run.within48h }).check()
    await triage.getByRole('button', { name: t('contacts.triage.save') }).click()
    await page.getByTestId('triage-outcome').waitFor()
    await checkScreen(page, `contact triaged (${L})`, L)

    // The sheet for parents: found, read, and recorded as given by e-mail.
    const panel = page.getByTestId('contact-information')
    await expect.poll(() => panel.getByTestId('information-language').inputValue()).toBe(L)
    await panel.getByLabel(t('contacts.information.search'), { exact: true }).fill(run.search)
    await panel.getByRole('button', { name: t('contacts.information.find'), exact: true }).click()
    await panel
      .getByTestId('information-results')
      .getByRole('button', { name: t('contacts.information.readNamed').replace('{{title}}', run.title) })
      .click()
    const reader = page.getByTestId('information-reader')
    await reader.getByTestId('sheet-article').getByRole('heading', { name: run.title }).waitFor()
    await expect
      .poll(() => reader.getByRole('link', { name: t('contacts.information.printable') }).getAttribute('href'))
      .toContain(`lang=${L}`)
    await checkScreen(page, `sheet read during the call (${L})`, L)
    // In German it has no text: the reader says so and offers nothing else in its place.
    await reader.getByTestId('information-reader-language').selectOption('de')
    await reader.getByTestId('information-unavailable').waitFor()
    expect(await reader.getByTestId('sheet-article').count()).toBe(0)
    await checkScreen(page, `sheet missing in German (${L})`, L)
    await reader.getByTestId('information-reader-language').selectOption(L)
    await reader.getByTestId('sheet-article').waitFor()
    await reader.getByRole('radio', { name: t('contacts.information.hows.email') }).check()
    await reader.getByRole('button', { name: t('contacts.information.record') }).click()
    await reader.waitFor({ state: 'detached' })
    const given = panel.getByTestId('information-given')
    await given.getByText(run.title).waitFor()
    await expect.poll(() => given.textContent()).toContain(t('contacts.information.hows.email'))
    await checkScreen(page, `information given (${L})`, L)

    // Finalised, with a call-back in two days.
    await page.getByRole('button', { name: t('contacts.finalise') }).click()
    await page.getByTestId('contact-status').getByText(t('contacts.statuses.final')).waitFor()
    const due = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
    await page.getByLabel(t('contacts.callbackDate')).fill(due)
    await page.getByRole('button', { name: t('contacts.callbackSet') }).click()
    await page.getByTestId('callback-on').waitFor()
    await page.getByTestId('contact-history').waitFor()
    await checkScreen(page, `final contact (${L})`, L)
    const contactId = firstUrl.split('/').pop() as string
    const recorded = json<{ items: { how: string; language: string }[] }>(await intake.get(`/api/contacts/${contactId}/information-given`))
    expect(recorded.items).toEqual([expect.objectContaining({ how: 'email', language: L })])
    expect(json<{ urgency: string }>(await intake.get(`/api/contacts/${contactId}`)).urgency).toBe('48h')

    // The contact screen with its panel, at desktop and phone widths.
    await settle(page)
    await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/contact-desktop-${L}.png`, fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    await settle(page)
    await panel.scrollIntoViewIfNeeded()
    await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/contact-phone-${L}.png`, fullPage: true })
    await checkScreen(page, `final contact on a phone (${L})`, L)
    await page.setViewportSize({ width: 1280, height: 900 })
  })

  it('her second call from the same number shows the first', async () => {
    const { page } = intakePage
    await page.goto(`${server.url}/contacts/new`)
    await h1(page, t('contacts.newTitle'))
    await page.getByRole('radio', { name: t('contacts.kinds.relative') }).check()
    await page.getByRole('checkbox', { name: t('contacts.keepIdentity') }).check()
    await page.getByLabel(t('contacts.phone'), { exact: true }).fill(run.again)
    await page
      .getByLabel(t('contacts.summary'))
      .fill(L === 'fr' ? 'Rappelle : son fils est parti.' : 'Belt terug: haar zoon is vertrokken.')
    await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/)
    secondId = page.url().split('/').pop() as string
    const repeat = page.getByTestId('repeat-caller')
    await repeat.getByText(t('contacts.repeat.title_one').replace('{{count}}', '1')).waitFor()
    await checkScreen(page, `repeat caller (${L})`, L)
    await repeat.getByRole('link').click()
    await page.waitForURL(firstUrl)
    await page.getByTestId('contact-information').getByTestId('information-given').waitFor()
  })

  it('the lead sees the call-back in the queue', async () => {
    const { page, problems } = await pageAs(lead.email)
    await page.goto(`${server.url}/contacts`)
    await h1(page, t('contacts.title'))
    const queue = page.getByTestId('contact-queue')
    await queue.getByText(run.mother.join(' ')).first().waitFor()
    await checkScreen(page, `queue seen by the lead (${L})`, L)
    // From the queue, the lead opens the contact statistics (the last twelve weeks by default):
    // this week's calls are counted, and the sheet for parents as given by e-mail.
    await page.getByTestId('contact-statistics-link').click()
    await h1(page, t('contactStatistics.title'))
    await page.getByTestId('stats-summary').waitFor()
    const given = page.getByTestId('stats-sheets').getByRole('row', { name: new RegExp(run.title) })
    await given.waitFor()
    // Total, read aloud, by e-mail, on paper: every time it was given, it was sent by e-mail.
    const [total, aloud, email, paper] = (await given.getByRole('cell').allInnerTexts()).map(Number)
    expect(total).toBeGreaterThanOrEqual(1)
    expect([aloud, email, paper]).toEqual([0, total, 0])
    await checkScreen(page, `contact statistics seen by the lead (${L})`, L)
    // Counts only: not the mother's name.
    expect(await page.content()).not.toContain(run.mother[1])
    expect(problems).toEqual([])
    await page.context().close()
  })

  it('intake opens an accompaniment for the mother about her son, found by a misspelt name, and hands it to the team; the lead links the second call to it; its timeline shows both contacts', async () => {
    const { page, problems } = intakePage
    await page.goto(firstUrl)
    await h1(page, t('contacts.editTitle'))
    await page.getByLabel(t('contacts.caseClient')).fill(run.mother.join(' '))
    await page.getByRole('option', { name: new RegExp(run.mother.join(' ')) }).click()
    await page.getByRole('link', { name: t('contacts.openCase') }).click()
    await h1(page, t('caseCreate.title'))
    await page.getByRole('radio', { name: t('accompaniment.kind.relative') }).check()
    await page.getByLabel(t('accompaniment.relationshipLabel')).click()
    await page.getByRole('option', { name: t('accompaniment.relationship.parent') }).click()
    await page.getByRole('radio', { name: t('accompaniment.concernedStatus.known') }).check()
    await page.getByLabel(t('caseCreateConcerned.label')).fill(run.misspelt)
    await page.getByRole('option', { name: new RegExp(run.son.join(' ')) }).click()
    // Handed to the team intake belongs to.
    await expect.poll(() => page.getByLabel(t('caseCreate.team'), { exact: true }).inputValue()).toBe(TEAM)
    await checkScreen(page, `case from contact (${L})`, L)
    await page.getByRole('button', { name: t('caseCreate.submit') }).click()
    await page.waitForURL(firstUrl)
    await page.getByTestId('contact-case').getByText(t('contacts.linkedCase')).waitFor()
    await checkScreen(page, `contact linked to its case (${L})`, L)
    const firstId = firstUrl.split('/').pop() as string
    caseId = json<{ accompanimentId: string }>(await intake.get(`/api/contacts/${firstId}`)).accompanimentId
    const kase = json<{ code: string; personId: string; concernedPersonId: string | null; teamId: string }>(
      await lead.get(`/api/accompaniments/${caseId}`),
    )
    expect(kase).toMatchObject({ personId: mother, concernedPersonId: son, teamId: team })
    await settle(page)
    expect(problems).toEqual([])
    await page.context().close()

    // The second call was anonymous; the lead, who sees the case, identifies the caller and links the
    // call to her person and to her existing case in one action, on the contact screen.
    const leadPage = await pageAs(lead.email)
    await leadPage.page.goto(`${server.url}/contacts/${secondId}`)
    await h1(leadPage.page, t('contacts.editTitle'))
    const panel = leadPage.page.getByTestId('contact-link-case')
    await panel.getByLabel(t('contacts.linkPerson')).fill(run.mother.join(' '))
    await leadPage.page.getByRole('option', { name: new RegExp(run.mother.join(' ')) }).click()
    const choice = panel.getByRole('radio', { name: new RegExp(`${kase.code} — ${run.mother.join(' ')}`) })
    await choice.check()
    await checkScreen(leadPage.page, `link the second call to the case (${L})`, L)
    await leadPage.page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/contact-link-desktop-${L}.png`, fullPage: true })
    await panel.getByRole('button', { name: t('contacts.linkCase') }).click()
    await leadPage.page.getByTestId('contact-case').getByText(t('contacts.linkedCase')).waitFor()
    expect(await panel.count()).toBe(0)
    expect(json<{ personId: string; accompanimentId: string }>(await lead.get(`/api/contacts/${secondId}`))).toMatchObject({
      personId: mother,
      accompanimentId: caseId,
    })

    await leadPage.page.goto(`${server.url}/accompaniments/${caseId}`)
    const timeline = leadPage.page.getByTestId('timeline')
    await timeline.waitFor()
    await expect.poll(() => timeline.getByText(t('timeline.event.contact_linked')).count()).toBe(2)
    await checkScreen(leadPage.page, `case timeline with both contacts (${L})`, L)
    expect(leadPage.problems).toEqual([])
    await leadPage.page.context().close()
  })
})
