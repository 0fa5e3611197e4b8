import type { Kysely } from 'kysely'
import { rebuildProgressMonths } from '../db/migrations/0066-progress-months'
import { rebuildSessionDays } from '../db/migrations/0067-session-days'
import type { Services } from '../http/context'

/** The sums the indicators read ahead of the rows they sum, each with how to make it afresh. */
const SUMS = [
  { table: 'progress_fact_months', rebuild: rebuildProgressMonths, count: 'facts' },
  { table: 'session_days', rebuild: rebuildSessionDays, count: 'sessions' },
] as const

export type SumsReport = { table: string; rows: number; differing: number }[]

class CheckOnly extends Error {
  constructor(readonly report: SumsReport) {
    super('check only')
  }
}

/** A table's rows that count something, as comparable strings. */
async function rowsOf(db: Kysely<any>, table: string, count: string): Promise<Set<string>> {
  const rows = await db.selectFrom(table).selectAll().execute()
  return new Set(rows.filter((r) => Number(r[count]) !== 0).map((r) => JSON.stringify(Object.values(r).map(String))))
}

/**
 * `indicators check` and `indicators rebuild`: the sums kept by triggers (migrations 0066, 0067)
 * compared with the same sums made afresh from the facts and sessions, in one transaction, which
 * a check rolls back. They drift only if rows were written with the triggers off (a data-only
 * restore with --disable-triggers, a hand edit): then `rebuild` makes them again. Counts per team
 * and month or day, no person: nothing here is personal data, and no audit entry is written.
 */
export async function indicatorSums(services: Pick<Services, 'db'>, mode: 'check' | 'rebuild'): Promise<SumsReport> {
  try {
    return await services.db.transaction().execute(async (trx) => {
      const report: SumsReport = []
      for (const { table, rebuild, count } of SUMS) {
        const kept = await rowsOf(trx, table, count)
        await rebuild(trx)
        const fresh = await rowsOf(trx, table, count)
        const differing = [...kept].filter((r) => !fresh.has(r)).length + [...fresh].filter((r) => !kept.has(r)).length
        report.push({ table, rows: fresh.size, differing })
      }
      if (mode === 'check') throw new CheckOnly(report)
      return report
    })
  } catch (e) {
    if (e instanceof CheckOnly) return e.report
    throw e
  }
}
