import type { RecordingCodec, Trx } from '../http/context'

/** Where a page of a team's cases starts (after the last case of the previous one, or at the first), and its size. */
export type StudyCasePage = { after: { createdAt: string; id: string } | null; limit: number }

/**
 * The door of action research (issue 14) to a team's cases, for an extract of an approved study,
 * taken by one of its researchers or the DPO (modules/extracts checks that through
 * extractableStudy before it knocks). It answers columns kept in the clear only — kind, framework,
 * status, dates, gender, postcode, the client's age band when the case opened (ADR 0014), counts —
 * and, for a case from before its age band was kept, one sealed value, the client's birth year,
 * opened with their key on the audit entry of the extract. Erased cases and persons (tombstones) and restricted
 * ones (GDPR art. 18; a case's flag covers its client and the person it concerns) never come out.
 *
 * One page of the team's cases, in the order they opened (then by id), after the last case of the
 * previous page: the walk of the team's counted-cases index (migration 0064), so that each page is
 * a short statement whatever the team's size and a job can read a page per transaction.
 */
export function studyCases(trx: Trx, teamId: string, options: { birthYears: boolean; page: StudyCasePage }) {
  const { after, limit } = options.page
  return (
    trx
      .selectFrom('accompaniments')
      .innerJoin('persons', 'persons.id', 'accompaniments.person_id')
      .where('accompaniments.team_id', '=', teamId)
      .where('accompaniments.restricted', '=', 0)
      .$if(after !== null, (q) =>
        q.where((eb) => eb(eb.refTuple('accompaniments.created_at', 'accompaniments.id'), '>', eb.tuple(after!.createdAt, after!.id))),
      )
      .where('accompaniments.erased_at', 'is', null)
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
        'accompaniments.age_band',
        'persons.gender',
        'persons.postcode',
      ])
      // The sealed birth year comes with its case when asked for and its band is not kept yet (a
      // case from before migration 0068 that `cases age-bands` has not reached): one statement.
      .$if(options.birthYears, (q) =>
        q.select((eb) =>
          eb.case().when('accompaniments.age_band', 'is', null).then(eb.ref('persons.birth_year_sealed')).end().as('birth_year_sealed'),
        ),
      )
      .orderBy('accompaniments.created_at')
      .orderBy('accompaniments.id')
      .limit(limit)
      .execute()
  )
}

/** How many cases studyCases may walk (the pages to tell progress by): a count off the same index, no row read. */
export async function studyCaseCount(trx: Trx, teamId: string): Promise<number> {
  const { n } = await trx
    .selectFrom('accompaniments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .where('restricted', '=', 0)
    .executeTakeFirstOrThrow()
  return Number(n)
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
