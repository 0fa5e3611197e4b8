import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { newCase, organisation, partnerOf, sent } from '../server/modules/referrals/referral-world.fixture'
import type { Agent } from '../server/test/harness'
import { checkScreen, signedInPage, tr } from './i18n-checks'
import { launchBrowser, startServer } from './support'

/**
 * The other ends of a referral, in French, each seen from both sides, axe on every step: the
 * partner declines with a reason; the partner takes one on, marks it in progress and completes it
 * with an outcome; the worker stops one. Whatever ends a referral destroys the partner's copy: it
 * leaves the portal and its page says it is no longer accessible, while the case keeps the status,
 * the reason or the outcome. The referrals are set up through the API; the steps are taken in the
 * browser.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let worker: Agent & { userId: string; email: string }
let caseId = ''
let w: { page: Page; problems: string[] }
let p: { page: Page; problems: string[] }
const codes = { declined: '', completed: '', stopped: '' }
const ids = { declined: '', completed: '', stopped: '' }
const fr = (key: string) => tr('fr', key)
const DECLINE_REASON = 'Plus de place avant mars : liste d’attente fermée'

beforeAll(async () => {
  // Demo mode: accounts without a second factor sign in with their password alone (the MFA
  // sign-in is the main journey's, in referral-network.e2e.test.ts).
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  const team = await server.team('Équipe Liège')
  worker = await server.as(['worker'], { teamIds: [team] })
  const lead = await server.as(['lead'], { teamIds: [team] })
  const org = await organisation(lead, 'Maison Horizon')
  // A partner account attached to the organisation (partnerOf attaches it in the database).
  const partner = (await partnerOf(server, org.id)) as Agent & { userId: string; email: string }
  caseId = (await newCase(worker, team)).caseId
  for (const k of ['declined', 'completed', 'stopped'] as const) {
    const { referral } = await sent(worker, caseId, org, ['summary'])
    codes[k] = referral.code
    ids[k] = referral.id
  }
  w = await signedInPage(browser, server.url, worker.email)
  p = await signedInPage(browser, server.url, partner.email)
})
afterAll(async () => {
  expect(w?.problems ?? []).toEqual([])
  expect(p?.problems ?? []).toEqual([])
  await browser?.close()
  await server?.close()
})

const row = (code: string) => p.page.getByTestId('portal-referral').filter({ hasText: code })
const card = (code: string): Locator => w.page.getByTestId('referral').filter({ hasText: code })

async function openOnPortal(code: string) {
  await p.page.goto(`${server.url}/portal`)
  await row(code).getByRole('link', { name: code }).click()
  await p.page.getByRole('heading', { level: 1, name: fr('portal.referralTitle').replace('{{code}}', code) }).waitFor()
}

/** The partner's copy is gone: not listed, the page says so, the API answers 404. */
async function goneForPartner(key: keyof typeof ids, label: string) {
  await p.page.goto(`${server.url}/portal`)
  await p.page.getByTestId('portal-referral').first().waitFor()
  await expect.poll(() => row(codes[key]).count()).toBe(0)
  await p.page.goto(`${server.url}/portal/${ids[key]}`)
  await p.page.getByText(fr('portal.gone')).waitFor()
  await checkScreen(p.page, `${label}: gone for the partner`, 'fr')
  expect((await p.page.request.get(`${server.url}/api/partner/referrals/${ids[key]}`)).status()).toBe(404)
}

it('the partner declines with a reason; the worker reads it on the case', async () => {
  await openOnPortal(codes.declined)
  await checkScreen(p.page, 'referral to decline', 'fr')
  await p.page.getByRole('button', { name: fr('portal.decline') }).click()
  const dialog = p.page.getByRole('dialog')
  await dialog.getByText(fr('portal.endNotice')).waitFor()
  // A decline says why, as a reason the network can count and in words: without them it is
  // refused, naming both fields.
  await dialog.getByRole('button', { name: fr('portal.decline') }).click()
  await dialog.getByLabel(fr('portal.declineReason'), { exact: true }).and(p.page.locator('[aria-invalid="true"]')).waitFor()
  await dialog.getByLabel(fr('referralDecline.reasonWords'), { exact: true }).and(p.page.locator('[aria-invalid="true"]')).waitFor()
  await checkScreen(p.page, 'decline without a reason', 'fr')
  await dialog.getByLabel(fr('portal.declineReason'), { exact: true }).click()
  await p.page.getByRole('option', { name: fr('referralDecline.reasons.no_capacity') }).click()
  await dialog.getByLabel(fr('referralDecline.reasonWords'), { exact: true }).fill(DECLINE_REASON)
  await dialog.getByRole('button', { name: fr('portal.decline') }).click()
  await p.page.waitForURL(/\/portal$/)
  await goneForPartner('declined', 'declined')

  await w.page.goto(`${server.url}/accompaniments/${caseId}`)
  const declined = card(codes.declined)
  await declined.getByTestId('referral-status').getByText(fr('referrals.status.declined')).waitFor()
  await declined.getByText(DECLINE_REASON).waitFor()
  await declined.getByText(fr('referralDecline.reasons.no_capacity'), { exact: false }).waitFor()
  await declined.getByText(fr('referrals.declinedBecause')).waitFor()
  // Ended: nothing more to stop or send.
  expect(await declined.getByRole('button', { name: fr('referrals.stop') }).count()).toBe(0)
  await checkScreen(w.page, 'declined referral on the case', 'fr')
})

it('the partner accepts, marks it in progress, completes it with an outcome; the worker reads the outcome', async () => {
  await openOnPortal(codes.completed)
  await p.page.getByRole('button', { name: fr('portal.accept') }).click()
  await p.page.getByTestId('referral-status').getByText(fr('referrals.status.accepted')).waitFor()
  await p.page.getByRole('button', { name: fr('portal.progress') }).click()
  await p.page.getByTestId('referral-status').getByText(fr('referrals.status.in_progress')).waitFor()
  await checkScreen(p.page, 'referral in progress (partner)', 'fr')

  // The worker sees the progress on the case meanwhile.
  await w.page.goto(`${server.url}/accompaniments/${caseId}`)
  await card(codes.completed).getByTestId('referral-status').getByText(fr('referrals.status.in_progress')).waitFor()
  await checkScreen(w.page, 'referral in progress (worker)', 'fr')

  await p.page.getByRole('button', { name: fr('portal.complete') }).click()
  const dialog = p.page.getByRole('dialog')
  await dialog.getByLabel(fr('portal.needOutcome'), { exact: true }).click()
  await p.page.getByRole('option', { name: fr('referrals.outcome.need.partly_met'), exact: true }).click()
  await dialog.getByLabel(fr('portal.personOutcome'), { exact: true }).click()
  await p.page.getByRole('option', { name: fr('referrals.outcome.person.left'), exact: true }).click()
  await checkScreen(p.page, 'completing with an outcome', 'fr')
  await dialog.getByRole('button', { name: fr('portal.complete') }).click()
  await p.page.waitForURL(/\/portal$/)
  await goneForPartner('completed', 'completed')

  await w.page.reload()
  const completed = card(codes.completed)
  await completed.getByTestId('referral-status').getByText(fr('referrals.status.completed')).waitFor()
  await completed.getByText(fr('referrals.outcome.need.partly_met'), { exact: false }).waitFor()
  await completed.getByText(fr('referrals.outcome.person.left'), { exact: false }).waitFor()
  await checkScreen(w.page, 'completed referral on the case', 'fr')
})

it('the worker stops a referral; the partner loses it', async () => {
  await openOnPortal(codes.stopped)
  await p.page.getByTestId('portal-copy').waitFor()
  const url = p.page.url()

  await w.page.goto(`${server.url}/accompaniments/${caseId}`)
  const stopped = card(codes.stopped)
  await stopped.getByTestId('referral-status').getByText(fr('referrals.status.sent')).waitFor()
  await stopped.getByRole('button', { name: fr('referrals.stop') }).click()
  await w.page.getByText(fr('referrals.stopQuestion')).waitFor()
  await checkScreen(w.page, 'stopping a referral', 'fr')
  await w.page.getByRole('button', { name: fr('common.confirm') }).click()
  await stopped.getByTestId('referral-status').getByText(fr('referrals.status.stopped')).waitFor()
  expect(await stopped.getByRole('button', { name: fr('referrals.stop') }).count()).toBe(0)
  await checkScreen(w.page, 'stopped referral on the case', 'fr')

  // The partner, on the page it had open: the next load says it is gone.
  await p.page.goto(url)
  await p.page.getByText(fr('portal.gone')).waitFor()
  await p.page.goto(`${server.url}/portal`)
  await expect.poll(() => p.page.getByTestId('portal-referral').count()).toBe(0)
  await p.page.getByText(fr('portal.empty')).waitFor()
  await checkScreen(p.page, 'portal, all ended', 'fr')
  expect((await p.page.request.get(`${server.url}/api/partner/referrals/${ids.stopped}`)).status()).toBe(404)
})
