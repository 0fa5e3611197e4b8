import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../server/seed/demo.data'
import { seedDemo } from '../server/seed/demo.seed'
import { settle, tr } from './i18n-checks'
import { expectNoAxeViolations, launchBrowser, startServer, watchConsole } from './support'

/**
 * Every dialog of the app, opened from the keyboard (focus on its opener, Enter) on the demo data,
 * and closed each way it can be: Escape, its close button, its Cancel button. Each time the focus
 * must be back on the opener, so that a keyboard or screen-reader user goes on from where they
 * were. Axe runs once inside each open dialog.
 */

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
/** The demo worker's first case (Julien Dupont): sessions, tasks, plan, trajectory, network. */
let caseId = ''
let contactId = ''
/** A case of the demo worker's with a draft referral; one whose closure waits for the lead. */
let draftCaseId = ''
let closingCode = ''
/** Referrals to the demo partner: one sent (to accept or decline), one accepted (to complete). */
let sentId = ''
let acceptedId = ''

const as = (who: string) => `${who}@${DEMO_DOMAIN}`
const fr = (key: string, values: Record<string, string> = {}) =>
  Object.entries(values).reduce((s, [k, v]) => s.replace(`{{${k}}}`, v), tr('fr', key))

beforeAll(async () => {
  server = await startServer({ demo: true })
  await seedDemo(server.services)
  browser = await launchBrowser()
  const db = server.services.db
  const worker = await db.selectFrom('users').select('id').where('email', '=', as('intervenant')).executeTakeFirstOrThrow()
  caseId = (
    await db
      .selectFrom('accompaniment_workers as w')
      .innerJoin('accompaniments as a', 'a.id', 'w.accompaniment_id')
      .select('a.id')
      .where('w.user_id', '=', worker.id)
      .where('w.role', '=', 'primary')
      .orderBy('a.created_at')
      .limit(1)
      .executeTakeFirstOrThrow()
  ).id
  contactId = (await db.selectFrom('contacts').select('id').orderBy('created_at').limit(1).executeTakeFirstOrThrow()).id
  const referral = (status: string) =>
    db
      .selectFrom('referrals')
      .select(['id', 'accompaniment_id'])
      .where('status', '=', status)
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirstOrThrow()
  draftCaseId = (await referral('draft')).accompaniment_id as string
  sentId = (await referral('sent')).id
  acceptedId = (await referral('accepted')).id
  // The worker asks to close one of their active cases, so that the lead has a closure to decide.
  const closing = await db
    .selectFrom('accompaniment_workers as w')
    .innerJoin('accompaniments as a', 'a.id', 'w.accompaniment_id')
    .select(['a.id', 'a.code', 'a.version'])
    .where('w.user_id', '=', worker.id)
    .where('a.status', '=', 'active')
    .where('a.id', '!=', caseId)
    .orderBy('a.created_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow()
  closingCode = closing.code
  const agent = server.agent()
  expect((await agent.post('/api/auth/login', { email: as('intervenant'), password: DEMO_PASSWORD })).statusCode).toBe(200)
  const asked = await agent.post(
    `/api/accompaniments/${closing.id}/closure`,
    { outcome: 'goals_reached', reason: 'Objectifs atteints.' },
    { 'if-match': `"${closing.version}"` },
  )
  expect(asked.statusCode, asked.body).toBe(200)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

type Modal = {
  name: string
  who: string
  /** The page, then whatever brings the opener on screen (a tab). */
  path: () => string
  reach?: (page: Page) => Promise<void>
  opener: (page: Page) => Locator
  /** The key that opens it from the opener: Enter, unless the opener is a shortcut. */
  key?: string
  /** The dialog's own Cancel (or Close) button, when it has one. */
  cancel?: string
}

const tab = (testid: string) => async (page: Page) => {
  await page.getByTestId(testid).click()
}
const pathTab = (testid: string) => async (page: Page) => {
  await page.getByTestId('tab-path').click()
  await page.getByTestId(testid).click()
}
const button = (name: string) => (page: Page) => page.getByRole('button', { name, exact: true }).first()
const onCase = () => `/accompaniments/${caseId}`

const MODALS: Modal[] = [
  // The worker's case.
  { name: 'case details edit', who: 'intervenant', path: onCase, opener: (p) => p.getByTestId('edit-details'), cancel: 'common.cancel' },
  { name: 'relative add', who: 'intervenant', path: onCase, opener: button(fr('relatives.add')), cancel: 'common.cancel' },
  {
    name: 'lifecycle move',
    who: 'intervenant',
    path: onCase,
    opener: (p) => p.locator('[data-testid^="move-"]').first(),
    cancel: 'common.cancel',
  },
  {
    name: 'exception record (case)',
    who: 'intervenant',
    path: onCase,
    opener: button(fr('exceptions.recordOne')),
    cancel: 'common.cancel',
  },
  { name: 'consent record', who: 'intervenant', path: onCase, opener: button(fr('referrals.consent.recordOne')), cancel: 'common.cancel' },
  { name: 'referral create', who: 'intervenant', path: onCase, opener: button(fr('referrals.new')), cancel: 'common.cancel' },
  {
    name: 'session plan',
    who: 'intervenant',
    path: onCase,
    reach: tab('tab-sessions'),
    opener: button(fr('sessions.plan')),
    cancel: 'common.cancel',
  },
  {
    name: 'session record',
    who: 'intervenant',
    path: onCase,
    reach: tab('tab-sessions'),
    opener: button(fr('sessions.record')),
    cancel: 'common.cancel',
  },
  {
    name: 'session view',
    who: 'intervenant',
    path: onCase,
    reach: tab('tab-sessions'),
    opener: (p) => p.getByTestId('session-open').first(),
    cancel: 'common.close',
  },
  {
    name: 'task edit',
    who: 'intervenant',
    path: onCase,
    reach: tab('tab-tasks'),
    opener: (p) => p.getByTestId('task-edit').first(),
    cancel: 'common.cancel',
  },
  {
    name: 'plan history',
    who: 'intervenant',
    path: onCase,
    reach: pathTab('path-plan'),
    opener: (p) => p.getByTestId('plan-history-open'),
  },
  {
    name: 'trajectory event',
    who: 'intervenant',
    path: onCase,
    reach: pathTab('path-trajectory'),
    opener: (p) => p.getByTestId('trajectory-add'),
    cancel: 'common.cancel',
  },
  {
    name: 'trajectory delete',
    who: 'intervenant',
    path: onCase,
    reach: pathTab('path-trajectory'),
    // The timeline's shortcut: Delete on a marker asks whether to remove it.
    opener: (p) => p.getByTestId('trajectory-marker').first(),
    key: 'Delete',
    cancel: 'common.cancel',
  },
  {
    name: 'network map',
    who: 'intervenant',
    path: onCase,
    reach: pathTab('path-network'),
    opener: (p) => p.getByTestId('network-new'),
    cancel: 'common.cancel',
  },
  {
    name: 'referral edit',
    who: 'intervenant',
    path: () => `/accompaniments/${draftCaseId}`,
    opener: button(fr('referrals.edit')),
    cancel: 'common.cancel',
  },
  // The lead decides a closure from the dashboard.
  {
    name: 'closure decision (dashboard)',
    who: 'responsable',
    path: () => '/dashboard',
    opener: (p) =>
      p
        .getByTestId('dashboard-closures')
        .getByRole('button', { name: new RegExp(closingCode) })
        .first(),
    cancel: 'common.cancel',
  },
  {
    name: 'exception detail (register)',
    who: 'responsable',
    path: () => '/exceptions',
    opener: (p) => p.getByTestId('exception-register').getByRole('button').first(),
  },
  // The partner's portal.
  {
    name: 'portal decline',
    who: 'partenaire',
    path: () => `/portal/${sentId}`,
    opener: button(fr('portal.decline')),
    cancel: 'common.cancel',
  },
  {
    name: 'portal complete',
    who: 'partenaire',
    path: () => `/portal/${acceptedId}`,
    opener: button(fr('portal.complete')),
    cancel: 'common.cancel',
  },
  // The directory of partners.
  {
    name: 'refer to a service',
    who: 'intervenant',
    path: () => '/partners?q=Consultations',
    opener: button(fr('referrals.referTo.action')),
    cancel: 'common.cancel',
  },
  // Contacts.
  {
    name: 'information sheet reader',
    who: 'accueil',
    path: () => `/contacts/${contactId}`,
    reach: async (p) => {
      await p.getByTestId('information-search').fill('confidentialité')
      await p.keyboard.press('Enter')
    },
    opener: (p) => p.getByTestId('information-results').getByRole('button').first(),
  },
  // Administration.
  { name: 'user create', who: 'admin', path: () => '/admin/users', opener: button(fr('users.new')), cancel: 'common.cancel' },
  {
    name: 'user edit',
    who: 'admin',
    path: () => '/admin/users',
    opener: (p) => p.getByRole('button', { name: /^Modifier / }).first(),
    cancel: 'common.cancel',
  },
  {
    name: 'instrument create',
    who: 'admin',
    path: () => '/admin/instruments',
    opener: button(fr('instruments.admin.newInstrument')),
    cancel: 'common.cancel',
  },
  {
    name: 'instrument version',
    who: 'admin',
    path: () => '/admin/instruments',
    opener: (p) =>
      p
        .getByTestId('instruments')
        .getByRole('button', { name: /^Voir la version/ })
        .first(),
  },
  {
    name: 'contact theme add',
    who: 'admin',
    path: () => '/admin/contact-themes',
    opener: button(fr('contactThemes.add')),
    cancel: 'common.cancel',
  },
  {
    name: 'need category add',
    who: 'admin',
    path: () => '/admin/need-categories',
    opener: button(fr('partners.needCategories.add')),
    cancel: 'common.cancel',
  },
  // The DPO's register of exceptions and legal bases.
  {
    name: 'legal basis edit',
    who: 'dpo',
    path: () => '/exceptions',
    opener: (p) => p.getByTestId('legal-bases').getByRole('button').first(),
    cancel: 'common.cancel',
  },
]

async function signedIn(who: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'fr-BE', timezoneId: 'Europe/Brussels', viewport: { width: 1280, height: 900 } })
  const res = await context.request.post(`${server.url}/api/auth/login`, {
    data: { email: as(who), password: DEMO_PASSWORD },
    headers: { 'x-parcours-request': '1' },
  })
  expect(res.status(), `sign-in of ${who}`).toBe(200)
  const page = await context.newPage()
  return { page, problems: watchConsole(page) }
}

const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement)
const focusedInside = (l: Locator) => l.evaluate((el) => el.contains(document.activeElement))

async function open(page: Page, m: Modal): Promise<{ opener: Locator; dialog: Locator }> {
  const opener = m.opener(page)
  await opener.waitFor()
  await opener.focus()
  await page.keyboard.press(m.key ?? 'Enter')
  const dialog = page.getByRole('dialog')
  await dialog.waitFor()
  // Mantine's trap moves the focus inside once the dialog is shown.
  await expect.poll(() => focusedInside(dialog), { message: `${m.name}: focus inside the open dialog` }).toBe(true)
  await settle(page)
  return { opener, dialog }
}

async function expectBackOn(page: Page, opener: Locator, label: string): Promise<void> {
  await page.getByRole('dialog').waitFor({ state: 'detached' })
  await expect.poll(() => isFocused(opener), { message: `${label}: focus back on the opener` }).toBe(true)
}

for (const m of MODALS) {
  it(`${m.name}: the focus returns to its opener`, async () => {
    const { page, problems } = await signedIn(m.who)
    await page.goto(`${server.url}${m.path()}`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await m.reach?.(page)

    let { opener, dialog } = await open(page, m)
    await expectNoAxeViolations(page, `${m.name} dialog`, '[role="dialog"]')
    await page.keyboard.press('Escape')
    await expectBackOn(page, opener, `${m.name}, Escape`)
    ;({ opener, dialog } = await open(page, m))
    await dialog
      .getByRole('button', { name: fr('common.close'), exact: true })
      .first()
      .click()
    await expectBackOn(page, opener, `${m.name}, close button`)
    if (m.cancel) {
      ;({ opener, dialog } = await open(page, m))
      const cancel = dialog.getByRole('button', { name: fr(m.cancel), exact: true }).last()
      await cancel.focus()
      await page.keyboard.press('Enter')
      await expectBackOn(page, opener, `${m.name}, ${m.cancel}`)
    }
    expect(problems, 'console problems').toEqual([])
    await page.context().close()
  })
}

it('after a successful submit, the focus returns to the opener that is still there', async () => {
  const { page, problems } = await signedIn('intervenant')
  await page.goto(`${server.url}${onCase()}`)
  await page.getByRole('heading', { level: 1 }).waitFor()
  const m = MODALS.find((x) => x.name === 'case details edit') as Modal
  const { opener, dialog } = await open(page, m)
  await dialog.getByTestId('details-save').click()
  await expectBackOn(page, opener, 'case details, saved')
  expect(problems, 'console problems').toEqual([])
  await page.context().close()
})

it('when the submit removed the opener, the focus goes to the heading of its section', async () => {
  const { page, problems } = await signedIn('intervenant')
  await page.goto(`${server.url}${onCase()}`)
  await page.getByRole('heading', { level: 1 }).waitFor()
  const m = MODALS.find((x) => x.name === 'trajectory delete') as Modal
  await m.reach?.(page)
  const markers = page.getByTestId('trajectory-marker')
  await markers.first().waitFor()
  const before = await markers.count()
  const { dialog } = await open(page, m)
  await dialog.getByRole('button', { name: fr('trajectory.delete'), exact: true }).click()
  await page.getByRole('dialog').waitFor({ state: 'detached' })
  await expect.poll(() => markers.count()).toBe(before - 1)
  await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(fr('trajectory.title'))
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H3')
  expect(problems, 'console problems').toEqual([])
  await page.context().close()
})
