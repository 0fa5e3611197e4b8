import { benchDatabase } from './bench-database'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import lighthouse from 'lighthouse'
import desktopConfig from 'lighthouse/core/config/desktop-config.js'
import { buildApp } from '../server/app'
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../server/seed/demo.data'
import { seedDemo } from '../server/seed/demo.seed'
import { createServices } from '../server/services'
import { round } from './load'
import { CHROME_FLAGS, CHROMIUM } from '../e2e/chromium'

/**
 * The web app as a person's browser gets it: the production build served by the real server on
 * demo data, measured by Lighthouse on the login page, My day and a case overview, with the
 * desktop and the mobile presets. "Initial JS" is the sum of the gzip sizes of the scripts the
 * page loaded before Lighthouse saw it go quiet (what a first visit costs, whatever encoding the
 * server chose), so that it compares with the target whatever the server sends.
 */
// BENCH_WEB_ROOT measures another build (say, a copy of main's) without building;
// BENCH_WEB_ONLY=case-overview,mobile keeps the listed pages and presets (all when none is listed), and
// BENCH_WEB_LHR_DIR keeps each run's whole Lighthouse report there (to see where the time goes).
const ONLY = process.env.BENCH_WEB_ONLY?.split(',').filter(Boolean) ?? []
const LHR_DIR = process.env.BENCH_WEB_LHR_DIR
const WEB_ROOT = path.resolve(process.env.BENCH_WEB_ROOT ?? 'dist/web')
const log = (m: string) => process.stderr.write(`${m}\n`)

type Audit = { numericValue?: number; details?: { items?: { url: string; resourceType?: string }[] } }
type Lhr = { categories: Record<string, { score: number | null }>; audits: Record<string, Audit>; runWarnings: string[] }

/** Chromium with a DevTools port of its own choosing, read back from what it prints. */
async function launchChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-lighthouse-'))
  // Its own process group, so that stopping it stops its helpers (GPU, network, crashpad) too.
  const child = spawn(CHROMIUM, [...CHROME_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  })
  const port = await new Promise<number>((resolve, reject) => {
    let text = ''
    const timer = setTimeout(() => reject(new Error('Chromium did not open its DevTools port in 30 s')), 30_000)
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(text)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    })
    child.on('exit', (code) => reject(new Error(`Chromium exited (${code}): ${text.slice(-500)}`)))
  })
  let stopping: Promise<void> | undefined
  return {
    port,
    // Idempotent: called after the runs, and again in `finally` when a run failed.
    stop: () => (stopping ??= stop()),
  }
  async function stop(): Promise<void> {
    // The whole group is stopped, then the profile removed; a helper that outlived the group
    // may still write a cache file, so removal is retried and a leftover only reported.
    const exited = child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve()
    try {
      process.kill(-(child.pid as number), 'SIGTERM')
    } catch {
      child.kill('SIGTERM')
    }
    await exited
    for (let attempt = 1; ; attempt++) {
      try {
        fs.rmSync(profile, { recursive: true, force: true })
        return
      } catch (err) {
        if (attempt === 10) {
          log(`[web] could not remove ${profile}: ${(err as Error).message}`)
          return
        }
        await new Promise((r) => setTimeout(r, 200 * attempt))
      }
    }
  }
}

/** gzip size of a built file, by its URL path (the same level as the precompressed .gz files). */
function gzipSize(url: string): number {
  const file = path.join(WEB_ROOT, new URL(url).pathname)
  if (!file.startsWith(WEB_ROOT + path.sep) || !fs.existsSync(file)) return 0
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length
}

export async function benchWeb(pgUrl: string) {
  if (!process.env.BENCH_WEB_ROOT) {
    log('[web] building the web app…')
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
    if (build.status !== 0) throw new Error('vite build failed')
  }
  const { config, drop } = await benchDatabase('sqlite', pgUrl, 'web')
  const { services, close } = await createServices(config)
  const chromium = await launchChromium()
  try {
    log('[web] seeding demo data…')
    await seedDemo(services)
    const app = await buildApp(services, { webRoot: WEB_ROOT })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'x-parcours-request': '1' },
      payload: { email: `intervenant@${DEMO_DOMAIN}`, password: DEMO_PASSWORD },
    })
    if (login.statusCode !== 200) throw new Error(`demo sign-in failed: ${login.statusCode}`)
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string
    const cases = await app.inject({ method: 'GET', url: '/api/accompaniments', headers: { cookie } })
    const caseId = (cases.json() as { items: { id: string }[] }).items[0]?.id
    if (!caseId) throw new Error('the demo worker has no case')

    const pages = [
      { name: 'login', path: '/login', signedIn: false },
      { name: 'my-day', path: '/my-day', signedIn: true },
      { name: 'case-overview', path: `/accompaniments/${caseId}`, signedIn: true },
    ]
    const results = []
    for (const preset of ['desktop', 'mobile'] as const) {
      for (const page of pages) {
        const listed = (names: string[], name: string) => !ONLY.some((o) => names.includes(o)) || ONLY.includes(name)
        if (
          !listed(
            pages.map((p) => p.name),
            page.name,
          ) ||
          !listed(['desktop', 'mobile'], preset)
        )
          continue
        log(`[web] lighthouse ${preset} ${page.name}…`)
        const loadBefore = os.loadavg()[0] as number
        const run = await lighthouse(
          `${base}${page.path}`,
          {
            port: chromium.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility'],
            // The session rides on every request of the run (Lighthouse clears the origin's storage).
            extraHeaders: page.signedIn ? { Cookie: cookie } : undefined,
          },
          preset === 'desktop' ? desktopConfig : undefined,
        )
        const lhr = run?.lhr as unknown as Lhr | undefined
        if (!lhr) throw new Error(`lighthouse gave no result for ${page.name}`)
        if (LHR_DIR) fs.writeFileSync(path.join(LHR_DIR, `${preset}-${page.name}.json`), JSON.stringify(lhr))
        const scripts = (lhr.audits['network-requests']?.details?.items ?? []).filter((r) => r.resourceType === 'Script')
        const score = (c: string) => (lhr.categories[c]?.score == null ? null : Math.round((lhr.categories[c]?.score as number) * 100))
        const result = {
          page: page.name,
          preset,
          performance: score('performance'),
          accessibility: score('accessibility'),
          lcpMs: round(lhr.audits['largest-contentful-paint']?.numericValue ?? NaN, 0),
          tbtMs: round(lhr.audits['total-blocking-time']?.numericValue ?? NaN, 0),
          initialJsGzipKB: round(scripts.reduce((n, s) => n + gzipSize(s.url), 0) / 1024, 1),
          scripts: scripts.length,
          load1m: round(loadBefore, 2),
          warnings: lhr.runWarnings.length ? lhr.runWarnings : undefined,
        }
        log(`[web]   ${JSON.stringify(result)}`)
        results.push(result)
      }
    }
    // Chromium first: its keep-alive connections would otherwise hold app.close() open.
    await chromium.stop()
    await app.close()
    return {
      targets: 'initial JS <= 200 KB gzip on login and my-day; performance >= 90 desktop, >= 75 mobile; accessibility 100',
      loadAverage: os.loadavg().map((l) => round(l, 2)),
      cpus: os.cpus().length,
      results,
    }
  } finally {
    await chromium.stop()
    await close()
    await drop()
  }
}
