import type { RecordingCodec, Trx } from '../http/context'

/**
 * The door of action research (issue 14) to a team's cases, for an extract of an approved study,
 * taken by one of its researchers or the DPO (modules/extracts checks that through
 * extractableStudy before it knocks). It answers indexed columns only — kind, framework, status,
 * dates, gender, postcode, counts — and one sealed value, the client's birth year, opened with
 * their key on the audit entry of the extract. Erased cases and persons (tombstones) and restricted
 * ones (GDPR art. 18; a case's flag covers its client and the person it concerns) never come out.
 */
export function studyCases(trx: Trx, teamId: string, options: { birthYears: boolean }) {
  return (
    trx
      .selectFrom('accompaniments')
      .innerJoin('persons', 'persons.id', 'accompaniments.person_id')
      .where('accompaniments.team_id', '=', teamId)
      .where('accompaniments.erased_at', 'is', null)
      .where('accompaniments.restricted', '=', 0)
      .where('persons.erased_at', 'is', null)
      .where('persons.restricted', '=', 0)
      .select([
        'accompaniments.id',
        'accompaniments.person_id',
        'accompaniments.kind',
        'accompaniments.framework',
        'accompaniments.status',
        'accompaniments.closure_outcome',
        'accompaniments.created_at',
        // The latest approved closure, kept by the lifecycle (migration 0064).
        'accompaniments.closed_at',
        'persons.gender',
        'persons.postcode',
      ])
      // The sealed birth year comes with its case, when asked for: one statement, not one more per slice.
      .$if(options.birthYears, (q) => q.select('persons.birth_year_sealed'))
      .execute()
  )
}

/**
 * Ids per statement (cases for their sessions, persons for their keys): a team holds 100,000 cases
 * and more, beyond the bound parameters of one statement (SQLite 32,766, PostgreSQL 65,535); in
 * slices, the opened keys of one slice are let go before the next.
 */
const SLICE = 5000

function* slices<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += SLICE) yield items.slice(i, i + SLICE)
}

/** Sessions held per case (the count only), by slices of ids: each one's index range read in order. */
export async function studySessionsHeld(trx: Trx, caseIds: string[]): Promise<Map<string, number>> {
  const held = new Map<string, number>()
  for (const ids of slices(caseIds)) {
    const rows = await trx
      .selectFrom('case_sessions')
      .select((eb) => ['case_sessions.accompaniment_id', eb.fn.countAll<number>().as('n')])
      .where('case_sessions.accompaniment_id', 'in', ids)
      .where('case_sessions.status', '=', 'held')
      .groupBy('case_sessions.accompaniment_id')
      .execute()
    for (const r of rows) held.set(r.accompaniment_id, Number(r.n))
  }
  return held
}

/**
 * Birth years only (never the birth date), each opened with the person's key from the codec (so
 * the audit entry names them), from the sealed values studyCases brought.
 */
export async function studyBirthYears(
  trx: Trx,
  codec: RecordingCodec,
  rows: readonly { person_id: string; birth_year_sealed?: string | null }[],
): Promise<Map<string, number | null>> {
  const sealed = new Map<string, string | null>()
  for (const r of rows) sealed.set(r.person_id, r.birth_year_sealed ?? null)
  const years = new Map<string, number | null>()
  for (const ids of slices([...sealed.keys()])) {
    const keys = await codec.personKeys(trx, ids, { remember: false })
    for (const id of ids) {
      const key = keys.get(id)
      years.set(id, key ? codec.openRow('persons', key, id, { birth_year_sealed: sealed.get(id) ?? null }).birth_year : null)
    }
  }
  return years
}
