import type { RequestContext } from '../http/context'
import { ageBandOf } from '../modules/extracts/extract.generalise'

const BATCH = 500

/**
 * `cases age-bands`: keeps the client's age band on each case opened before migration 0068 (ADR
 * 0014), opening each client's birth year with their key, a batch of cases per audited write whose
 * entry names the persons opened. Erased cases have nothing left to open; restricted ones are not
 * processed while restricted (their extract value is read as before, were they lifted). Running it
 * again finds nothing left to do.
 */
export async function ageBandsBackfill(ctx: RequestContext, onProgress?: (done: number) => void): Promise<number> {
  let after = ''
  let done = 0
  for (;;) {
    const written = await ctx.write('cases.age_bands_kept', async (trx, audit) => {
      const cases = await trx
        .selectFrom('accompaniments')
        .innerJoin('persons', 'persons.id', 'accompaniments.person_id')
        .select(['accompaniments.id', 'accompaniments.person_id', 'accompaniments.created_at', 'persons.birth_year_sealed'])
        .where('accompaniments.age_band', 'is', null)
        .where('accompaniments.id', '>', after)
        .where('accompaniments.erased_at', 'is', null)
        .where('accompaniments.restricted', '=', 0)
        .where('persons.erased_at', 'is', null)
        .orderBy('accompaniments.id')
        .limit(BATCH)
        .execute()
      if (cases.length === 0) return null
      const keys = await ctx.codec.personKeys(trx, [...new Set(cases.map((c) => c.person_id))], { remember: false })
      for (const c of cases) {
        const key = keys.get(c.person_id)
        if (!key) continue
        const { birth_year: year } = ctx.codec.openRow('persons', key, c.person_id, { birth_year_sealed: c.birth_year_sealed })
        await trx
          .updateTable('accompaniments')
          .set({ age_band: ageBandOf(year, c.created_at) })
          .where('id', '=', c.id)
          .execute()
      }
      audit.detail({ cases: cases.length })
      return { cases: cases.length, last: cases.at(-1)!.id }
    })
    if (!written) return done
    done += written.cases
    after = written.last
    onProgress?.(done)
  }
}
