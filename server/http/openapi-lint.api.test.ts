import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_TYPES_FILE, apiTypes } from '../../scripts/api-types'
import { startTestApp, type TestApp } from '../test/harness'

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../..')
const BIN = path.join(ROOT, 'node_modules/.bin')
/** Both linters run offline: no telemetry, no update check (the CI machine has no internet). */
const OFFLINE = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' }

type Finding = { code: string; severity: number; path: string[]; message: string }

let t: TestApp
let dir: string
let file: string

beforeAll(async () => {
  t = await startTestApp()
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-openapi-'))
  file = path.join(dir, 'openapi.json')
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
  expect(res.statusCode).toBe(200)
  fs.writeFileSync(file, res.body)
})
afterAll(async () => {
  await t.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the OpenAPI document, judged by outside linters', () => {
  it('passes Redocly lint (recommended rules) with no error', async () => {
    const { stdout, stderr } = await run(
      path.join(BIN, 'redocly'),
      ['lint', file, '--config', path.join(ROOT, 'redocly.yaml'), '--format', 'json'],
      {
        cwd: ROOT,
        env: OFFLINE,
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((e: { stdout: string; stderr: string }) => e)
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number }
      problems: { ruleId: string; severity: string; message: string }[]
    }
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`)
    expect(errors, stderr).toEqual([])
    expect(report.totals.errors).toBe(0)
  }, 120_000)

  it('passes Spectral with the OWASP ruleset (.spectral.yaml) with no error', async () => {
    const out = path.join(dir, 'spectral.json')
    await run(
      path.join(BIN, 'spectral'),
      ['lint', file, '--ruleset', path.join(ROOT, '.spectral.yaml'), '--format', 'json', '--output', out, '--quiet'],
      {
        cwd: ROOT,
        env: OFFLINE,
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch(() => undefined) // exits 1 on any error; the findings file says which
    const findings = JSON.parse(fs.readFileSync(out, 'utf8')) as Finding[]
    // The OWASP rules did run: the response-side warnings this file documents are there.
    expect(findings.some((f) => f.code === 'owasp:api4:2023-string-restricted')).toBe(true)
    const errors = findings.filter((f) => f.severity === 0).map((f) => `${f.code} at ${f.path.join('/')}: ${f.message}`)
    expect(errors).toEqual([])
  }, 120_000)
})

describe('the web client types', () => {
  it('web/src/api/openapi.d.ts is what the document generates (else: npm run api:types)', async () => {
    const generated = await apiTypes(JSON.parse(fs.readFileSync(file, 'utf8')))
    expect(fs.readFileSync(API_TYPES_FILE, 'utf8') === generated, 'web/src/api/openapi.d.ts is stale: run npm run api:types').toBe(true)
  }, 60_000)
})

describe('the bounds the document states are the ones the API enforces', () => {
  it('refuses an instant longer than any ISO date-time (fractions of a second without end)', async () => {
    const worker = await t.as(['worker'])
    const long = `2026-12-01T00:00:00.${'1'.repeat(200)}Z`
    const res = await worker.get(`/api/calendar?from=${long}&to=2026-12-07T00:00:00Z`)
    expect(res.statusCode).toBe(400)
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('query.from')
  })

  it('refuses more roles or teams than an account can hold', async () => {
    const admin = await t.as(['admin'])
    const res = await admin.post('/api/users', {
      email: 'many-roles@test.parcours.test',
      displayName: 'Many roles',
      roles: Array.from({ length: 50 }, () => 'worker'),
      teamIds: [],
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('roles')
  })
})
