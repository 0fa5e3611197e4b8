import crypto from 'node:crypto'
import { type AuditEntry, appendAuditMany } from '../server/security/audit.chain'
import { createServices } from '../server/services'
import { benchDatabase } from './bench-database'
import { percentiles, round } from './load'

const BATCHES = Number(process.env.BENCH_AUDIT_BATCHES ?? 300)
/** Reads that arrive together share one commit (ADR 0004); 8 is what 8 connections give at most. */
const PER_BATCH = 8

const entry = (persons: string[]): AuditEntry => ({
  at: new Date().toISOString(),
  actorId: crypto.randomUUID(),
  actorRole: 'worker',
  action: 'accompaniment.listed',
  subjectType: null,
  subjectId: null,
  personId: null,
  persons,
  purpose: null,
  outcome: 'success',
  requestId: crypto.randomUUID(),
  clientIp: '127.0.0.1',
  details: null,
})

/**
 * What recording every person a response shows costs the audited read path: one group commit of
 * eight `viewed` entries, each naming 0 persons (what a list read recorded before), 1 (a record
 * read) or 50 (a caseload page), committed durably, timed per commit.
 */
export async function benchAuditPersons(kind: 'sqlite' | 'postgres', pgUrl: string) {
  const { config, drop } = await benchDatabase(kind, pgUrl, 'audit-persons')
  const { services, close } = await createServices(config)
  try {
    const out: Record<string, unknown> = {}
    for (const shown of [0, 1, 50]) {
      const times: number[] = []
      for (let b = 0; b < BATCHES; b++) {
        const batch = Array.from({ length: PER_BATCH }, () => entry(Array.from({ length: shown }, () => crypto.randomUUID())))
        const started = performance.now()
        await services.db.transaction().execute((trx) => appendAuditMany(trx, batch))
        times.push(performance.now() - started)
      }
      const p = percentiles(times)
      out[`persons${shown}`] = { commitP50ms: p.p50ms, commitP95ms: p.p95ms }
    }
    const median = (k: string) => (out[k] as { commitP50ms: number }).commitP50ms
    const [base, fifty] = [median('persons0'), median('persons50')]
    return {
      batches: BATCHES,
      entriesPerCommit: PER_BATCH,
      ...out,
      // Per person named, at the median: what a caseload page of 50 adds to its read.
      perPersonMicros: round(((fifty - base) * 1000) / (PER_BATCH * 50), 1),
    }
  } finally {
    await close()
    await drop()
  }
}
