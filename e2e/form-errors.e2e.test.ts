import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../server/seed/demo.data'
import { seedDemo } from '../server/seed/demo.seed'
import { tr } from './i18n-checks'
import { launchBrowser, startServer, watchConsole } from './support'

/**
 * Four representative forms sent empty from the keyboard: their required fields show an asterisk,
 * explained above the form, and say so to assistive technologies (`required` / `aria-required`,
 * since the asterisk is hidden from them), each field left empty becomes invalid
 * with its message linked by `aria-describedby`, and the focus lands on the first of them, so that
 * the error is read out where it is to be fixed.
 */

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let caseId = ''
let personId = ''

const as = (who: string) => `${who}@${DEMO_DOMAIN}`
const fr = (key: string) => tr('fr', key)

beforeAll(async () => {
  server = await startServer({ demo: true })
  await seedDemo(server.services)
  browser = await launchBrowser()
  const db = server.services.db
  const worker = await db.selectFrom('users').select('id').where('email', '=', as('intervenant')).executeTakeFirstOrThrow()
  const first = await db
    .selectFrom('accompaniment_workers as w')
    .innerJoin('accompaniments as a', 'a.id', 'w.accompaniment_id')
    .select(['a.id', 'a.person_id'])
    .where('w.user_id', '=', worker.id)
    .where('w.role', '=', 'primary')
    .orderBy('a.created_at')
    .limit(1)
    .executeTakeFirstOrThrow()
  caseId = first.id
  personId = first.person_id
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

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

/**
 * What assistive technologies learn of a field: whether it is announced as required, whether its
 * label shows the asterisk, whether it is invalid, and the text its `aria-describedby` points to.
 * Mantine hides the asterisk from assistive technologies, so "announced" must come from the field
 * itself: `required` or `aria-required` on a field; on a group of radios, which cannot carry it,
 * `required` on each of its radios.
 */
const describe = (field: Locator) =>
  field.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
    const wrapper = el.closest('.mantine-InputWrapper-root')
    const label = wrapper?.querySelector<HTMLElement>(':scope > .mantine-InputWrapper-label')
    const star = label?.querySelector<HTMLElement>('.mantine-InputWrapper-required')
    // Drawn by CSS on most fields (theme.ts), a hidden span on groups and date fields.
    const drawn = label ? getComputedStyle(label, '::after').content.includes('*') : false
    const radios = [...el.querySelectorAll<HTMLInputElement>('input[type="radio"]')]
    return {
      announced:
        (el as HTMLInputElement).required === true ||
        el.getAttribute('aria-required') === 'true' ||
        (el.getAttribute('role') === 'radiogroup' && radios.length > 0 && radios.every((r) => r.required)),
      marked: drawn || (star != null && star.getAttribute('aria-hidden') === 'true' && star.getBoundingClientRect().width > 0),
      invalid: el.getAttribute('aria-invalid') === 'true' || ids.some((id) => id.endsWith('-error')),
      described: ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' | '),
    }
  })

type FormCase = {
  name: string
  who: string
  path: () => string
  reach?: (page: Page) => Promise<void>
  form: (page: Page) => Locator
  /** The fields a blank form leaves in error, in the order of the page; the first gets the focus. */
  missing: (form: Locator) => Locator[]
}

/** By its accessible name, which leaves out the asterisk some labels show. */
const field = (form: Locator, label: string) => form.getByRole('textbox', { name: label, exact: true })
const select = (form: Locator, label: string) => form.getByRole('combobox', { name: label, exact: true })
const group = (form: Locator, label: string) => form.getByRole('radiogroup', { name: label, exact: true })

const FORMS: FormCase[] = [
  {
    name: 'person create',
    who: 'intervenant',
    path: () => '/persons/new',
    form: (p) => p.locator('main form'),
    missing: (f) => [field(f, fr('person.firstName')), field(f, fr('person.lastName'))],
  },
  {
    name: 'case create (under a mandate)',
    who: 'intervenant',
    path: () => `/accompaniments/new?personId=${personId}`,
    // Under a judicial mandate, the measure is required.
    reach: async (p) => {
      await p.getByLabel(fr('accompaniment.framework.judicial'), { exact: true }).check()
    },
    form: (p) => p.locator('main form'),
    missing: (f) => [select(f, fr('accompaniment.measureLabel'))],
  },
  {
    name: 'contact form',
    who: 'accueil',
    path: () => '/contacts/new',
    form: (p) => p.locator('main form'),
    missing: (f) => [group(f, fr('contacts.callerKind'))],
  },
  {
    name: 'task create',
    who: 'intervenant',
    path: () => `/accompaniments/${caseId}`,
    reach: async (p) => {
      await p.getByTestId('tab-tasks').click()
    },
    form: (p) => p.locator('section[aria-labelledby="task-add-title"] form'),
    missing: (f) => [field(f, fr('tasks.title')), field(f, fr('tasks.dueDate'))],
  },
]

for (const f of FORMS) {
  it(`${f.name}: required fields marked, errors linked, focus on the first`, async () => {
    const { page, problems } = await signedIn(f.who)
    await page.goto(`${server.url}${f.path()}`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await f.reach?.(page)
    const form = f.form(page)
    await form.waitFor()
    const missing = f.missing(form)
    for (const m of missing) {
      const before = await describe(m)
      expect(before, `${f.name}: required, marked and announced, before sending`).toMatchObject({
        announced: true,
        marked: true,
        invalid: false,
      })
    }
    // The asterisk is explained once, in words, above the form.
    await expect.poll(() => form.getByTestId('required-note').textContent()).toBe(fr('forms.requiredNote'))

    const submit = form.locator('button[type="submit"]').last()
    await submit.focus()
    await page.keyboard.press('Enter')

    for (const [i, m] of missing.entries()) {
      await expect.poll(async () => (await describe(m)).invalid, { message: `${f.name}: field ${i} invalid` }).toBe(true)
      expect((await describe(m)).described, `${f.name}: field ${i} says why`).toContain(fr('validation.required'))
    }
    // The focus is on the first field in error (inside it, for a group of radios).
    const first = missing[0] as Locator
    await expect
      .poll(() => first.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)), {
        message: `${f.name}: focus on the first field in error`,
      })
      .toBe(true)
    expect(problems, 'console problems').toEqual([])
    await page.context().close()
  })
}
