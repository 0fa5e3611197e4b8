import { execFileSync, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { demoLogin, REPO, startServer } from '../server/test/server-process'

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-prod-'))
afterAll(() => fs.rmSync(work, { recursive: true, force: true }), 120_000)

/**
 * What an operator deploys: the built tree without the sources, the production dependencies only
 * (`npm ci --omit=dev`, from the npm registry), started with `npm start`. Takes a few minutes:
 * the install compiles better-sqlite3 when no prebuilt binary can be fetched.
 */
it('builds, installs without dev dependencies, starts with npm start and serves the demo', async () => {
  const app = path.join(work, 'app')
  // Built into the copy, not into the repository's dist/, which other suites may be serving: the
  // repository's compressed files and bundle report are left as they were (scripts/test.mjs builds
  // them before the suites start).
  const served = [
    path.join(REPO, 'dist/web-bundle.json'),
    ...fs
      .readdirSync(path.join(REPO, 'dist/web/assets'))
      .filter((f) => f.endsWith('.br'))
      .map((f) => path.join(REPO, 'dist/web/assets', f)),
  ]
  const before = served.map((f) => fs.statSync(f).mtimeMs)
  expect(served.length).toBeGreaterThan(1)
  execFileSync(process.execPath, ['scripts/build.mjs', '--out', path.join(app, 'dist')], { cwd: REPO, stdio: 'pipe' })
  expect(served.map((f) => fs.statSync(f).mtimeMs)).toEqual(before)
  expect(fs.existsSync(path.join(app, 'dist/web-bundle.json'))).toBe(true)
  fs.mkdirSync(path.join(app, 'scripts'), { recursive: true })
  for (const f of ['package.json', 'package-lock.json', 'scripts/build.mjs', 'scripts/parcours.mjs']) {
    fs.copyFileSync(path.join(REPO, f), path.join(app, f))
  }

  const install = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], {
    cwd: app,
    encoding: 'utf8',
    env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr', NODE_ENV: 'production' },
    timeout: 1_200_000,
  })
  expect(install.status, `${install.error?.message ?? ''} ${install.signal ?? ''}\n${install.stderr}`).toBe(0)
  // No build or development tool came with it.
  for (const dev of ['tsx', 'vite', 'esbuild', 'vitest', 'typescript', 'react']) {
    expect(fs.existsSync(path.join(app, 'node_modules', dev)), dev).toBe(false)
  }
  const size = execFileSync('du', ['-sm', path.join(app, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]
  console.log(
    `production install: ${size} MiB in node_modules; dist ${execFileSync('du', ['-sm', path.join(app, 'dist')], { encoding: 'utf8' }).split('\t')[0]} MiB`,
  )

  const dataDir = path.join(work, 'data')
  const key = crypto.randomBytes(32).toString('base64')
  const started = Date.now()
  const server = await startServer({
    dataDir,
    command: 'npm',
    entry: ['start'],
    cwd: app,
    env: { PARCOURS_MASTER_KEY: key, npm_config_update_notifier: 'false' },
  })
  try {
    console.log(`npm start on the production install: listening after ${Date.now() - started} ms (first start, demo data seeded)`)
    // The demo logins are printed after the URL line the start waits for: on a loaded machine, a moment later.
    await expect.poll(() => server.stdout(), { timeout: 30_000 }).toContain('admin@demo.parcours.test')
    // The start-up line follows the listening socket (the jobs start in between): wait for it.
    await expect.poll(() => server.stdout(), { timeout: 30_000 }).toMatch(/"event":"started","version":"[\d.]+"/)
    const health = await fetch(`${server.url}/api/health`)
    expect(health.status).toBe(200)
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200)
    // The web app is served from dist/web.
    const page = await fetch(`${server.url}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
    const cookie = await demoLogin(server.url, 'responsable@demo.parcours.test')
    expect((await fetch(`${server.url}/api/accompaniments`, { headers: { cookie } })).status).toBe(200)
  } finally {
    process.kill(-server.child.pid!, 'SIGTERM')
    await server.exited
  }
  // The operator's command line runs from the built tree.
  const cli = spawnSync('npm', ['run', '--silent', 'parcours', '--', 'audit', 'verify'], {
    cwd: app,
    encoding: 'utf8',
    env: { ...process.env, PARCOURS_DATA_DIR: dataDir, PARCOURS_MASTER_KEY: key, NODE_ENV: 'development' },
  })
  expect(cli.status, cli.stderr).toBe(0)
  expect(cli.stdout).toContain('audit chain intact')
}, 1_800_000)
