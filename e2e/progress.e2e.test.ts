import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LANGUAGES } from '../common/roles'
import { checkScreen, chooseLanguage, signedInPage } from './i18n-checks'
import { launchBrowser, SCREENSHOTS, SHOT_TIMEOUT, startServer } from './support'

let server: Awaited<ReturnType<typeof startServer>>
let browser: Browser

beforeAll(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const shot = (page: Page, name: string) =>
  page.screenshot({ timeout: SHOT_TIMEOUT, path: path.join(SCREENSHOTS, `progress-${name}.png`), fullPage: true })

it('the overview shows the radar, the lines per domain, plan completion and the network change; the summary for the person leaves out what they should not read', async () => {
  const team = await server.team('Équipe Verviers')
  const worker = await server.user(['worker'], { teamIds: [team] })
  const { page, problems } = await signedInPage(browser, server.url, worker.email)
  const call = async (method: 'post' | 'put', url: string, data: unknown, ifMatch?: string) => {
    const res = await page.request[method](`${server.url}${url}`, {
      data,
      headers: { 'x-parcours-request': '1', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    })
    expect(res.status(), await res.text()).toBeLessThan(300)
    return (await res.json()) as { id: string; goals?: { id: string }[] }
  }
  const person = await call('post', '/api/persons', { firstName: 'Sofiane', lastName: 'Progress', birthYear: 2003 })
  const acc = await call('post', '/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team })
  const base = `/api/accompaniments/${acc.id}`
  const scores = (w: number, p: number) =>
    Object.fromEntries(
      ['schooling', 'employment', 'housing', 'family', 'relationships', 'health', 'leisure', 'identity', 'citizenship', 'violence'].map(
        (d, i) => [d, { worker: Math.min(10, w + (i % 3)), person: Math.min(10, p + (i % 2)), comment: 'Note interne du bilan' }],
      ),
    )
  await call('post', `${base}/assessments`, { instrument: 'progress-review', takenOn: '2026-09-15', answers: scores(3, 4) })
  await call('post', `${base}/assessments`, { instrument: 'progress-review', takenOn: '2026-10-15', answers: scores(5, 6) })
  const plan = await call(
    'put',
    `${base}/plan`,
    {
      goals: [
        {
          domain: 'employment',
          title: 'Reprendre une formation',
          why: 'Raisonnement interne',
          steps: [
            { title: 'Rencontrer le conseiller', who: 'person', status: 'done' },
            { title: 'Visiter le centre', who: 'partner', partner: 'Mission locale', status: 'in_progress', due: '2026-12-15' },
          ],
        },
      ],
      agreement: { status: 'agreed', on: '2026-10-15', words: 'Je veux y arriver.' },
    },
    '"0"',
  )
  await call('post', `${base}/trajectory`, {
    kind: 'future',
    precision: 'year',
    date: '2027',
    title: 'Travailler comme électricien',
    goalIds: [plan.goals![0]!.id],
  })
  const ties = [
    { name: 'Groupe Telegram', kind: 'online_community', relation: 'extremist_milieu', strength: 3, valence: 'harmful' },
    { name: 'Sa grand-mère', kind: 'person', relation: 'family', strength: 3, valence: 'supportive' },
  ]
  const first = (await call('post', `${base}/network`, { takenOn: '2026-09-15', ties })) as unknown as { ties: { id: string }[] }
  await call('post', `${base}/network`, {
    takenOn: '2026-10-15',
    ties: [
      { ...ties[1], id: first.ties[1]!.id },
      { name: 'Club de foot', kind: 'group', relation: 'community', strength: 2, valence: 'supportive' },
    ],
  })

  await page.goto(`${server.url}/accompaniments/${acc.id}`)
  const radar = page.getByTestId('progress-radar')
  // The charts are drawn when they come into view, as for a user scrolling down.
  await radar.waitFor()
  await radar.scrollIntoViewIfNeeded()
  await radar.locator('.recharts-surface').first().waitFor()
  await radar.getByText('Voir les chiffres').click()
  await expect.poll(() => page.getByTestId('radar-table').textContent()).toContain('Logement')
  await expect.poll(() => page.getByTestId('domain-lines').textContent()).toContain('Intervenant·e')
  await expect.poll(() => page.getByTestId('plan-completion').textContent()).toContain('1 étape réalisée sur 2')
  await expect.poll(() => page.getByTestId('network-change').textContent()).toContain('1 lien de soutien gagné depuis le 15 septembre 2026')
  await expect.poll(() => page.getByTestId('network-change').textContent()).toContain('1 lien nocif quitté')
  await shot(page, 'overview')

  await page.getByRole('link', { name: 'Résumé pour la personne' }).click()
  const sheet = page.getByTestId('person-summary')
  await sheet.waitFor()
  const text = (await sheet.textContent()) ?? ''
  expect(text).toContain('Le parcours de Sofiane, en bref')
  expect(text).toContain('Visiter le centre')
  expect(text).toContain('Je veux y arriver.')
  expect(text).toContain('Club de foot')
  expect(text).toContain('Travailler comme électricien')
  for (const hidden of ['Groupe Telegram', 'Note interne', 'Raisonnement interne', 'Progress']) expect(text).not.toContain(hidden)
  await shot(page, 'summary')
  // On paper, the sheet alone.
  await page.emulateMedia({ media: 'print' })
  expect(await page.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false)
  await page.emulateMedia({ media: 'screen' })

  for (const lang of LANGUAGES) {
    await chooseLanguage(page, server.url, lang)
    await page.goto(`${server.url}/accompaniments/${acc.id}`)
    await page.getByTestId('progress-radar').scrollIntoViewIfNeeded()
    await page.getByTestId('progress-radar').locator('.recharts-surface').first().waitFor()
    await checkScreen(page, `progress overview (${lang})`, lang)
    await page.goto(`${server.url}/accompaniments/${acc.id}/summary`)
    await page.getByTestId('person-summary').waitFor()
    await checkScreen(page, `person summary (${lang})`, lang)
  }
  expect(problems).toEqual([])
})
