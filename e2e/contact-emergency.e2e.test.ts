import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Language } from '../common/roles'
import { brussels } from '../server/modules/duty/duty.time'
import { type Agent, json } from '../server/test/harness'
import { checkScreen, chooseLanguage, signIn, tr } from './i18n-checks'
import { launchBrowser, startServer, watchConsole } from './support'

/**
 * The contact point's second journey, whole, in French and in Dutch (issue 10): an anonymous "ask
 * to be contacted" request sent from /info with JavaScript off lands in the intake inbox and, taken,
 * in the queue; a worker on the line takes a teacher's call whose triage grid says immediate danger:
 * the screen shows the emergency path and the call-back goes to the lead on duty; the worker records
 * the confidentiality exception made on the spot; the lead on duty sees the emergency above the
 * queue, acknowledges it and validates the exception; the DPO reads it in the register. Axe and the
 * translations on every step.
 */
type Member = Agent & { userId: string; email: string }
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let lead: Member
let dpo: Member

/** Every day, all day (closing one minute before midnight: the line is open while this runs). */
const ALWAYS = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, spans: [{ opens: '00:00', closes: '23:59' }] }))

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  const team = await server.team('Équipe Liège')
  lead = await server.as(['lead'], { teamIds: [team] })
  dpo = await server.as(['dpo'])
  // The lead is on duty this half-day: the emergency's call-back goes to them.
  const hours = json<{ version: number }>(await lead.get('/api/duty/hours'))
  const open = await lead.put('/api/duty/hours', { weekly: ALWAYS, exceptions: [] }, { 'if-match': `"${hours.version}"` })
  expect(open.statusCode, open.body).toBe(200)
  const now = brussels(new Date())
  const half = now.time < '13:00' ? 'am' : 'pm'
  const slot = await lead.put(`/api/duty/rota/${now.date}/${half}`, { userId: lead.userId }, { 'if-match': '"0"' })
  expect(slot.statusCode, slot.body).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const RUNS: { lang: Language; message: string; summary: string; situation: string; recipient: string; basis: RegExp }[] = [
  {
    lang: 'fr',
    message: 'Je préfère rester anonyme. Mon frère parle de partir.',
    summary: 'Une enseignante : un élève montre une arme et menace un camarade pour demain.',
    situation: 'Menace contre un élève pour demain, arme montrée en classe',
    recipient: 'Zone de police Liège',
    basis: /État de nécessité/,
  },
  {
    lang: 'nl',
    message: 'Ik blijf liever anoniem. Mijn broer praat over vertrekken.',
    summary: 'Een leerkracht: een leerling toont een wapen en bedreigt een klasgenoot voor morgen.',
    situation: 'Bedreiging van een leerling voor morgen, wapen getoond in de klas',
    recipient: 'Politiezone Luik',
    basis: /Noodtoestand/,
  },
]

describe.each(RUNS)('the emergency path in $lang', (run) => {
  const L = run.lang
  const t = (key: string) => tr(L, key)
  const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor()
  // Own accounts per language: no account signs in twice in this file.
  let intake: Member
  let worker: Member
  beforeAll(async () => {
    intake = await server.as(['intake'])
    worker = await server.as(['worker'])
  })

  async function pageAs(email: string) {
    const context = await browser.newContext({ locale: `${L}-BE`, timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
    await signIn(context, server.url, email)
    const page = await context.newPage()
    const problems = watchConsole(page)
    await chooseLanguage(page, server.url, L)
    return { page, problems }
  }

  it('an anonymous request reaches the queue; an emergency call shows the path, reaches the lead on duty, and its exception is validated and read by the DPO', async () => {
    // 1. A visitor without JavaScript asks to be contacted, and stays anonymous.
    const visitorContext = await browser.newContext({ javaScriptEnabled: false, locale: `${L}-BE` })
    const visitor = await visitorContext.newPage()
    await visitor.goto(`${server.url}${L === 'fr' ? '/info' : `/info/${L}`}`)
    await visitor.getByLabel(tr(L, 'publicInfo.form.kind.relative')).check()
    await visitor.getByLabel(tr(L, 'publicInfo.form.modeAnonymous')).check()
    await visitor.getByLabel(tr(L, 'publicInfo.form.messageLabel')).fill(run.message)
    // A person takes more than the form's three seconds; so does this visitor.
    await visitor.waitForTimeout(3_200)
    await visitor.getByRole('button', { name: tr(L, 'publicInfo.form.submit') }).click()
    await expect(visitor.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(tr(L, 'publicInfo.result.thanksTitle'))
    // Nothing personal on the public pages: a visitor's browser may translate them.
    expect(await visitor.locator('html').getAttribute('translate')).toBeNull()
    await visitorContext.close()

    // 2. Intake finds it in the inbox, takes it: it becomes a web-form contact in the queue.
    const i = await pageAs(intake.email)
    await i.page.goto(`${server.url}/contact-requests`)
    await h1(i.page, t('contactRequests.title'))
    // The signed-in app asks browsers not to send what it shows to a translation service.
    expect(await i.page.locator('html').getAttribute('translate')).toBe('no')
    expect(await i.page.locator('meta[name="google"]').getAttribute('content')).toBe('notranslate')
    const request = i.page.getByTestId('contact-request').first()
    await request.waitFor()
    await checkScreen(i.page, `inbox (${L})`, L)
    await request.getByRole('button').click()
    const detail = i.page.getByTestId('contact-request-detail')
    await detail.getByText(run.message).waitFor()
    await detail.getByRole('button', { name: t('contactRequests.take') }).click()
    await i.page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/)
    const webContactId = i.page.url().split('/').pop() as string
    await h1(i.page, t('contacts.editTitle'))
    await checkScreen(i.page, `web-form contact (${L})`, L)
    await i.page.goto(`${server.url}/contacts`)
    await h1(i.page, t('contacts.title'))
    await i.page.getByTestId('contact-queue').locator(`a[href="/contacts/${webContactId}"]`).waitFor()
    await checkScreen(i.page, `queue with the web request (${L})`, L)
    expect(json<{ channel: string; callerKind: string }>(await intake.get(`/api/contacts/${webContactId}`))).toMatchObject({
      channel: 'web_form',
    })
    expect(i.problems).toEqual([])
    await i.page.context().close()

    // 3. A worker on the line takes a teacher's call; the grid says immediate danger.
    const w = await pageAs(worker.email)
    await w.page.goto(`${server.url}/contacts/new`)
    await h1(w.page, t('contacts.newTitle'))
    await w.page.getByRole('radio', { name: t('contacts.kinds.professional') }).check()
    await w.page.getByLabel(t('contacts.summary')).fill(run.summary)
    // A professional's draft waits for the sector, and the form says so instead of staying silent.
    await w.page.getByText(t('contacts.waitsFor').replace('{{field}}', t('contacts.sector'))).waitFor()
    await w.page.getByLabel(t('contacts.sector'), { exact: true }).click()
    await w.page.getByRole('option', { name: t('contacts.sectors.school'), exact: true }).click()
    await w.page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/)
    const callId = w.page.url().split('/').pop() as string
    const triage = w.page.getByTestId('contact-triage')
    await triage.getByRole('radio', { name: L === 'fr' ? 'Immédiate (danger)' : 'Onmiddellijk (gevaar)' }).check()
    await triage.getByRole('button', { name: t('contacts.triage.save') }).click()
    await w.page.getByTestId('emergency-path').waitFor()
    await w.page.getByText(t('contacts.triage.dangerPending')).first().waitFor()
    await checkScreen(w.page, `emergency path (${L})`, L)
    // The call-back is the lead on duty's, for today.
    const flagged = json<{ callbackAssigneeId: string | null; callbackOn: string | null; dangerAt: string | null }>(
      await worker.get(`/api/contacts/${callId}`),
    )
    expect(flagged).toMatchObject({ callbackAssigneeId: lead.userId, callbackOn: brussels(new Date()).date })
    expect(flagged.dangerAt).not.toBeNull()

    // 4. The worker records the disclosure made to the police, on the contact itself.
    await w.page.getByRole('button', { name: t('exceptions.recordOne') }).click()
    const dialog = w.page.getByRole('dialog')
    await dialog.getByLabel(t('exceptions.situation'), { exact: true }).fill(run.situation)
    await dialog.getByLabel(t('exceptions.legalBasis'), { exact: true }).click()
    await w.page.getByRole('option', { name: run.basis }).click()
    await dialog.getByLabel(t('exceptions.recipientKind'), { exact: true }).click()
    await w.page.getByRole('option', { name: t('exceptions.recipients.police'), exact: true }).click()
    await dialog.getByLabel(t('exceptions.recipientName'), { exact: true }).fill(run.recipient)
    await dialog.getByLabel(t('exceptions.disclosed'), { exact: true }).fill('Nom de l’école, classe, heure annoncée')
    await checkScreen(w.page, `exception on the contact (${L})`, L)
    await dialog.getByRole('button', { name: t('exceptions.record') }).click()
    await dialog.waitFor({ state: 'detached' })
    const recorded = w.page.getByTestId('case-exception')
    await recorded.getByText(run.situation).waitFor()
    await recorded.getByText(t('exceptions.status.pending')).waitFor()
    await checkScreen(w.page, `contact with its pending exception (${L})`, L)
    expect(w.problems).toEqual([])
    await w.page.context().close()

    // 5. The lead on duty: the emergency above the queue, acknowledged by keyboard; the exception validated.
    const l = await pageAs(lead.email)
    await l.page.goto(`${server.url}/contacts`)
    await h1(l.page, t('contacts.title'))
    const danger = l.page.getByTestId('queue-danger')
    await danger.waitFor()
    await expect.poll(() => danger.locator(`a[href="/contacts/${callId}"]`).count()).toBe(1)
    await checkScreen(l.page, `emergency above the queue (${L})`, L)
    await danger.getByRole('button', { name: t('contactQueue.acknowledge') }).focus()
    await l.page.keyboard.press('Enter')
    await expect.poll(() => l.page.locator(`[data-testid="queue-danger"] a[href="/contacts/${callId}"]`).count()).toBe(0)
    expect(json<{ dangerAcknowledgedAt: string | null }>(await lead.get(`/api/contacts/${callId}`)).dangerAcknowledgedAt).not.toBeNull()

    await l.page.goto(`${server.url}/exceptions`)
    await h1(l.page, t('exceptions.title'))
    const register = l.page.getByTestId('exception-register')
    await register.getByText(t('exceptions.recipients.police')).first().waitFor()
    await checkScreen(l.page, `register, pending (${L})`, L)
    await register
      .getByRole('button', { name: new RegExp(t('exceptions.openOne').split('{{')[0]!.trim()) })
      .first()
      .click()
    const opened = l.page.getByTestId('exception-detail')
    await opened.getByText(run.situation).waitFor()
    await opened.getByText(run.recipient).waitFor()
    await checkScreen(l.page, `exception opened by the lead (${L})`, L)
    await opened.getByRole('button', { name: t('exceptions.validate') }).click()
    await l.page.getByRole('dialog').waitFor({ state: 'detached' })
    expect(l.problems).toEqual([])
    await l.page.context().close()

    // 6. The DPO reads the validated exception in the register, and can decide nothing.
    const d = await pageAs(dpo.email)
    await d.page.goto(`${server.url}/exceptions`)
    await h1(d.page, t('exceptions.title'))
    await d.page.locator('label', { hasText: t('exceptions.filters.validated') }).click()
    const dpoRegister = d.page.getByTestId('exception-register')
    await dpoRegister.getByText(t('exceptions.status.validated')).first().waitFor()
    await dpoRegister
      .getByRole('button', { name: new RegExp(t('exceptions.openOne').split('{{')[0]!.trim()) })
      .first()
      .click()
    const dpoDetail = d.page.getByTestId('exception-detail')
    await dpoDetail.getByText(run.situation).waitFor()
    expect(await dpoDetail.getByRole('button', { name: t('exceptions.validate') }).count()).toBe(0)
    await checkScreen(d.page, `register read by the DPO (${L})`, L)
    expect(d.problems).toEqual([])
    await d.page.context().close()

    const validated = json<{ items: { status: string }[] }>(await dpo.get('/api/exceptions?status=validated')).items
    expect(validated).toHaveLength(L === 'fr' ? 1 : 2)
  }, 240_000)
})
