import fs from 'node:fs'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../server/seed/demo.data'
import { seedDemo } from '../server/seed/demo.seed'
import { LANGUAGE_STORAGE_KEY } from './i18n-checks'
import { expectNoAxeViolations, fullShot, launchBrowser, SCREENSHOTS, startServer } from './support'

/**
 * Issue 12, "charts and pictures that hold": the case overview's charts on a 390 px phone, at
 * 320 px, and at 200 % zoom of a 1280 px screen (640 CSS pixels), in French and Dutch, on the demo
 * case with two years of reviews. Checked by bounding boxes, not by eye: no horizontal scrolling,
 * no chart label outside its drawing or over another label, and on narrow screens the radar's
 * review as a pair of bars per domain whose full names are shown.
 */
let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser
let caseId: string

beforeAll(async () => {
  server = await startServer({ demo: true })
  await seedDemo(server.services)
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const context = await browser.newContext()
  await signIn(context)
  const cases = (await (await context.request.get(`${server.url}/api/accompaniments`)).json()) as { items: { id: string }[] }
  for (const c of cases.items) {
    const progress = (await (await context.request.get(`${server.url}/api/accompaniments/${c.id}/progress`)).json()) as {
      reviews: unknown[]
      network: { series: unknown[] }
    }
    if (progress.reviews.length >= 2 && progress.network.series.length >= 2) caseId = c.id
  }
  await context.close()
  expect(caseId, 'a demo case with reviews and network snapshots').toBeTruthy()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function signIn(context: BrowserContext, local = 'intervenant') {
  const res = await context.request.post(`${server.url}/api/auth/login`, {
    headers: { 'x-parcours-request': '1' },
    data: { email: `${local}@${DEMO_DOMAIN}`, password: DEMO_PASSWORD },
  })
  expect(res.status()).toBe(200)
}

/** Every label drawn in a chart, with the drawing it belongs to. */
function chartLabels(page: Page) {
  return page.evaluate(() => {
    const out: { chart: number; text: string; box: [number, number, number, number]; frame: [number, number, number, number] }[] = []
    const rect = (r: DOMRect): [number, number, number, number] => [r.left, r.top, r.right, r.bottom]
    document.querySelectorAll('main svg').forEach((svg, chart) => {
      const frame = svg.getBoundingClientRect()
      if (frame.width < 100) return
      svg.querySelectorAll('text').forEach((t) => {
        const box = t.getBoundingClientRect()
        if (box.width > 0 && (t.textContent ?? '').trim())
          out.push({ chart, text: t.textContent ?? '', box: rect(box), frame: rect(frame) })
      })
    })
    return out
  })
}

const overlaps = (a: number[], b: number[]) => a[0]! < b[2]! - 1 && b[0]! < a[2]! - 1 && a[1]! < b[3]! - 1 && b[1]! < a[3]! - 1

/** Labels drawn outside their chart, and pairs of labels drawn over each other. */
async function misplacedLabels(page: Page) {
  const labels = await chartLabels(page)
  const outside = labels.filter(
    (l) => l.box[0] < l.frame[0] - 1 || l.box[2] > l.frame[2] + 1 || l.box[1] < l.frame[1] - 1 || l.box[3] > l.frame[3] + 1,
  )
  const crowded = labels.flatMap((a, i) =>
    labels
      .slice(i + 1)
      .filter((b) => b.chart === a.chart && overlaps(a.box, b.box))
      .map((b) => `${a.text} / ${b.text}`),
  )
  return { outside: outside.map((l) => l.text), crowded }
}

async function showAllCharts(page: Page) {
  // The charts are drawn once in view: bring each card into view in turn.
  for (const id of ['progress-radar', 'progress-lines', 'progress-plan', 'progress-network']) {
    // Scrolled by the page itself: Playwright's scrollIntoViewIfNeeded first waits for the card
    // to stop moving, and at 1280 px under load the cards above it kept growing as their charts
    // drew (CI: 30 s "waiting for element to be stable"). The checks come after, once every chart
    // has been in view and the network is idle.
    await page.getByTestId(id).evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await page.waitForTimeout(300)
  }
  await page.waitForLoadState('networkidle')
}

for (const language of ['fr', 'nl'] as const) {
  for (const width of [390, 320, 640, 1280]) {
    it(`${language}, ${width} px: no horizontal scroll, no clipped or overlapping chart label`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-US', reducedMotion: 'reduce' })
      await context.addInitScript(([key, l]) => localStorage.setItem(key as string, l as string), [LANGUAGE_STORAGE_KEY, language])
      await signIn(context)
      const page = await context.newPage()
      await page.goto(`${server.url}/accompaniments/${caseId}`)
      await page.getByTestId('progress-radar').waitFor()
      await showAllCharts(page)
      await fullShot(page, path.join(SCREENSHOTS, `charts-${language}-${width}.png`))

      const scroll = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }))
      expect(scroll.scroll, 'horizontal scrolling').toBeLessThanOrEqual(scroll.client)

      expect(await misplacedLabels(page)).toEqual({ outside: [], crowded: [] })

      if (width < 520) {
        // The radar turns into bars: ten domains, each with its whole name on screen.
        const bars = page.getByTestId('radar-bars').locator('li')
        expect(await bars.count()).toBeGreaterThanOrEqual(3)
        const area = (await page.getByTestId('radar-area').boundingBox())!
        for (const box of await bars.evaluateAll((items) => items.map((li) => li.getBoundingClientRect().toJSON() as DOMRect))) {
          expect(box.right).toBeLessThanOrEqual(area.x + area.width + 1)
        }
        const names = await bars
          .locator('p')
          .evaluateAll((ps) => ps.map((p) => ({ text: p.textContent, cut: p.scrollWidth > p.clientWidth + 1 })))
        expect(names.filter((n) => n.cut)).toEqual([])
      } else {
        // The radar is drawn once its place is measured and in view; under load the measure can come
        // after showAllCharts scrolled past it, so come back to it as a reader would.
        await page.getByTestId('radar-area').scrollIntoViewIfNeeded()
        await page.getByTestId('radar-area').locator('svg').first().waitFor()
      }
      await expectNoAxeViolations(page, `case overview charts, ${language}, ${width} px`)
      await context.close()
    })
  }
}

/**
 * The indicators as the demo's Wallonie lead reads last year: cases opened by kind and framework,
 * where the relatives' and the professionals' voluntary counts are hidden and their judicial ones
 * are a true zero. The chart tells the two apart, and the long Dutch kind
 * ("Eerstelijnsprofessional") breaks where its word allows, in the table and on the chart's axis.
 */
for (const language of ['fr', 'nl'] as const) {
  for (const width of [390, 1280]) {
    it(`indicators, ${language}, ${width} px: a hidden count drawn as "< 10", labels whole and in their chart`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-US', reducedMotion: 'reduce' })
      await context.addInitScript(([key, l]) => localStorage.setItem(key as string, l as string), [LANGUAGE_STORAGE_KEY, language])
      await signIn(context, 'responsable.wallonie')
      const page = await context.newPage()
      const year = new Date().getFullYear() - 1
      await page.goto(`${server.url}/indicators?from=${year}-01-01&to=${year}-12-31`)
      const opened = page.getByTestId('indicators-opened')
      await opened.locator('svg.recharts-surface').waitFor()
      await page.waitForLoadState('networkidle')
      await fullShot(page, path.join(SCREENSHOTS, `indicators-charts-${language}-${width}.png`))

      // The hidden counts read "< 10"; the true zeros have neither bar nor label.
      const values = (await opened.locator('.recharts-label-list text').allTextContents()).filter((v) => v.trim())
      expect(values.sort()).toEqual(['12', '29', '< 10', '< 10'])
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(scroll, 'horizontal scrolling').toBeLessThanOrEqual(0)
      expect(await misplacedLabels(page)).toEqual({ outside: [], crowded: [] })

      if (language === 'nl') {
        const ticks = await opened
          .locator('.recharts-cartesian-axis-tick-label text')
          .evaluateAll((ts) => ts.map((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent)))
        expect(ticks).toContainEqual(['Eerstelijns-', 'professional'])
        // In the table, each part of the word whole on its line.
        const lines = await opened.getByRole('rowheader', { name: /^Eerstelijns/ }).evaluate((th) => {
          const text = th.firstChild as Text
          const at = text.data.indexOf('\u00ad')
          // The lines a part's letters stand on, each letter measured alone (by its bottom: the first
          // letter after a break spans both lines in Chromium's measure).
          const count = (from: number, to: number) => {
            const bottoms = new Set<number>()
            for (let i = from; i < to; i++) {
              const range = document.createRange()
              range.setStart(text, i)
              range.setEnd(text, i + 1)
              bottoms.add(Math.round(range.getBoundingClientRect().bottom))
            }
            return bottoms.size
          }
          return at < 0 ? [count(0, text.length)] : [count(0, at), count(at + 1, text.length)]
        })
        expect(lines).toEqual([1, 1])
      }
      await expectNoAxeViolations(page, `indicators charts, ${language}, ${width} px`)
      await context.close()
    })
  }
}
