import crypto from 'node:crypto'
import type { Insertable } from 'kysely'
import { LIFE_DOMAINS } from '../../common/contracts/desistance.contracts'
import type { Database } from '../db/schema'
import { toJson } from '../db/json'
import type { Services } from '../http/context'

export type SyntheticInstrument = { id: string; versionId: string }

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * A synthetic case's reviews, at even intervals from its opening to `endMs`, all holding the same
 * sealed `answers`, and the progress facts the indicators read, as saving those reviews, a plan and
 * a network would write them (modules/progress/progress-facts.ts): per domain and rater, the first
 * and latest score. Draws from `r` in a fixed order, so a seed gives the same rows.
 */
export function reviewsOfCase(
  r: () => number,
  c: {
    caseId: string
    instrument: SyntheticInstrument
    answers: string
    perCase: number
    createdMs: number
    endMs: number
    updatedMs: number
    nowMs: number
    by: string
  },
): { reviews: Insertable<Database['assessments']>[]; facts: Insertable<Database['case_progress_facts']>[] } {
  const reviews: Insertable<Database['assessments']>[] = []
  const facts: Insertable<Database['case_progress_facts']>[] = []
  const reviewCount = Math.round(c.perCase * (0.5 + r()))
  for (let v = 0; v < reviewCount; v++) {
    const at = iso(c.createdMs + Math.floor(((v + r()) / reviewCount) * (c.endMs - c.createdMs)))
    reviews.push({
      id: crypto.randomUUID(),
      accompaniment_id: c.caseId,
      instrument_id: c.instrument.id,
      instrument_version_id: c.instrument.versionId,
      taken_on: at.slice(0, 10),
      answers_sealed: c.answers,
      created_by: c.by,
      created_at: at,
      updated_at: at,
      updated_by: c.by,
      version: 1,
    })
  }
  if (reviewCount === 0) return { reviews, facts }
  const fact = { accompaniment_id: c.caseId, first_value: null, latest_value: null, updated_at: iso(Math.min(c.updatedMs, c.nowMs)) }
  for (const domain of LIFE_DOMAINS)
    for (const rater of ['worker', 'person'] as const)
      facts.push({
        ...fact,
        kind: 'review',
        domain,
        rater,
        first_value: 1 + Math.floor(r() * 5),
        latest_value: 1 + Math.floor(r() * 5),
        count_a: 0,
        count_b: 0,
        observations: reviewCount,
      })
  for (const domain of LIFE_DOMAINS.slice(0, 3)) {
    const done = Math.floor(r() * 3)
    const pending = Math.floor(r() * 3)
    facts.push({ ...fact, kind: 'plan', domain, rater: '', count_a: done, count_b: pending, observations: done + pending })
  }
  facts.push({
    ...fact,
    kind: 'network',
    domain: '',
    rater: '',
    count_a: Math.floor(r() * 3),
    count_b: Math.floor(r() * 2),
    observations: 1 + Math.floor(r() * 3),
  })
  return { reviews, facts }
}

/** A review instrument of the benchmark's own (a definition, not personal data). */
export async function seedInstrument(services: Services, userId: string, now: string): Promise<SyntheticInstrument> {
  const id = `bench-review-${crypto.randomBytes(3).toString('hex')}`
  const versionId = crypto.randomUUID()
  await services.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('instruments')
      .values({ id, built_in: 0, created_at: now, client_kinds: toJson(['concerned', 'relative', 'professional']) })
      .execute()
    await trx
      .insertInto('instrument_versions')
      .values({
        id: versionId,
        instrument_id: id,
        version: 1,
        definition: toJson({ labels: { fr: 'Revue', nl: 'Evaluatie', de: 'Überprüfung', en: 'Review' }, items: [] } as never),
        created_by: userId,
        created_at: now,
      })
      .execute()
  })
  return { id, versionId }
}
