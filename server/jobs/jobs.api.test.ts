import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { startCluster } from '../test/cluster'
import { auditRows, json } from '../test/harness'
import { defineJob, JobError } from './job.definition'
import { enqueue, findJob, retryJob } from './jobs.queue'
import { JobRunner, LeaseLost } from './jobs.runner'

let cluster: Awaited<ReturnType<typeof startCluster>>
const runners: JobRunner[] = []
beforeAll(async () => {
  cluster = await startCluster(3)
})
afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(runners.splice(0).map((r) => r.stop(1000)))
})
afterAll(() => cluster.close())

const db = () => cluster.first.services.db
const Ids = z.object({ n: z.number().int() })
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const deferred = () => {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}
async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 400; i++) {
    if (await check()) return
    await sleep(25)
  }
  throw new Error(`never: ${what}`)
}

it('runs each job once with three runners, one per instance, competing for them', async () => {
  const runs = new Map<number, string[]>()
  const kind = defineJob({
    kind: 'test.count',
    payload: Ids,
    handler: async (job) => {
      runs.set(job.payload.n, [...(runs.get(job.payload.n) ?? []), job.id])
      await sleep(5)
    },
  })
  const ids: string[] = []
  await db()
    .transaction()
    .execute(async (trx) => {
      for (let n = 0; n < 30; n++) ids.push((await enqueue(trx, kind, { n })) as string)
    })
  for (const instance of cluster.instances) runners.push(new JobRunner(instance.services, [kind], { pollMs: 10, concurrency: 3 }).start())
  await until(
    async () => (await db().selectFrom('jobs').select('id').where('state', '=', 'done').where('id', 'in', ids).execute()).length === 30,
    'all done',
  )
  expect([...runs.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, n) => n))
  expect([...runs.values()].filter((r) => r.length !== 1)).toEqual([])
  const rows = await db().selectFrom('jobs').selectAll().where('id', 'in', ids).execute()
  expect(rows.every((r) => Number(r.attempts) === 1 && r.lease_token === null && r.finished_at !== null)).toBe(true)
})

it('queues in the caller transaction: ids only, one waiting job per dedupe key, nothing when the transaction rolls back', async () => {
  const kind = defineJob({ kind: 'test.dedupe', payload: z.object({ personId: z.string() }), handler: async () => {} })
  await expect(enqueue(db(), kind, { personId: 'Jean Dupont' })).rejects.toThrow(/free text/)
  await expect(enqueue(db(), kind, { personId: 'jean@example.org' })).rejects.toThrow(/free text/)
  const first = await enqueue(db(), kind, { personId: 'p1' }, { dedupeKey: 'export:p1' })
  expect(first).toEqual(expect.any(String))
  expect(await enqueue(db(), kind, { personId: 'p1' }, { dedupeKey: 'export:p1' })).toBeNull()
  await db()
    .transaction()
    .execute(async (trx) => {
      await enqueue(trx, kind, { personId: 'p2' }, { dedupeKey: 'export:p2' })
      throw new Error('rolled back')
    })
    .catch(() => undefined)
  expect(await db().selectFrom('jobs').select('id').where('dedupe_key', '=', 'export:p2').execute()).toEqual([])
  // Done, the key is free again.
  await new JobRunner(cluster.first.services, [kind]).runOnce()
  expect((await findJob(db(), first as string))?.state).toBe('done')
  expect(await enqueue(db(), kind, { personId: 'p1' }, { dedupeKey: 'export:p1' })).toEqual(expect.any(String))
})

it('retries a failing job with doubling backoff, stores no message, lands in failed; the operator retry runs it again', async () => {
  let fail = true
  const kind = defineJob({
    kind: 'test.flaky',
    payload: Ids,
    maxAttempts: 3,
    backoffMs: 200,
    handler: async () => {
      // A message that quotes a person, as a careless library might.
      if (fail) throw new Error('could not send to Jean Dupont <jean@example.org>')
    },
  })
  const id = (await enqueue(db(), kind, { n: 1 })) as string
  const runner = new JobRunner(cluster.instances[1]!.services, [kind])
  const t0 = Date.now() + 1000
  vi.useFakeTimers({ toFake: ['Date'], now: t0 })
  expect(await runner.runOnce()).toBe(true)
  let job = await findJob(db(), id)
  expect(job).toMatchObject({ state: 'queued', attempts: 1, lastError: 'error.Error', runAfter: new Date(t0 + 200).toISOString() })
  vi.setSystemTime(t0 + 199)
  expect(await runner.runOnce()).toBe(false)
  vi.setSystemTime(t0 + 200)
  expect(await runner.runOnce()).toBe(true)
  job = await findJob(db(), id)
  expect(job).toMatchObject({ state: 'queued', attempts: 2, runAfter: new Date(t0 + 200 + 400).toISOString() })
  vi.setSystemTime(t0 + 600)
  expect(await runner.runOnce()).toBe(true)
  job = await findJob(db(), id)
  expect(job).toMatchObject({ state: 'failed', attempts: 3, lastError: 'error.Error', finishedAt: new Date(t0 + 600).toISOString() })
  const stored = await db().selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  expect(JSON.stringify(stored)).not.toMatch(/Dupont|example\.org/)
  vi.setSystemTime(t0 + 100_000)
  expect(await runner.runOnce()).toBe(false)
  // The operator's retry: a fresh set of attempts, due now.
  expect(await retryJob(db(), id)).toBe('queued')
  expect(await retryJob(db(), id)).toBe('not_failed')
  fail = false
  expect(await runner.runOnce()).toBe(true)
  expect(await findJob(db(), id)).toMatchObject({ state: 'done', attempts: 1 })
})

it('does not retry a failed job while another of its dedupe key waits: the operator is told, nothing breaks', async () => {
  const kind = defineJob({
    kind: 'test.held',
    payload: Ids,
    maxAttempts: 1,
    handler: async () => {
      throw new Error('down')
    },
  })
  const failed = (await enqueue(db(), kind, { n: 1 }, { dedupeKey: 'held:1' })) as string
  await new JobRunner(cluster.first.services, [kind]).runOnce()
  expect(await findJob(db(), failed)).toMatchObject({ state: 'failed' })
  // The same work was asked for again since: its job waits, and holds the key.
  const waiting = await enqueue(db(), kind, { n: 1 }, { dedupeKey: 'held:1' })
  expect(waiting).toEqual(expect.any(String))
  expect(await retryJob(db(), failed)).toBe('held')
  expect(await findJob(db(), failed)).toMatchObject({ state: 'failed' })
  expect(await findJob(db(), waiting as string)).toMatchObject({ state: 'queued' })
})

it('a job names its failure with a code', async () => {
  const kind = defineJob({
    kind: 'test.coded',
    payload: Ids,
    maxAttempts: 1,
    handler: async () => {
      throw new JobError('mail.refused')
    },
  })
  const id = (await enqueue(db(), kind, { n: 1 })) as string
  await new JobRunner(cluster.first.services, [kind]).runOnce()
  expect(await findJob(db(), id)).toMatchObject({ state: 'failed', lastError: 'mail.refused' })
})

it('takes over a job whose lease ran out; the stalled runner can neither write, report nor finish it', async () => {
  const release = deferred()
  const started = deferred()
  const outcomes: string[] = []
  let runsSeen = 0
  const kind = defineJob({
    kind: 'test.stall',
    payload: Ids,
    handler: async (job) => {
      runsSeen++
      if (job.attempt === 1) {
        started.resolve()
        await release.promise
        // Back from a stall: the job was taken over meanwhile.
        for (const step of [() => job.progress(1, 2), () => job.write('person.updated', async () => 'written')]) {
          outcomes.push(
            await step().then(
              () => 'done',
              (e: unknown) => (e instanceof LeaseLost ? 'refused' : 'other'),
            ),
          )
        }
        return
      }
      await job.progress(2, 2)
    },
  })
  const id = (await enqueue(db(), kind, { n: 1 })) as string
  const t0 = Date.now()
  vi.useFakeTimers({ toFake: ['Date'], now: t0 })
  const stalled = new JobRunner(cluster.instances[0]!.services, [kind], { leaseMs: 60_000 })
  const first = stalled.runOnce()
  await started.promise
  const other = new JobRunner(cluster.instances[2]!.services, [kind], { leaseMs: 60_000 })
  // Lease still held: nothing to take.
  vi.setSystemTime(t0 + 59_000)
  expect(await other.runOnce()).toBe(false)
  vi.setSystemTime(t0 + 61_000)
  expect(await other.runOnce()).toBe(true)
  expect(await findJob(db(), id)).toMatchObject({ state: 'done', attempts: 2, progress: { done: 2, total: 2 } })
  release.resolve()
  await first
  expect(outcomes).toEqual(['refused', 'refused'])
  expect(runsSeen).toBe(2)
  // The stalled runner's ending did not overwrite the takeover's.
  expect(await findJob(db(), id)).toMatchObject({ state: 'done', attempts: 2, progress: { done: 2, total: 2 } })
  expect((await auditRows(cluster.first.services)).filter((r) => r.request_id === `job:${id}`)).toEqual([])
})

it('keeps its lease while it works: a competing runner does not take a long job', async () => {
  const release = deferred()
  let runs = 0
  const kind = defineJob({
    kind: 'test.long',
    payload: Ids,
    handler: async () => {
      runs++
      await release.promise
    },
  })
  const id = (await enqueue(db(), kind, { n: 1 })) as string
  const a = new JobRunner(cluster.instances[0]!.services, [kind], { leaseMs: 1500 })
  const running = a.runOnce()
  await until(async () => runs === 1, 'claimed')
  const b = new JobRunner(cluster.instances[1]!.services, [kind], { leaseMs: 1500, pollMs: 50 }).start()
  runners.push(b)
  // Three lease lengths pass; the renewals keep the job with its first runner.
  await sleep(4500)
  release.resolve()
  await running
  expect(runs).toBe(1)
  expect(await findJob(db(), id)).toMatchObject({ state: 'done', attempts: 1 })
})

describe('a job touching personal data', () => {
  it('reads it through its system context: audited with the job as request, the person recorded; no key outside', async () => {
    const worker = await cluster.first.as(['worker'], { teamIds: [await cluster.first.team()] })
    const created = await worker.post('/api/persons', { firstName: 'Ilyas', lastName: 'Jobtest' })
    expect(created.statusCode, created.body).toBe(201)
    const person = json(created)
    const opened: string[] = []
    const kind = defineJob({
      kind: 'test.person_export',
      payload: z.object({ personId: z.uuid() }),
      handler: async (job) => {
        await expect(job.codec.personKey(db(), job.payload.personId)).rejects.toThrow(/outside/)
        await job.progress(0, 1)
        await job.read('person.viewed', async (trx, audit) => {
          audit.subject('person', job.payload.personId)
          const row = await trx.selectFrom('persons').selectAll().where('id', '=', job.payload.personId).executeTakeFirstOrThrow()
          const key = await job.codec.personKey(trx, row.id)
          opened.push(job.codec.openRow('persons', key, row.id, row).first_name)
        })
        await job.progress(1, 1)
      },
    })
    const id = (await enqueue(db(), kind, { personId: person.id })) as string
    expect(await new JobRunner(cluster.instances[1]!.services, [kind]).runOnce()).toBe(true)
    expect(opened).toEqual(['Ilyas'])
    expect(await findJob(db(), id)).toMatchObject({ state: 'done', progress: { done: 1, total: 1 } })
    const entries = (await auditRows(cluster.first.services, 'person.viewed')).filter((r) => r.request_id === `job:${id}`)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actor_id: null, person_id: person.id })
    const persons = await db().selectFrom('audit_persons').select('person_id').where('seq', '=', entries[0]!.seq).execute()
    expect(persons.map((p) => p.person_id)).toEqual([person.id])
  })
})

it('reports progress while it runs', async () => {
  const steps = [deferred(), deferred(), deferred()]
  const reached = [deferred(), deferred(), deferred()]
  const kind = defineJob({
    kind: 'test.progress',
    payload: Ids,
    handler: async (job) => {
      for (let i = 0; i < 3; i++) {
        await job.progress(i + 1, 3)
        reached[i]!.resolve()
        await steps[i]!.promise
      }
    },
  })
  const id = (await enqueue(db(), kind, { n: 3 })) as string
  const done = new JobRunner(cluster.instances[2]!.services, [kind]).runOnce()
  for (let i = 0; i < 3; i++) {
    await reached[i]!.promise
    // Read through another instance's connection: progress is in the database, not in memory.
    expect(await findJob(cluster.instances[1]!.services.db, id)).toMatchObject({ state: 'running', progress: { done: i + 1, total: 3 } })
    steps[i]!.resolve()
  }
  await done
  expect(await findJob(db(), id)).toMatchObject({ state: 'done', progress: { done: 3, total: 3 } })
})

/** A kind marked alone whose jobs hold their slot until released, counting how many run at once. */
function aloneJob(kind: string) {
  const release = deferred()
  const gauge = { now: 0, most: 0 }
  const heavy = defineJob({
    kind,
    payload: Ids,
    alone: true,
    handler: async () => {
      gauge.now += 1
      gauge.most = Math.max(gauge.most, gauge.now)
      await release.promise
      gauge.now -= 1
    },
  })
  return { heavy, release, gauge }
}

it('keeps a kind marked alone alone when claims overlap: runOnce twice at once runs one, and the polling loop beside it none', async () => {
  const { heavy, release, gauge } = aloneJob('test.alone-once')
  await Promise.all([1, 2, 3].map((n) => enqueue(db(), heavy, { n })))
  const runner = new JobRunner(cluster.first.services, [heavy], { pollMs: 10, concurrency: 3 })
  const first = runner.runOnce()
  const second = runner.runOnce()
  // The second claim waits for the first, then finds the kind busy here: nothing due for it.
  expect(await second).toBe(false)
  runners.push(runner.start())
  await sleep(150)
  expect(gauge.now).toBe(1)
  expect(runner.busy).toBe(1)
  release.resolve()
  expect(await first).toBe(true)
  await until(
    async () =>
      (await db().selectFrom('jobs').select('state').where('kind', '=', 'test.alone-once').execute()).every((r) => r.state === 'done'),
    'the heavy jobs done',
  )
  expect(gauge.most).toBe(1)
})

it('runs a kind marked alone one at a time in a runner, while other kinds run beside it', async () => {
  const { heavy, release, gauge } = aloneJob('test.alone')
  const lightDone: number[] = []
  const light = defineJob({
    kind: 'test.beside',
    payload: Ids,
    handler: async (job) => {
      lightDone.push(job.payload.n)
    },
  })
  const ids = [
    ...(await Promise.all([1, 2, 3].map((n) => enqueue(db(), heavy, { n })))),
    ...(await Promise.all([1, 2].map((n) => enqueue(db(), light, { n })))),
  ] as string[]
  const runner = new JobRunner(cluster.first.services, [heavy, light], { pollMs: 10, concurrency: 3 })
  runners.push(runner.start())
  // The light jobs run while the first heavy one holds its slot; the other heavy ones wait queued.
  await until(async () => lightDone.length === 2, 'the light jobs done')
  await sleep(100)
  expect(gauge.now).toBe(1)
  const states = async () =>
    (await db().selectFrom('jobs').select(['kind', 'state']).where('id', 'in', ids).execute())
      .filter((r) => r.kind === 'test.alone')
      .map((r) => r.state)
      .sort()
  expect(await states()).toEqual(['queued', 'queued', 'running'])
  release.resolve()
  await until(async () => (await states()).every((s) => s === 'done'), 'the heavy jobs done')
  expect(gauge.most).toBe(1)
})
