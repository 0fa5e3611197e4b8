import crypto from 'node:crypto'
import { type AuditEntry, appendAuditMany, verifyAudit } from '../server/security/audit.chain'
import { sqliteFileOf, verifyAuditParallel } from '../server/security/audit.verify'
import { createServices } from '../server/services'
import { benchDatabase } from './bench-database'
import { round } from './load'

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 200_000)
const RUNS = Number(process.env.BENCH_VERIFY_RUNS ?? 3)
/** Forces the number of stretches (threads on SQLite); unset, `audit verify` chooses. */
const STRETCHES = process.env.BENCH_VERIFY_STRETCHES ? Number(process.env.BENCH_VERIFY_STRETCHES) : undefined

/** What `person.viewed` entries written by the group commit look like: one person each, no details. */
const entry = (personId: string, actorId: string): AuditEntry => ({
  at: new Date().toISOString(),
  actorId,
  actorRole: 'worker',
  action: 'person.viewed',
  subjectType: 'person',
  subjectId: personId,
  personId,
  persons: [],
  purpose: null,
  outcome: 'success',
  requestId: crypto.randomUUID(),
  clientIp: '127.0.0.1',
  details: null,
})

/**
 * Audit verification alone (`npm run bench -- verify`): a chain of BENCH_AUDIT_ENTRIES entries,
 * checked BENCH_VERIFY_RUNS times by `audit verify` (the parallel check) and once by the
 * sequential walk; the best and the median run are reported, in entries per second.
 */
export async function benchVerify(kind: 'sqlite' | 'postgres', pgUrl: string) {
  const { config, drop } = await benchDatabase(kind, pgUrl, 'verify')
  const { services, close } = await createServices(config)
  try {
    const personId = crypto.randomUUID()
    const actorId = crypto.randomUUID()
    for (let done = 0; done < ENTRIES; done += 5000) {
      await services.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 5000 && done + i < ENTRIES; i += 500)
          await appendAuditMany(
            trx,
            Array.from({ length: Math.min(500, ENTRIES - done - i) }, () => entry(personId, actorId)),
          )
      })
    }
    const rates: number[] = []
    let ok = true
    for (let r = 0; r < RUNS; r++) {
      const v = await verifyAuditParallel(services.db, { sqliteFile: sqliteFileOf(config), stretches: STRETCHES })
      ok &&= v.ok && v.entries === ENTRIES
      rates.push(v.entries / (v.durationMs / 1000))
    }
    const walk = await verifyAudit(services.db)
    ok &&= walk.ok
    rates.sort((a, b) => a - b)
    return {
      ok,
      entries: ENTRIES,
      runs: RUNS,
      bestEntriesPerSecond: round(rates.at(-1) ?? 0, 0),
      medianEntriesPerSecond: round(rates[Math.floor(rates.length / 2)] ?? 0, 0),
      sequentialEntriesPerSecond: round(walk.entries / (walk.durationMs / 1000), 0),
      target: '>= 500000/s',
    }
  } finally {
    await close()
    await drop()
  }
}
