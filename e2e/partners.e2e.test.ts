import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { FIXTURE_FILE } from '../server/modules/partners/fixtures/make-fixture'
import { codeFor, newMfaSecret } from '../server/security/mfa'
import { TEST_PASSWORD } from '../server/test/harness'
import { checkScreen, chooseLanguage, settle, tr } from './i18n-checks'
import { launchBrowser, SHOT_TIMEOUT, startServer, watchConsole } from './support'

/**
 * The partner directory in the browser, in French and in Dutch, axe on every step: the admin
 * imports the fixture's 30 organisations through the page (a spoiled file first: refused, naming
 * the record and the field); a worker searches near 4000 Liège for mental health in Arabic and
 * reads why each result matched, then opens the organisation; a lead changes a service's capacity;
 * an edit made from a version someone changed meanwhile is refused and the screen says so.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
const SHOTS = process.env.PARCOURS_SHOTS_DIR
const TILLEULS = 'Centre de santé mentale Les Tilleuls'

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** Admins, workers and leads sign in with their second factor (each user once: a TOTP code is accepted once). */
async function signedInWithMfa(role: 'admin' | 'worker' | 'lead') {
  const secret = newMfaSecret()
  const user = await server.user([role], { mfaSecret: secret })
  const context = await browser.newContext({ locale: 'fr-BE', viewport: { width: 1280, height: 900 } })
  const headers = { 'x-parcours-request': '1' }
  const login = await context.request.post(`${server.url}/api/auth/login`, {
    data: { email: user.email, password: TEST_PASSWORD },
    headers,
  })
  expect(login.status(), await login.text()).toBe(200)
  const mfa = await context.request.post(`${server.url}/api/auth/mfa/verify`, { data: { code: codeFor(secret) }, headers })
  expect(mfa.status(), await mfa.text()).toBe(200)
  const page = await context.newPage()
  return { page, problems: watchConsole(page) }
}

async function shots(page: Page, name: string) {
  if (!SHOTS) return
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/${name}-desktop.png`, fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.reload({ waitUntil: 'networkidle' })
  await settle(page)
  await page.screenshot({ timeout: SHOT_TIMEOUT, path: `${SHOTS}/${name}-phone.png`, fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.reload({ waitUntil: 'networkidle' })
}

it('the admin imports the HSDS file through the page: a spoiled file is refused naming record and field, then all 30 come in', async () => {
  const { page, problems } = await signedInWithMfa('admin')
  await page.goto(`${server.url}/`)
  await page.getByRole('link', { name: tr('fr', 'nav.partners') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'partners.search.title') }).waitFor()
  await page.getByRole('link', { name: tr('fr', 'partners.hsds.nav') }).focus()
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { level: 1, name: tr('fr', 'partners.hsds.title') }).waitFor()
  await checkScreen(page, 'hsds page (fr)', 'fr')

  // A spoiled copy: the third organisation's first service gets an age in words.
  const fixture = JSON.parse(fs.readFileSync(FIXTURE_FILE, 'utf8')) as { name: string; services: { minimum_age: unknown }[] }[]
  const spoiled = structuredClone(fixture)
  spoiled[2]!.services[0]!.minimum_age = 'twelve'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-hsds-'))
  const bad = path.join(dir, 'spoiled.json')
  fs.writeFileSync(bad, JSON.stringify(spoiled))
  const fileInput = page.locator('input[type="file"]')
  await fileInput.setInputFiles(bad)
  await page.getByRole('button', { name: tr('fr', 'partners.hsds.import') }).click()
  const refused = page.getByTestId('hsds-errors')
  await refused.waitFor()
  await expect.poll(() => refused.textContent()).toContain(`n° 3 (${fixture[2]!.name})`)
  expect(await refused.textContent()).toContain('services.0.minimum_age')
  await checkScreen(page, 'hsds import refused (fr)', 'fr')
  expect((await (await page.request.get(`${server.url}/api/partners`)).json()).items).toEqual([])

  // The real file, sent slowly enough to see its progress, then the server's count.
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 100_000 })
  await fileInput.setInputFiles(fileURLToPath(FIXTURE_FILE))
  await page.getByRole('button', { name: tr('fr', 'partners.hsds.import') }).press('Enter')
  await page.getByRole('progressbar', { name: tr('fr', 'partners.hsds.progress') }).waitFor()
  await page.getByTestId('hsds-imported').waitFor({ timeout: 30_000 })
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
  expect(await page.getByTestId('hsds-imported').textContent()).toContain('30 organisations (30 ajoutées, 0 mise à jour)')
  await checkScreen(page, 'hsds imported (fr)', 'fr')

  // The need categories, from the directory's page: one added by keyboard, then offered in the search.
  await page.getByRole('link', { name: tr('fr', 'nav.partners') }).click()
  await page.getByRole('link', { name: tr('fr', 'partners.needCategories.nav') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'partners.needCategories.title') }).waitFor()
  await page.getByTestId('need-categories').getByText('mental_health').waitFor()
  await checkScreen(page, 'need categories (fr)', 'fr')
  await page.getByRole('button', { name: tr('fr', 'partners.needCategories.add') }).press('Enter')
  const dialog = page.getByRole('dialog')
  await dialog.getByTestId('need-code').fill('digital_inclusion')
  const labels = { fr: 'Inclusion numérique', nl: 'Digitale inclusie', de: 'Digitale Teilhabe', en: 'Digital inclusion' }
  for (const [l, label] of Object.entries(labels)) await dialog.getByTestId(`need-label-${l}`).fill(label)
  await checkScreen(page, 'new need category (fr)', 'fr')
  await dialog.getByTestId('need-label-en').press('Enter')
  await dialog.waitFor({ state: 'detached' })
  await page.getByTestId('need-categories').getByText('digital_inclusion').waitFor()
  await page.goto(`${server.url}/partners`)
  await expect.poll(() => page.getByTestId('search-need').locator('option').allTextContents()).toContain('Inclusion numérique')
  expect(problems).toEqual([])
})

async function searchNear4000(page: Page, lang: 'fr' | 'nl') {
  await page.getByRole('heading', { level: 1, name: tr(lang, 'partners.search.title') }).waitFor()
  await page.getByTestId('search-need').selectOption('mental_health')
  await page.getByTestId('search-language').selectOption('ar')
  const place = page.getByTestId('search-place')
  await place.fill('4000')
  await place.press('Enter')
  const results = page.getByTestId('partner-result')
  await expect.poll(() => results.count()).toBe(2)
  return results
}

it('a worker searches near 4000 Liège for mental health in Arabic, reads why, and opens the organisation (fr)', async () => {
  const { page, problems } = await signedInWithMfa('worker')
  await page.goto(`${server.url}/`)
  await page.getByRole('link', { name: tr('fr', 'nav.partners') }).click()
  await page.getByRole('heading', { level: 1, name: tr('fr', 'partners.search.title') }).waitFor()
  await checkScreen(page, 'partner search, empty (fr)', 'fr')
  const results = await searchNear4000(page, 'fr')
  // The count is announced, with the place as understood.
  await expect
    .poll(() => page.getByTestId('search-count').textContent())
    .toContain('2 services trouvés près de 4000 Liège · province de Liège · Région wallonne.')
  expect(await page.getByTestId('search-count').getAttribute('aria-live')).toBe('polite')
  const first = results.first()
  expect(await first.textContent()).toContain(TILLEULS)
  const why = await first.getByTestId('partner-why').textContent()
  expect(why).toContain('travaille dans le code postal 4000 Liège')
  expect(why).toContain('répond au besoin « Santé mentale »')
  expect(why).toContain('parle arabe')
  expect(await results.nth(1).getByTestId('partner-why').textContent()).toContain('travaille dans toute la province : Liège')
  await checkScreen(page, 'partner search results (fr)', 'fr')
  await shots(page, 'partners-search-fr')

  await first.getByRole('link', { name: TILLEULS }).focus()
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { level: 1, name: TILLEULS }).waitFor()
  await page.getByRole('heading', { level: 2, name: tr('fr', 'partners.contacts.title') }).waitFor()
  expect(await page.getByTestId('partner-services').textContent()).toContain('Consultations psychologiques')
  // A worker reads; only leads and admins edit.
  expect(await page.getByRole('link', { name: tr('fr', 'partners.edit') }).count()).toBe(0)
  await checkScreen(page, 'organisation page (fr)', 'fr')
  await shots(page, 'partner-fr')
  expect(problems).toEqual([])
})

it('in Dutch, a lead finds the service, changes its capacity, and a stale edit is refused on screen', async () => {
  const { page, problems } = await signedInWithMfa('lead')
  await chooseLanguage(page, server.url, 'nl')
  await page.goto(`${server.url}/partners`)
  const results = await searchNear4000(page, 'nl')
  await expect
    .poll(() => page.getByTestId('search-count').textContent())
    .toContain(
      // The municipality as the postcode list names it (in French), the province in Dutch.
      '2 diensten gevonden in de buurt van 4000 Liège · provincie Luik · Waals Gewest.',
    )
  expect(await results.first().getByTestId('partner-why').textContent()).toContain('beantwoordt de nood ‘Geestelijke gezondheid’')
  await checkScreen(page, 'partner search results (nl)', 'nl')
  await shots(page, 'partners-search-nl')

  await results.first().getByRole('link', { name: TILLEULS }).click()
  await page.getByRole('heading', { level: 1, name: TILLEULS }).waitFor()
  await checkScreen(page, 'organisation page (nl)', 'nl')
  await shots(page, 'partner-nl')

  // Capacity: available → full, by keyboard, then saved.
  await page.getByRole('link', { name: tr('nl', 'partners.edit') }).click()
  await page.getByRole('heading', { level: 1, name: `${TILLEULS} wijzigen` }).waitFor()
  await checkScreen(page, 'organisation form (nl)', 'nl')
  const capacity = page.getByTestId('service-0-capacity')
  await capacity.selectOption('full')
  await page.getByTestId('partner-save').press('Enter')
  await page.getByRole('heading', { level: 1, name: TILLEULS }).waitFor()
  await page.getByTestId('partner-services').getByText(tr('nl', 'partners.capacity.full')).first().waitFor()
  const id = page.url().split('/partners/')[1]!
  const saved = (await (await page.request.get(`${server.url}/api/partners/${id}`)).json()) as {
    version: number
    services: { capacity: string }[]
  }
  expect(saved.services[0]?.capacity).toBe('full')

  // A second edit, while someone else saves a change meanwhile: refused, said, nothing overwritten.
  await page.getByRole('link', { name: tr('nl', 'partners.edit') }).click()
  const wait = page.getByTestId('service-0-wait')
  await wait.waitFor()
  const body = saved as unknown as Record<string, unknown>
  const other = await page.request.put(`${server.url}/api/partners/${id}`, {
    data: { ...pick(body), goals: 'Gewijzigd door iemand anders' },
    headers: { 'x-parcours-request': '1', 'if-match': `"${saved.version}"` },
  })
  expect(other.status(), await other.text()).toBe(200)
  await wait.fill('45')
  await page.getByTestId('partner-save').click()
  await page.getByTestId('partner-conflict').getByText(tr('nl', 'partners.form.conflictTitle')).waitFor()
  await checkScreen(page, 'stale edit refused (nl)', 'nl')
  const after = (await (await page.request.get(`${server.url}/api/partners/${id}`)).json()) as {
    goals: string
    services: { waitDays: number | null }[]
  }
  expect(after.goals).toBe('Gewijzigd door iemand anders')
  expect(after.services[0]?.waitDays).toBe(21)
  expect(problems).toEqual([])
})

/** The organisation view as the API takes it back: without what the server computes. */
function pick(view: Record<string, unknown>) {
  const { createdAt: _c, updatedAt: _u, version: _v, services, ...rest } = view
  return {
    ...rest,
    services: (services as Record<string, unknown>[]).map(({ updatedAt: _su, version: _sv, coverage, ...s }) => ({
      ...s,
      coverage: (coverage as { level: string; code: string }[]).map(({ level, code }) => ({ level, code })),
    })),
  }
}

it('a word found in more than 1,000 services says so and asks for more criteria (fr, en)', async () => {
  // 1,001 services holding one word, in Flanders so that no search near Liège above meets them.
  const { page: admin } = await signedInWithMfa('admin')
  for (const [n, count] of [
    [1, 500],
    [2, 500],
    [3, 1],
  ] as const) {
    const created = await admin.request.post(`${server.url}/api/partners`, {
      data: {
        name: `Réseau Quokka ${n}`,
        description: 'Organisation fictive',
        services: Array.from({ length: count }, (_, i) => ({
          name: `Quokka ${n}-${i}`,
          languages: ['nl'],
          coverage: [{ level: 'region', code: 'BE-VLG' }],
        })),
      },
      headers: { 'x-parcours-request': '1' },
    })
    expect(created.status(), await created.text()).toBe(201)
  }
  const { page, problems } = await signedInWithMfa('worker')
  for (const lang of ['fr', 'en'] as const) {
    if (lang !== 'fr') await chooseLanguage(page, server.url, lang)
    await page.goto(`${server.url}/partners`)
    await page.getByRole('heading', { level: 1, name: tr(lang, 'partners.search.title') }).waitFor()
    const words = page.getByTestId('search-words')
    await words.fill('quokka')
    await words.press('Enter')
    await expect.poll(() => page.getByTestId('partner-result').count()).toBe(50)
    const count = await page.getByTestId('search-count').textContent()
    expect(count).toContain(lang === 'fr' ? 'Plus de 1\u202f000 services trouvés' : 'More than 1,000 services found')
    await checkScreen(page, `partner search, more than 1,000 (${lang})`, lang)
    await shots(page, `partners-search-capped-${lang}`)
    // One criterion more, and the count is exact again.
    await page.getByTestId('search-place').fill('Gent')
    await page.getByTestId('search-place').press('Enter')
    await expect
      .poll(() => page.getByTestId('search-count').textContent())
      .toContain(lang === 'fr' ? '1\u202f001 services trouvés' : '1,001 services found')
  }
  expect(problems).toEqual([])
})
