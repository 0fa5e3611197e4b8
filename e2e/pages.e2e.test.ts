import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LANGUAGES, type Language, type Role } from '../common/roles'
import { json, TEST_PASSWORD } from '../server/test/harness'
import { checkScreen, chooseLanguage, signIn, tr } from './i18n-checks'
import { launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer, waitForTitle, watchConsole } from './support'

/**
 * Every screen, in French, Dutch, German and English, passes axe, says which language it is in,
 * and shows no untranslated key. One browser context per role, signed in once.
 */

interface Screen {
  name: string
  /** Loads the screen and brings it to the state to check (search done, modal open…). */
  open: (page: Page, lang: Language) => Promise<void>
  /** A dialog covers the language switch: the screen is loaded again in each language. */
  reload?: boolean
}

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const users = {} as Record<'worker' | 'admin' | 'dpo' | 'lead', { id: string; email: string }>
let personId = ''
let checks = 0

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })

  const brussels = await server.team('Équipe Bruxelles')
  await server.team('Team Antwerpen')
  users.worker = await server.user(['worker'], { teamIds: [brussels] })
  users.admin = await server.user(['admin'])
  users.dpo = await server.user(['dpo'])
  users.lead = await server.user(['lead'], { teamIds: [brussels] })

  const worker = server.agent()
  expect((await worker.post('/api/auth/login', { email: users.worker.email, password: TEST_PASSWORD })).statusCode).toBe(200)
  const created = await worker.post('/api/persons', {
    firstName: 'Mohammed',
    lastName: 'Benali',
    otherNames: ['Momo'],
    birthYear: 1998,
    gender: 'male',
    languages: ['fr', 'ar'],
    postcode: '1080',
    phone: '+32 2 123 45 67',
    email: 'm.benali@example.be',
    notes: 'Premier contact par la famille.\nSuivi hebdomadaire.',
  })
  expect(created.statusCode).toBe(201)
  personId = json<{ id: string }>(created).id
  expect((await worker.get(`/api/persons/${personId}`)).statusCode).toBe(200)

  // A namesake followed by another service: the worker sees them reduced and "restricted" in the results.
  const intake = await server.as(['intake'])
  expect((await intake.post('/api/persons', { firstName: 'Mohamed', lastName: 'Benali', birthYear: 2001 })).statusCode).toBe(201)

  // An account waiting for activation, created as an administrator would.
  const admin = server.agent()
  await admin.post('/api/auth/login', { email: users.admin.email, password: TEST_PASSWORD })
  const pending = await admin.post('/api/users', { email: 'nouvelle@test.parcours.test', displayName: 'Nadia Peeters', roles: ['intake'] })
  expect(pending.statusCode).toBe(201)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  console.log(`pages sweep: ${checks} screen × language checks`)
})

/** One context and one page for a role, signed in (or not) once. */
async function pageFor(role: Role | null): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'fr-BE' })
  if (role) await signIn(context, server.url, users[role as keyof typeof users].email)
  const page = await context.newPage()
  return { page, problems: watchConsole(page) }
}

/**
 * Each screen is loaded in French, then switched live to the other languages with the language
 * switch (or loaded again in them when a dialog covers the switch).
 */
async function sweep(role: Role | null, screens: Screen[]): Promise<void> {
  const { page, problems } = await pageFor(role)
  for (const screen of screens) {
    for (const lang of LANGUAGES) {
      if (lang === 'fr' || screen.reload) {
        await chooseLanguage(page, server.url, lang)
        await screen.open(page, lang)
      } else {
        await page.getByTestId('language-switch').getByText(lang.toUpperCase(), { exact: true }).click()
        // One render translates the whole page; the skip link is on every layout.
        await page.locator('.skip-link', { hasText: tr(lang, 'a11y.skipToContent') }).waitFor({ state: 'attached' })
      }
      await checkScreen(page, `${screen.name} (${lang})`, lang)
      checks += 1
      if (lang === 'fr') await screenshot(page, screen.name)
    }
  }
  expect(problems, 'console problems').toEqual([])
  await page.context().close()
}

/** The whole page, from the top; with a dialog open, what the user sees. */
async function screenshot(page: Page, name: string): Promise<void> {
  const dialog = (await page.getByRole('dialog').count()) > 0
  if (!dialog) await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `pages-${name}.png`), fullPage: !dialog })
}

const go = async (page: Page, url: string) => {
  await page.goto(`${server.url}${url}`)
}
const heading = (page: Page, text: string) => waitForTitle(page, text)
const main = (page: Page) => page.locator('#main-content')

it('sign-in and activation pages pass axe in four languages', async () => {
  await sweep(null, [
    {
      name: 'login',
      open: async (page, lang) => {
        await go(page, '/login')
        await heading(page, tr(lang, 'login.title'))
        await page.getByTestId('login-email').waitFor()
      },
    },
    {
      name: 'activate',
      open: async (page, lang) => {
        await go(page, '/activate#token=bogus-token-value-123456')
        await heading(page, tr(lang, 'activate.title'))
        await main(page)
          .getByRole('button', { name: tr(lang, 'activate.submit') })
          .waitFor()
        // The token leaves the address bar as soon as it is read.
        await expect.poll(() => page.url()).toBe(`${server.url}/activate`)
      },
    },
  ])
})

it('the worker screens pass axe in four languages', async () => {
  await sweep('worker', [
    {
      name: 'persons-empty',
      open: async (page, lang) => {
        await go(page, '/persons')
        await heading(page, tr(lang, 'persons.title'))
        await page.getByText(tr(lang, 'persons.emptyTitle')).waitFor()
      },
    },
    {
      name: 'persons-reason',
      open: async (page, lang) => {
        await go(page, '/persons')
        // One name: the search waits for a reason.
        await page.getByTestId('person-search').fill('benali')
        await page.getByRole('radiogroup', { name: tr(lang, 'personSearch.reasonLabel') }).waitFor()
      },
    },
    {
      name: 'persons-results',
      open: async (page, lang) => {
        await go(page, '/persons')
        await page.getByTestId('person-search').fill('mohammed benali')
        const results = page.getByTestId('person-results')
        await results.getByRole('link', { name: 'BENALI, Mohammed' }).waitFor()
        // The namesake of another service: initial, name and year, no link.
        await results.getByTestId('person-result-reduced').getByText('M. Benali').first().waitFor()
        await results.getByText(tr(lang, 'persons.restricted')).waitFor()
      },
    },
    {
      name: 'person-new',
      open: async (page, lang) => {
        await go(page, '/persons/new')
        await heading(page, tr(lang, 'person.createTitle'))
      },
    },
    {
      name: 'person-view',
      open: async (page, lang) => {
        await go(page, `/persons/${personId}`)
        await heading(page, 'Mohammed Benali')
        await page.getByTestId('person-code').waitFor()
        // The postcode list names places in French and English; the page, in its own language.
        await page.getByText(`${tr(lang, 'provinces.brussels')} · ${tr(lang, 'regions.brussels')}`).waitFor()
      },
    },
    {
      name: 'person-edit',
      open: async (page, lang) => {
        await go(page, `/persons/${personId}/edit`)
        await heading(page, tr(lang, 'person.editTitle').replace('{{name}}', 'Mohammed Benali'))
        await expect.poll(() => page.getByLabel(tr(lang, 'person.firstName'), { exact: true }).inputValue()).toBe('Mohammed')
      },
    },
    {
      name: 'account',
      open: async (page, lang) => {
        await go(page, '/account')
        await heading(page, tr(lang, 'account.title'))
        await page.getByTestId('mfa-status').getByText(tr(lang, 'mfa.statusOff')).waitFor()
      },
    },
    {
      name: 'account-mfa-qr',
      open: async (page, lang) => {
        await go(page, '/account')
        await page
          .locator('section[aria-labelledby="account-mfa"]')
          .getByRole('button', { name: tr(lang, 'mfa.start') })
          .click()
        await page.getByRole('img', { name: tr(lang, 'mfa.qrAlt') }).waitFor()
        await page.getByTestId('mfa-secret').waitFor()
      },
    },
    {
      name: 'mfa-enrol',
      open: async (page, lang) => {
        await go(page, '/mfa/enrol')
        await heading(page, tr(lang, 'mfa.requiredTitle'))
        await main(page)
          .getByRole('button', { name: tr(lang, 'mfa.start') })
          .click()
        await page.getByRole('img', { name: tr(lang, 'mfa.qrAlt') }).waitFor()
      },
    },
    {
      name: 'not-found',
      open: async (page, lang) => {
        await go(page, '/no-such-page')
        await heading(page, tr(lang, 'notFound.title'))
      },
    },
  ])
})

it('the administration screens and their dialogs pass axe in four languages', async () => {
  const dialog = (page: Page) => page.getByRole('dialog')
  const usersPage = async (page: Page, lang: Language) => {
    await go(page, '/admin/users')
    await heading(page, tr(lang, 'users.title'))
    await page.getByTestId('user-list').getByText('Nadia Peeters').waitFor()
    await page.getByTestId('team-list').getByText('Équipe Bruxelles').waitFor()
  }
  await sweep('admin', [
    { name: 'admin-users', open: usersPage },
    {
      name: 'admin-user-create',
      reload: true,
      open: async (page, lang) => {
        await usersPage(page, lang)
        await main(page)
          .getByRole('button', { name: tr(lang, 'users.new') })
          .click()
        await dialog(page)
          .getByRole('heading', { name: tr(lang, 'users.createTitle') })
          .waitFor()
        await expect
          .poll(() =>
            dialog(page)
              .getByLabel(tr(lang, 'users.email'))
              .evaluate((el) => el === document.activeElement),
          )
          .toBe(true)
      },
    },
    {
      name: 'admin-user-edit',
      reload: true,
      open: async (page, lang) => {
        await usersPage(page, lang)
        await page.getByRole('button', { name: tr(lang, 'users.editNamed').replace('{{name}}', 'Nadia Peeters') }).click()
        await dialog(page)
          .getByRole('heading', { name: tr(lang, 'users.editTitle').replace('{{name}}', 'Nadia Peeters') })
          .waitFor()
        await dialog(page)
          .getByRole('button', { name: tr(lang, 'users.newLink') })
          .waitFor()
      },
    },
  ])
})

it('the audit log, with the chain verified, passes axe in four languages', async () => {
  await sweep('dpo', [
    {
      name: 'audit',
      open: async (page, lang) => {
        await go(page, '/audit')
        await heading(page, tr(lang, 'audit.title'))
        await page.getByTestId('audit-table').getByText(tr(lang, 'audit.subjects.person')).first().waitFor()
        await page.getByRole('button', { name: tr(lang, 'audit.verify') }).click()
        await page.getByTestId('audit-verify-result').getByText(tr(lang, 'audit.chainOk')).waitFor()
      },
    },
  ])
})

/** A screen reached by its address, checked once its title, and what `ready` waits for, are there. */
const screen = (name: string, url: string, title: string, ready?: (page: Page) => Promise<void>): Screen => ({
  name,
  open: async (page, lang) => {
    await go(page, url)
    await heading(page, tr(lang, title))
    await ready?.(page)
    await page.waitForLoadState('networkidle')
  },
})

it('the data-protection officer’s registers pass axe in four languages', async () => {
  await sweep('dpo', [
    screen('dpo-requests', '/dpo/requests', 'dpoRequests.title'),
    screen('dpo-exports', '/dpo/exports', 'dpoExports.title'),
    screen('dpo-erasures', '/dpo/erasures', 'erasure.title'),
    screen('dpo-retention', '/dpo/retention', 'retention.title', (page) => page.locator('[data-testid^="schedule-"]').first().waitFor()),
  ])
})

it('the figures, the yearly report, the training log and research pass axe in four languages', async () => {
  // The lead has one team: the indicators and the report open on it without a choice.
  await sweep('lead', [
    screen('indicators', '/indicators', 'indicators.title', (page) => page.getByTestId('indicators-summary').waitFor()),
    screen('activity-report', '/activity-report', 'activityReport.title', (page) => page.getByTestId('report-summary').waitFor()),
    screen('training-sessions', '/training-sessions', 'training.title', (page) =>
      page.locator('[data-testid="training-list"], [data-testid="training-empty"]').first().waitFor(),
    ),
    screen('studies', '/studies', 'studies.list.title'),
    screen('practice-notes', '/practice-notes', 'practiceNotes.list.title'),
  ])
})
