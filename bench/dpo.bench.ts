import crypto from 'node:crypto'
import { sql } from 'kysely'
import { buildApp } from '../server/app'
import { enqueue } from '../server/jobs/jobs.queue'
import { JobRunner } from '../server/jobs/jobs.runner'
import { dpoExportJob } from '../server/modules/dpo-exports/dpo-export.job'
import { recordDpoRequest } from '../server/modules/dpo-requests/dpo-requests.commands'
import { setSchedule } from '../server/modules/retention/retention.commands'
import { retentionDue } from '../server/modules/retention/retention.due'
import { createUser } from '../server/modules/users/users.commands'
import { rotateKeys } from '../server/ops/key-rotation'
import { loadMasterKeyring } from '../server/security/master-key'
import { hashPassword } from '../server/security/passwords'
import { seedCaseload } from '../server/seed/caseload.synthetic'
import { systemContext } from '../server/seed/system-context'
import { createServices } from '../server/services'
import { serviceToday } from '../server/time/service-day'
import { benchDatabase } from './bench-database'
import { round } from './load'
import { Client, EVENTS, PLAN_VERSIONS, REVIEWS, SNAPSHOTS, seedHistory, YEARS } from './overview.history'

/** Cases of the retention dry run and of the key rotation: a service that has run for years, mostly closed. */
const CASES = Number(process.env.BENCH_DPO_CASES ?? 200_000)
/** Subject-access exports timed, one after the other, of the same five-year history. */
const EXPORTS = Number(process.env.BENCH_DPO_EXPORTS ?? 3)
const PASSWORD = 'benchmark passphrase 2026'
const log = (m: string) => process.stderr.write(`${m}\n`)

/**
 * Issue 13's operator and DPO figures on one engine (`npm run bench -- dpo`):
 * - the subject-access export of a person with five years of history (the overview bench's
 *   shape, written through the API), timed from the job's start to the sealed archive (≤ 5 s);
 * - the retention dry run over `CASES` cases, through the function both the dry run and the
 *   real run read (≤ 30 s for 200,000);
 * - the master-key rotation rate over the same database's data keys (keys re-wrapped per second).
 * "Who read this person" over 50 million entries is `npm run bench -- dpo-access` (PostgreSQL).
 */
export async function benchDpo(kind: 'sqlite' | 'postgres', pgUrl: string) {
  const { config, drop } = await benchDatabase(kind, pgUrl, 'dpo')
  let { services, close } = await createServices(config)
  try {
    const exports = await benchExport(kind, services)

    log(`[${kind}] dpo: seeding ${CASES} cases for the retention dry run…`)
    const seedStart = performance.now()
    await seedCaseload(services, { accompaniments: CASES, sessions: 0, teams: 10, workersPerTeam: 5 }, (stage, done, total) => {
      if (done === total) log(`[${kind}]   ${stage} ${done}/${total}`)
    })
    const seedSeconds = round((performance.now() - seedStart) / 1000, 1)
    if (kind === 'postgres') await sql`vacuum analyze`.execute(services.db)
    else await sql`analyze`.execute(services.db)
    const retention = await benchRetention(services)

    // The rotation: the same database opened under a new master key, the old one as previous.
    await close()
    const previous = config.masterKey as { base64: string } // benchDatabase gives the key itself
    const rotated = { ...config, masterKey: { base64: crypto.randomBytes(32).toString('base64') }, previousMasterKey: previous }
    ;({ services, close } = await createServices(rotated))
    const keys = await rotateKeys(services.db, services.codec, loadMasterKeyring(rotated))
    const keysTotal = keys.rewrapped + keys.already
    return {
      subjectExport: exports,
      retentionDryRun: { ...retention, cases: CASES, seedSeconds, target: '<= 30 s for 200000 cases' },
      keyRotation: {
        keys: keysTotal,
        rewrapped: keys.rewrapped,
        failed: keys.failed,
        seconds: round(keys.durationMs / 1000, 2),
        keysPerSecond: round(keys.rewrapped / (keys.durationMs / 1000), 0),
      },
    }
  } finally {
    await close()
    await drop()
  }
}

/** Five years of one person's history written through the API, then `EXPORTS` exports of it by the job. */
async function benchExport(kind: string, services: Awaited<ReturnType<typeof createServices>>['services']) {
  const teamId = crypto.randomUUID()
  await services.db.insertInto('teams').values({ id: teamId, name: 'Bench team', created_at: new Date().toISOString() }).execute()
  const hash = await hashPassword(PASSWORD)
  const sys = await systemContext(services, null, 'bench')
  let dpoId = ''
  await sys.write('user.created', async (trx, audit) => {
    const worker = await createUser(
      trx,
      { email: 'worker@bench.parcours.test', displayName: 'Bench Worker', roles: ['worker'], teamIds: [teamId] },
      sys.now(),
      hash,
    )
    const dpo = await createUser(
      trx,
      { email: 'dpo@bench.parcours.test', displayName: 'Bench DPO', roles: ['dpo'], teamIds: [] },
      sys.now(),
      hash,
    )
    dpoId = dpo.id
    audit.subject('user', worker.id)
  })
  const app = await buildApp(services)
  await app.ready()
  const client = new Client(app)
  await client.send('POST', '/api/auth/login', { email: 'worker@bench.parcours.test', password: PASSWORD })
  log(
    `[${kind}] dpo: ${YEARS} years of history (${REVIEWS} reviews, ${EVENTS} events, ${SNAPSHOTS} snapshots, ${PLAN_VERSIONS} plan versions)…`,
  )
  const person = await client.send('POST', '/api/persons', { firstName: 'Yanis', lastName: 'Haddad' })
  const acc = await client.send('POST', '/api/accompaniments', { kind: 'concerned', personId: person.id, teamId })
  await seedHistory(client, acc.id as string)
  await app.close()

  // The DPO's side as the routes do it: a request on record, then an export queued under it.
  const dpo = await systemContext(services, dpoId, 'bench-dpo')
  const requestId = await dpo.write('dpo_request.recorded', async (trx, audit) => {
    const id = await recordDpoRequest(dpo, trx, {
      kind: 'access',
      personId: person.id as string,
      requester: 'subject',
      channel: 'letter',
      identityCheck: 'id_document_seen',
      receivedOn: serviceToday(new Date().toISOString()),
      details: null,
    })
    audit.subject('person', person.id as string)
    return id
  })
  const runner = new JobRunner(services, [dpoExportJob])
  const seconds: number[] = []
  let size = 0
  let rows = 0
  for (let i = 0; i < EXPORTS; i++) {
    const exportId = crypto.randomUUID()
    await dpo.write('dpo_export.started', async (trx, audit) => {
      audit.subject('person', person.id as string).detail({ exportId, requestId })
      const jobId = await enqueue(trx, dpoExportJob, { exportId })
      await trx
        .insertInto('dpo_exports')
        .values({
          id: exportId,
          request_id: requestId,
          person_id: person.id as string,
          job_id: jobId!,
          requested_by: dpoId,
          created_at: new Date().toISOString(),
        })
        .execute()
    })
    const started = performance.now()
    while (await runner.runOnce());
    seconds.push((performance.now() - started) / 1000)
    const done = await services.db
      .selectFrom('dpo_exports')
      .select(['ready_at', 'archive_size', 'counts'])
      .where('id', '=', exportId)
      .executeTakeFirstOrThrow()
    if (!done.ready_at) throw new Error('the export did not finish')
    size = Number(done.archive_size)
    rows = Object.values(JSON.parse(String(done.counts)) as Record<string, number>).reduce((n, c) => n + c, 0)
  }
  seconds.sort((a, b) => a - b)
  return {
    years: YEARS,
    rows,
    archiveBytes: size,
    runs: EXPORTS,
    medianSeconds: round(seconds[Math.floor(seconds.length / 2)]!, 2),
    maxSeconds: round(seconds[seconds.length - 1]!, 2),
    target: '<= 5 s',
  }
}

/** Every schedule set to one month, so that every closed case is due: the dry run lists them all. */
async function benchRetention(services: Awaited<ReturnType<typeof createServices>>['services']) {
  const sys = await systemContext(services, null, 'bench-retention')
  const user = await services.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()
  sys.actor = { userId: user.id, email: '', displayName: 'bench', roles: ['dpo'], teamIds: [], sessionId: 'cli', sessionState: 'active' }
  await sys.write('retention.schedule_set', async (trx) => {
    for (const kind of ['case_voluntary', 'case_judicial', 'case_advice'] as const)
      await setSchedule(sys, trx, kind, { months: 1, legalReason: 'Benchmark' }, 0)
  })
  const runs: number[] = []
  let due = 0
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    const result = await services.db.transaction().execute((trx) => retentionDue(trx, new Date().toISOString(), Infinity))
    runs.push((performance.now() - started) / 1000)
    due = result.kinds.reduce((n, k) => n + k.due + k.held, 0)
  }
  runs.sort((a, b) => a - b)
  return { due, medianSeconds: round(runs[1]!, 2), maxSeconds: round(runs[2]!, 2) }
}
