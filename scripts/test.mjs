#!/usr/bin/env node
// Runs every test suite this machine can run. Without CI=true a missing service (PostgreSQL,
// Chromium) skips its suite with a reason; with CI=true it is a failure, never a skip.
// Ends with one line: `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import pg from 'pg'

const ci = process.env.CI === 'true' || process.env.CI === '1'
const pgUrl = process.env.PARCOURS_TEST_PG_URL ?? 'postgres://parcours:parcours@127.0.0.1:5432/postgres'
const chromium = process.env.PARCOURS_CHROMIUM ?? '/usr/bin/chromium'
const only = process.argv.slice(2)

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('select 1')
    return null
  } catch (e) {
    return `PostgreSQL not reachable at ${new URL(pgUrl).host} (${e.code ?? e.message})`
  } finally {
    await client.end().catch(() => {})
  }
}

const projects = ['unit', 'api-sqlite', 'api-postgres', 'e2e'].filter((p) => only.length === 0 || only.includes(p))
const skipped = []
const missing = []
if (projects.includes('api-postgres')) {
  const why = await postgresReachable()
  if (why) (ci ? missing : skipped).push(['api-postgres', why])
}
if (projects.includes('e2e') && !fs.existsSync(chromium)) {
  ;(ci ? missing : skipped).push(['e2e', `Chromium not found at ${chromium} (apt-get install chromium)`])
}
for (const [suite, why] of missing) console.error(`FAIL suite ${suite}: ${why} (CI=true: a missing service is a failure)`)
const run = projects.filter((p) => !skipped.some(([s]) => s === p) && !missing.some(([s]) => s === p))

if (run.includes('e2e')) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' })
  if (build.status !== 0) {
    console.error('web build failed')
    process.exit(1)
  }
}

fs.mkdirSync('.test-results', { recursive: true })
const report = '.test-results/vitest.json'
fs.rmSync(report, { force: true })
const args = [
  'vitest',
  'run',
  ...run.flatMap((p) => ['--project', p]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]
const result = run.length ? spawnSync('npx', args, { stdio: 'inherit', env: process.env }) : { status: 0 }

let passed = 0
let failed = missing.length
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'))
  passed = r.numPassedTests
  failed += r.numFailedTests + (r.numRuntimeErrorTests ?? 0)
  // A suite file that failed to load counts as a failure even when it ran no test. So does a
  // suite whose tests all passed but which vitest failed as a whole (with CI=true it refuses
  // obsolete snapshots): the closing line must not say "0 failed" under a failing run.
  failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')).length
} else if (run.length) {
  failed += 1
}
for (const [suite, why] of skipped) console.log(`skipped suite ${suite}: ${why}`)
const code = result.status !== 0 || failed > 0 || (run.length > 0 && passed === 0) ? 1 : 0
console.log(`${passed} passed, ${failed} failed`)
process.exit(code)
