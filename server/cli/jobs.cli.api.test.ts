import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { z } from 'zod'
import { defineJob, JobError } from '../jobs/job.definition'
import { enqueue, findJob } from '../jobs/jobs.queue'
import { JobRunner } from '../jobs/jobs.runner'
import { auditRows, startTestApp, type TestApp } from '../test/harness'

let t: TestApp
beforeAll(async () => {
  t = await startTestApp()
})
afterAll(() => t.close())

/** The operator's command line, run for real against the database under test. */
const cli = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'server/cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.databaseUrl,
      PARCOURS_MASTER_KEY: (t.config.masterKey as { base64: string }).base64,
      PARCOURS_DATA_DIR: t.dataDir,
    },
  })

it('lists jobs with their state and last error, and retries a failed one (audited)', async () => {
  const kind = defineJob({
    kind: 'test.cli',
    payload: z.object({ n: z.number() }),
    maxAttempts: 1,
    handler: async () => {
      throw new JobError('mail.refused')
    },
  })
  const id = (await enqueue(t.services.db, kind, { n: 1 })) as string
  const waiting = (await enqueue(t.services.db, kind, { n: 2 }, { runAfter: new Date(Date.now() + 3_600_000) })) as string
  expect(await new JobRunner(t.services, [kind]).runOnce()).toBe(true)

  const listed = cli('jobs', 'list')
  expect(listed.status, listed.stderr).toBe(0)
  expect(listed.stdout).toMatch(new RegExp(`${id}\\s+test\\.cli\\s+failed\\s+1/1 .*last error mail\\.refused`))
  expect(listed.stdout).toMatch(new RegExp(`${waiting}\\s+test\\.cli\\s+queued\\s+0/1 .*due `))

  const retried = cli('jobs', 'retry', id)
  expect(retried.status, retried.stderr).toBe(0)
  expect(await findJob(t.services.db, id)).toMatchObject({ state: 'queued', attempts: 0 })
  const entries = await auditRows(t.services, 'job.retried')
  expect(entries).toHaveLength(1)
  expect(entries[0]).toMatchObject({ subject_type: 'job', subject_id: id, outcome: 'success' })

  // Only a failed job is retried; nothing is recorded for a refusal.
  const again = cli('jobs', 'retry', waiting)
  expect(again.status).toBe(1)
  expect(again.stderr).toContain('is queued')
  expect(await auditRows(t.services, 'job.retried')).toHaveLength(1)
}, 300_000)

it('refuses bad input with a usage message and exit code 2', () => {
  const bad = cli('jobs', 'list', '--state', 'stuck')
  expect(bad.status).toBe(2)
  expect(bad.stderr).toContain('--state is one of queued, running, done, failed')
  expect(cli('jobs', 'retry').status).toBe(2)
}, 300_000)
