import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { seedSheets } from '../server/seed/sheets.seed'
import { checkScreen, chooseLanguage, signedInPage } from './i18n-checks'
import { expectNoAxeViolations, fitsItsContainer, launchBrowser, startServer } from './support'

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser

beforeAll(async () => {
  // Demo mode: accounts without a second factor (no demo data is seeded by the harness).
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  // The demo knowledge base (server/seed/sheets.data.ts), written by a lead.
  await server.user(['lead'])
  await seedSheets(server.services)
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const rows = (page: Page) => page.getByTestId('sheets').locator('tbody tr')

it('intake finds a sheet without accents, is told a language is missing, prints it; a lead writes, publishes and revises one', async () => {
  const intake = await server.user(['intake'])
  const { page, problems } = await signedInPage(browser, server.url, intake.email)

  // The list, by keyboard: the search field, words without accents, Enter.
  await page.goto(`${server.url}/sheets`)
  await page.getByRole('heading', { level: 1, name: "Fiches d'information" }).waitFor()
  await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(6)
  await expectNoAxeViolations(page, 'sheets list')
  await page.getByTestId('sheet-search').focus()
  await page.keyboard.type('educateur eleve')
  await page.keyboard.press('Enter')
  await expect.poll(() => rows(page).count()).toBe(1)
  await expect.poll(() => rows(page).first().getAttribute('data-testid')).toBe('sheet-row-pour-les-enseignants')
  await expect.poll(() => page.getByRole('status').first().textContent()).toContain('1 fiche trouvée en Français')
  await expectNoAxeViolations(page, 'sheets search results')

  // In Dutch: the targeted sheet for parents exists in French and English only.
  await page.getByTestId('sheet-language').selectOption('nl')
  await page.getByTestId('sheet-search').fill('')
  await page.getByTestId('sheet-search').press('Enter')
  await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(6)
  await expect
    .poll(() => page.getByTestId('sheet-row-radicalisation-violente').textContent())
    .toContain('Wat is gewelddadige radicalisering?')
  await expect.poll(() => page.getByTestId('sheet-row-pour-les-parents').textContent()).toContain('Pas disponible en Néerlandais')
  await page.getByTestId('sheet-row-pour-les-parents').getByRole('link').click()
  await page.getByTestId('sheet-unavailable').waitFor()
  expect(await page.getByTestId('sheet-unavailable').textContent()).toContain('Français, Anglais')
  expect(await page.getByTestId('sheet-article').count()).toBe(0)
  await expectNoAxeViolations(page, 'sheet missing in Dutch')
  await page.getByRole('navigation', { name: 'Langues de la fiche' }).getByRole('link', { name: 'Français' }).click()
  await page.getByTestId('sheet-body').waitFor()
  expect(await page.getByTestId('sheet-body').locator('h2').first().textContent()).toBe('Ce qui aide')
  expect(await page.getByTestId('sheet-article').getAttribute('lang')).toBe('fr')
  await expectNoAxeViolations(page, 'sheet for parents in French')

  // The printable page: the sheet alone on paper.
  await page.getByRole('link', { name: 'Version imprimable' }).click()
  await page.getByRole('heading', { level: 1, name: 'Pour les parents : vous vous inquiétez pour votre enfant' }).waitFor()
  await expectNoAxeViolations(page, 'printable sheet')
  await page.emulateMedia({ media: 'print' })
  expect(await page.locator('.mantine-AppShell-navbar').isVisible()).toBe(false)
  expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false)
  expect(await page.getByTestId('sheet-article').isVisible()).toBe(true)
  await page.emulateMedia({ media: 'screen' })
  // Intake reads, it does not write.
  expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(0)
  expect(problems).toEqual([])

  // A lead writes a sheet: raw HTML and script links in the Markdown stay text in the preview.
  const lead = await server.user(['lead'])
  const asLead = await signedInPage(browser, server.url, lead.email)
  const lp = asLead.page
  await lp.goto(`${server.url}/sheets/new`)
  await lp.getByRole('heading', { level: 1, name: 'Nouvelle fiche' }).waitFor()
  await lp.getByLabel('Code').fill('pour-les-travailleurs-jeunesse')
  await lp.getByLabel('Type').selectOption('targeted')
  await lp.getByRole('checkbox', { name: 'Travailleurs jeunesse' }).check()
  await lp.getByLabel('Titre').fill('Pour les travailleurs jeunesse')
  await lp
    .getByTestId('sheet-body-input')
    .fill('## Garder le lien\nUn jeune vous inquiète ? <script>window.hacked=1</script> [aide](javascript:alert(1))')
  await expect.poll(() => lp.getByTestId('sheet-preview').locator('h2').textContent()).toBe('Garder le lien')
  expect(await lp.getByTestId('sheet-preview').textContent()).toContain('<script>window.hacked=1</script>')
  expect(await lp.getByTestId('sheet-preview').locator('script, a[href^="javascript"]').count()).toBe(0)
  await expectNoAxeViolations(lp, 'new sheet form with preview')
  await lp.getByRole('button', { name: 'Créer le brouillon' }).click()
  await lp.getByRole('heading', { level: 1, name: 'Modifier la fiche pour-les-travailleurs-jeunesse' }).waitFor()
  await expect.poll(() => lp.getByTestId('sheet-language-state').textContent()).toContain('brouillon : version 1')
  await expectNoAxeViolations(lp, 'sheet editor')
  await lp.getByRole('button', { name: 'Publier le brouillon' }).click()
  await expect.poll(() => lp.getByTestId('sheet-language-state').textContent()).toContain('Version 1 publiée')

  // A change to a published text is a new version; the first stays readable.
  await lp.getByTestId('sheet-body-input').fill('## Garder le lien\nÉcoutez sans juger.')
  await lp.getByRole('button', { name: 'Enregistrer le brouillon' }).click()
  await expect.poll(() => lp.getByTestId('sheet-language-state').textContent()).toContain('brouillon : version 2')
  await lp.getByRole('button', { name: 'Publier le brouillon' }).click()
  await expect.poll(() => lp.getByTestId('sheet-language-state').textContent()).toContain('Version 2 publiée')
  await lp.getByRole('link', { name: 'Retour à la fiche' }).click()
  await lp.getByTestId('sheet-history').waitFor()
  await expect.poll(() => lp.getByTestId('sheet-history').locator('tbody tr').count()).toBe(2)
  expect(await lp.getByTestId('sheet-body').textContent()).toContain('Écoutez sans juger.')
  await expectNoAxeViolations(lp, 'sheet with its history')
  await lp.getByRole('link', { name: 'Lire la version 1' }).click()
  await lp.getByTestId('sheet-old-version').waitFor()
  await expect.poll(() => lp.getByTestId('sheet-body').textContent()).toContain('Un jeune vous inquiète ?')
  expect(await lp.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined()
  await expectNoAxeViolations(lp, 'archived version')
  expect(asLead.problems).toEqual([])

  // In a Dutch interface, the list searches Dutch texts by default and says what is missing in Dutch.
  await chooseLanguage(page, server.url, 'nl')
  await page.goto(`${server.url}/sheets`)
  await page.getByRole('heading', { level: 1, name: 'Informatiefiches' }).waitFor()
  await expect.poll(() => page.getByTestId('sheet-language').inputValue()).toBe('nl')
  await expect.poll(() => page.getByTestId('sheet-row-pour-les-parents').textContent()).toContain('Niet beschikbaar in het Nederlands')
  await checkScreen(page, 'sheets list (nl)', 'nl')
})

it('on a phone, kind and audience go under the title and the list fits the screen (nl)', async () => {
  const intake = await server.user(['intake'])
  const { page, problems } = await signedInPage(browser, server.url, intake.email, { lang: 'nl', width: 390 })
  await page.goto(`${server.url}/sheets`)
  await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(6)
  const list = page.getByTestId('sheets')
  expect(await list.locator('thead th:visible').count()).toBe(2)
  const details = rows(page).first().getByTestId('sheet-row-details')
  expect(await details.isVisible()).toBe(true)
  expect(await details.innerText()).toContain(' · ')
  expect(await fitsItsContainer(list)).toBe(true)
  await checkScreen(page, 'sheets list, phone', 'nl')
  // On a desktop the two columns are back and the line under the title goes.
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.reload()
  await expect.poll(() => rows(page).count()).toBeGreaterThanOrEqual(6)
  expect(await list.locator('thead th:visible').count()).toBe(4)
  expect(await details.isVisible()).toBe(false)
  expect(problems).toEqual([])
  await page.context().close()
})
