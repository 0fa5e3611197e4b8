import crypto from 'node:crypto'
import type { StudyView } from '../../../common/contracts/studies.contracts'
import type { StudyVariable } from '../../../common/contracts/study-variables.contracts'
import type { RecordingCodec, Trx } from '../../http/context'
import { deriveKey } from '../../security/master-key'
import { type StudyCasePage, studyBirthYears, studyCases, studySessionsHeld } from '../../security/study-door'
import { serviceDays } from '../../time/service-day'
import { ageBandOf, durationBandOf, provinceOf, quarterOf, sessionsBandOf } from './extract.generalise'
import { suppressRare } from './extract.k-anonymity'

/** One record of an extract: its pseudonym and the study's variables, each already generalised. */
export type ExtractRecord = { pseudonym: string } & Partial<Record<StudyVariable, string>>
export type ExtractResult = { variables: StudyVariable[]; records: ExtractRecord[]; dropped: number; k: number }

/**
 * The per-study pseudonym key. Derived from the stable audit-pseudonym key (security/stable-keys.ts,
 * kept across master-key rotations), under a label naming the study: the same case has the same
 * pseudonym in every extract of one study, and unlinkable ones across studies. Nothing needs storing.
 */
export function studyPseudonymKey(stableKey: Buffer, studyId: string): Buffer {
  return deriveKey(stableKey, `study-pseudonyms:${studyId}`)
}

export function pseudonymOf(key: Buffer, accompanimentId: string): string {
  // 80 bits: collisions are negligible for a team's caseload, and the value stays short to read.
  // The first ten bytes made hex, not a slice of the whole digest's hex: V8 keeps a slice's parent
  // string alive, 64 characters held by each of the 120,000 records until the files are written.
  return crypto.createHmac('sha256', key).update(accompanimentId).digest().subarray(0, 10).toString('hex')
}

/**
 * Cases read per page, each page in a transaction of its own. On SQLite a request of the service
 * that arrives meanwhile waits for the page in progress: at 120,000 cases, pages of 1,000 kept the
 * other requests' p50 / p95 at 125 / 183 ms, pages of 2,000 at 231 / 311 ms, for an extract 10 %
 * slower in all (bench/extract.bench.ts). Most of a page's time is its audit entry's commit, which
 * indexes each person it names: that cost is per person, not per page.
 */
export const EXTRACT_PAGE = 1000

/**
 * One string per generalised value, shared by every record that holds it: each value read from a
 * row (a gender, a kind, a band) or made (a quarter) is a string of its own, eight per record, and
 * 120,000 records held them all until the files were written. The values are the catalogue's, a
 * few hundred at most (quarters grow by four a year), so the table stays small.
 */
const SHARED = new Map<string, string>()
function shared(value: string): string {
  const known = SHARED.get(value)
  if (known !== undefined) return known
  SHARED.set(value, value)
  return value
}

export type ExtractPage = {
  records: ExtractRecord[]
  /** Where the next page starts; null when this page was the last. */
  next: StudyCasePage['after']
}

/**
 * One page of records, one per accompaniment of the study's team, whenever it opened: erased
 * cases (and those of erased persons) are left out, as are restricted ones (GDPR art. 18: the
 * case's flag covers its client and the person it concerns). Only columns kept in the clear are
 * read, the age band among them (ADR 0014), except for a case from before the band was kept: its
 * client's birth year is opened with their key (so the audit entry of the page names them), and
 * only when the study asks for the age band. The held sessions are counted in the same
 * transaction, so each record is of one moment even though the pages are not.
 */
export async function readExtractPage(
  trx: Trx,
  codec: RecordingCodec,
  study: Pick<StudyView, 'teamId' | 'variables'>,
  pseudonymKey: Buffer,
  page: StudyCasePage,
): Promise<ExtractPage> {
  const { variables } = study
  const ageBand = variables.includes('age_band')
  const cases = await studyCases(trx, study.teamId, { birthYears: ageBand, page })
  const held = variables.includes('sessions_held_band')
    ? await studySessionsHeld(
        trx,
        cases.map((c) => c.id),
      )
    : new Map<string, number>()
  // Only cases whose band is not kept yet open their client's birth year (ADR 0014).
  const birthYears = ageBand
    ? await studyBirthYears(
        trx,
        codec,
        cases.filter((c) => c.age_band === null),
      )
    : new Map<string, number | null>()

  // The service day of each instant, through one offset per UTC day (service-day.ts).
  const dayOf = serviceDays()
  // One function per record, not ten closures per record: 120,000 records made 1.2 million of them.
  const records = cases.map((c) => {
    const closedAt = c.status === 'closed' && typeof c.closed_at === 'string' ? c.closed_at : null
    const record: ExtractRecord = { pseudonym: pseudonymOf(pseudonymKey, c.id) }
    for (const v of variables) record[v] = shared(valueOf(v, c, closedAt))
    return record
  })
  function valueOf(variable: StudyVariable, c: (typeof cases)[number], closedAt: string | null): string {
    switch (variable) {
      case 'age_band':
        return c.age_band ?? ageBandOf(birthYears.get(c.person_id) ?? null, c.created_at, dayOf)
      case 'gender':
        return c.gender
      case 'province':
        return provinceOf(c.postcode)
      case 'case_kind':
        return c.kind
      case 'framework':
        return c.framework
      case 'opened_quarter':
        return quarterOf(c.created_at, dayOf)
      case 'closed_quarter':
        return closedAt ? quarterOf(closedAt, dayOf) : 'open'
      case 'duration_band':
        return durationBandOf(c.created_at, closedAt)
      case 'outcome':
        return closedAt ? (c.closure_outcome ?? 'other') : 'open'
      case 'sessions_held_band':
        return sessionsBandOf(held.get(c.id) ?? 0)
    }
  }
  const last = cases.at(-1)
  return { records, next: cases.length < page.limit || !last ? null : { createdAt: last.created_at, id: last.id } }
}

/** k-anonymity by suppression over the requested quasi-identifiers, once every page is read. */
export function finishExtract(records: ExtractRecord[], study: Pick<StudyView, 'variables' | 'k'>): ExtractResult {
  const { kept, dropped } = suppressRare(records, study.variables, study.k)
  // Ordered by pseudonym: the order of the rows tells nothing of when the cases opened.
  kept.sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0))
  return { variables: [...study.variables], records: kept, dropped, k: study.k }
}
