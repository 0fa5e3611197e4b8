import { createUser } from '../server/modules/users/users.commands'
import { seedCaseload } from '../server/seed/caseload.synthetic'
import { systemContext } from '../server/seed/system-context'
import { hashPassword } from '../server/security/passwords'
import { openDataset } from './caseload.bench'
import { round } from './load'

/**
 * The extract bench's dataset, seeded in a process of its own (`bench/extract.bench.ts` runs it):
 * the process that takes the extract then starts without the seed's memory, so that its peak RSS
 * is the extract's. One team of `BENCH_EXTRACT_CASES` cases, a researcher and the DPO.
 */
const [kind, pgUrl, dir] = process.argv.slice(2) as ['sqlite' | 'postgres', string, string]
const CASES = Number(process.env.BENCH_EXTRACT_CASES ?? 120_000)
const SESSIONS = Number(process.env.BENCH_EXTRACT_SESSIONS ?? 1_200_000)
const EXTRACT_PASSWORD = 'benchmark passphrase 2026'
const log = (m: string) => process.stderr.write(`${m}\n`)

const ds = await openDataset(kind, pgUrl, dir, 'extract')
const started = performance.now()
let last = 0
const hash = await hashPassword(EXTRACT_PASSWORD)
log(`[${kind}] extract: seeding ${CASES} cases and ~${SESSIONS} sessions in one team…`)
const dataset = await seedCaseload(
  ds.services,
  { accompaniments: CASES, sessions: SESSIONS, teams: 1, workersPerTeam: 10 },
  (stage, done, total) => {
    const now = performance.now()
    if (done === total || now - last > 15_000) {
      last = now
      log(`[${kind}]   ${stage} ${done}/${total} (${round((now - started) / 1000, 0)} s)`)
    }
  },
  hash,
)
const sys = await systemContext(ds.services, null, 'bench-extract')
await sys.write('user.created', async (trx, audit) => {
  for (const [email, roles] of [
    ['dpo@bench.parcours.test', ['dpo']],
    ['researcher@bench.parcours.test', ['researcher']],
  ] as const) {
    const u = await createUser(trx, { email, displayName: email.split('@')[0]!, roles: [...roles], teamIds: [] }, sys.now(), hash)
    audit.subject('user', u.id)
  }
})
ds.save({ dataset, seedSeconds: round((performance.now() - started) / 1000, 1), masterKey: ds.masterKey })
log(`[${kind}] extract: seeded in ${round((performance.now() - started) / 1000, 0)} s`)
await ds.close()
process.exit(0)
