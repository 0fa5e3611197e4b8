import crypto from 'node:crypto'
import { AUTHORITY_KINDS, MEASURES, OUTCOMES, RELATIONSHIPS, STATUSES } from '../../common/contracts/accompaniments.contracts'
import { MODALITIES } from '../../common/contracts/case-sessions.contracts'
import type { Insertable } from 'kysely'
import type { Database } from '../db/schema'
import { toJson } from '../db/json'
import type { Services } from '../http/context'
import { ageBandOf } from '../modules/extracts/extract.generalise'
import { createUser } from '../modules/users/users.commands'
import { seedPersons } from './persons.seed'
import { reviewsOfCase, seedInstrument } from './caseload-reviews.synthetic'
import { pick, rng } from './synthetic'
import { systemContext } from './system-context'

export type CaseloadScale = {
  accompaniments: number
  sessions: number
  teams: number
  workersPerTeam: number
  /** Reviews (rows of `assessments`), spread over the cases that left intake; none if unset. */
  reviews?: number
  seed?: number
}

export type CaseloadDataset = {
  teams: string[]
  /** Workers of each team, in team order; leads are separate accounts, one per team. */
  workers: string[][]
  leads: string[]
  accompaniments: number
  sessions: number
  tasks: number
  grants: number
  reviews: number
}

const DAY = 86_400_000
const YEAR = 365 * DAY
const BATCH = 1000
/** Rows per INSERT: under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const ROWS_PER_INSERT = 2000

type Status = (typeof STATUSES)[number]

/** Most cases of a service that has run for years are closed; a few wait for a worker or a decision. */
function statusOf(x: number): Status {
  if (x < 0.75) return 'closed'
  if (x < 0.9) return 'active'
  if (x < 0.95) return 'suspended'
  if (x < 0.97) return 'closing'
  return 'intake'
}

const iso = (ms: number) => new Date(ms).toISOString()

/** Inserts rows in statements of `perInsert` rows each (each engine caps a statement's parameters). */
async function insertChunked<R>(rows: R[], insert: (chunk: R[]) => Promise<unknown>, perInsert = ROWS_PER_INSERT): Promise<void> {
  for (let i = 0; i < rows.length; i += perInsert) await insert(rows.slice(i, i + perInsert))
}

/**
 * A caseload at the scale of a national service after years of use, for benchmarks: teams with
 * their workers and lead, one client per accompaniment (persons written by seedPersons, through
 * the codec and the name index), primary and co-workers, sessions, tasks and a few
 * break-the-glass grants. Sealed columns hold real ciphertext under each person's key. Choices
 * come from a seeded generator, so every run has the same shape; each batch is one transaction
 * with one audit entry, as an operator's import would be.
 */
export async function seedCaseload(
  services: Services,
  scale: CaseloadScale,
  onProgress?: (stage: string, done: number, total: number) => void,
  passwordHash?: string,
): Promise<CaseloadDataset> {
  const seed = scale.seed ?? 2026
  const r = rng(seed)
  const ctx = await systemContext(services, null, 'seed-caseload')
  const nowMs = Date.now()
  const now = iso(nowMs)

  const hash = passwordHash ?? null
  const { teams, workers, leads } = await ctx.write('seed.caseload_staff', async (trx, audit) => {
    const teams: string[] = []
    const workers: string[][] = []
    const leads: string[] = []
    for (let t = 0; t < scale.teams; t++) {
      const id = crypto.randomUUID()
      await trx
        .insertInto('teams')
        .values({ id, name: `Bench team ${t + 1}`, created_at: now })
        .execute()
      teams.push(id)
      const members: string[] = []
      for (let w = 0; w < scale.workersPerTeam; w++) {
        const u = await createUser(
          trx,
          { email: `worker-${t}-${w}@bench.parcours.test`, displayName: `Worker ${t}.${w}`, roles: ['worker'], teamIds: [id] },
          now,
          hash ?? undefined,
        )
        members.push(u.id)
      }
      workers.push(members)
      const lead = await createUser(
        trx,
        { email: `lead-${t}@bench.parcours.test`, displayName: `Lead ${t}`, roles: ['lead'], teamIds: [id] },
        now,
        hash ?? undefined,
      )
      leads.push(lead.id)
    }
    audit.detail({ teams: teams.length, users: teams.length * (scale.workersPerTeam + 1) })
    return { teams, workers, leads }
  })

  const author = await seedPersons(services, scale.accompaniments, (done) => onProgress?.('persons', done, scale.accompaniments), seed)

  const sessionsPerCase = scale.sessions / (scale.accompaniments * 0.97)
  const reviewsPerCase = (scale.reviews ?? 0) / (scale.accompaniments * 0.97)
  // One instrument for every review: the figures that read reviews count rows, never answers.
  const instrument = reviewsPerCase > 0 ? await seedInstrument(services, author, now) : null
  let reviewAnswers: string | null = null
  let accompaniments = 0
  let sessions = 0
  let tasks = 0
  let grants = 0
  let reviews = 0
  let after = ''
  while (accompaniments < scale.accompaniments) {
    const page = await services.db
      .selectFrom('persons')
      .select(['id', 'birth_year_sealed'])
      .where('id', '>', after)
      .where('created_by', '=', author)
      .orderBy('id')
      .limit(Math.min(BATCH, scale.accompaniments - accompaniments))
      .execute()
    if (page.length === 0) break
    after = page[page.length - 1]!.id
    const keys = await services.codec.personKeys(
      services.db,
      page.map((p) => p.id),
    )
    const counts = await ctx.write('seed.caseload', async (trx, audit) => {
      const accRows: Insertable<Database['accompaniments']>[] = []
      const workerRows: Database['accompaniment_workers'][] = []
      const sessionRows: Database['case_sessions'][] = []
      const taskRows: Insertable<Database['tasks']>[] = []
      const grantRows: Database['access_grants'][] = []
      const eventRows: Insertable<Database['accompaniment_events']>[] = []
      const reviewRows: Insertable<Database['assessments']>[] = []
      const factRows: Insertable<Database['case_progress_facts']>[] = []
      for (const person of page) {
        const n = accompaniments + accRows.length
        const key = keys.get(person.id)
        if (!key) throw new Error('person key missing')
        const t = n % scale.teams
        const team = teams[t] as string
        const members = workers[t] as string[]
        const status = statusOf(r())
        const open = status !== 'closed'
        const createdMs = nowMs - Math.floor(r() * 8 * YEAR) - DAY
        const updatedMs = open
          ? createdMs + Math.floor(r() * (nowMs - createdMs))
          : Math.min(nowMs - DAY, createdMs + Math.floor((0.2 + r() * 1.8) * YEAR))
        const kindDraw = r()
        const kind = kindDraw < 0.7 ? 'concerned' : kindDraw < 0.9 ? 'relative' : 'professional'
        const judicial = kind === 'concerned' && r() < 0.45
        const mandateStart = judicial ? iso(createdMs).slice(0, 10) : null
        const mandateEnd = judicial ? iso(createdMs + Math.floor((0.5 + r() * 2.5) * YEAR)).slice(0, 10) : null
        const id = crypto.randomUUID()
        const sealed = services.codec.sealRow('accompaniments', key, id, {
          authority: judicial ? 'Maison de justice, assistante de justice' : null,
          conditions: judicial ? 'Suivi régulier, pas de contact avec le groupe' : null,
          reporting: judicial ? 'Rapport trimestriel' : null,
          summary: 'Orienté par le service jeunesse, premier contact en présence de la mère.',
          closure_reason: open ? null : 'Objectifs atteints, relais vers le CPAS.',
        })
        accRows.push({
          id,
          code: `A-${(n + 1)
            .toString(32)
            .toUpperCase()
            .padStart(8, '0')
            .replace(/(.{4})$/, '-$1')}`,
          kind,
          person_id: person.id,
          concerned_person_id: null,
          concerned_status: kind === 'concerned' ? 'known' : r() < 0.5 ? 'unknown' : 'anonymous',
          relationship: kind === 'concerned' ? null : pick(r, RELATIONSHIPS),
          team_id: team,
          status,
          framework: judicial ? 'judicial' : 'voluntary',
          measure: judicial ? pick(r, MEASURES) : null,
          authority_kind: judicial ? pick(r, AUTHORITY_KINDS) : null,
          mandate_start: mandateStart,
          mandate_end: mandateEnd,
          authority_sealed: sealed.authority_sealed ?? null,
          conditions_sealed: sealed.conditions_sealed ?? null,
          reporting_sealed: sealed.reporting_sealed ?? null,
          summary_sealed: sealed.summary_sealed ?? null,
          closure_reason_sealed: sealed.closure_reason_sealed ?? null,
          closure_outcome: status === 'closed' || status === 'closing' ? pick(r, OUTCOMES) : null,
          closed_at: open ? null : iso(updatedMs),
          age_band: ageBandOf(
            services.codec.openRow('persons', key, person.id, { birth_year_sealed: person.birth_year_sealed }).birth_year,
            iso(createdMs),
          ),
          created_by: members[0] as string,
          created_at: iso(createdMs),
          updated_at: iso(updatedMs),
          version: 1 + Math.floor(r() * 6),
        })
        if (status === 'intake') continue
        const primary = pick(r, members)
        // A closed case has its approved closure on the timeline: retention counts from it.
        if (!open)
          eventRows.push({
            id: crypto.randomUUID(),
            accompaniment_id: id,
            at: iso(updatedMs),
            actor_id: primary,
            type: 'approve_closure',
            data: null,
            note_sealed: null,
          })
        workerRows.push({ accompaniment_id: id, user_id: primary, role: 'primary' })
        if (r() < 0.3) {
          const co = pick(r, members)
          if (co !== primary) workerRows.push({ accompaniment_id: id, user_id: co, role: 'co' })
        }
        // Sessions from the opening to the last change; open cases also have some planned ahead.
        const count = Math.max(1, Math.round(sessionsPerCase * (0.3 + r() * 1.4)))
        const endMs = open ? nowMs + 30 * DAY : updatedMs
        for (let s = 0; s < count; s++) {
          const at = createdMs + Math.floor(((s + r()) / count) * (endMs - createdMs))
          const past = at < nowMs
          const draw = r()
          const sessionStatus = !past ? 'planned' : draw < 0.75 ? 'held' : draw < 0.87 ? 'cancelled' : 'missed'
          const sid = crypto.randomUUID()
          const modality = pick(r, MODALITIES)
          const notes = services.codec.sealRow('case_sessions', key, sid, {
            place: modality === 'outreach' ? 'Parc du quartier' : null,
            notes: sessionStatus === 'held' ? 'Échange sur la formation et la famille.' : null,
          })
          sessionRows.push({
            id: sid,
            accompaniment_id: id,
            status: sessionStatus,
            starts_at: iso(at),
            duration_minutes: 45 + 15 * Math.floor(r() * 4),
            modality,
            place_sealed: notes.place_sealed ?? null,
            participants: toJson(['client']),
            attendance: judicial && sessionStatus !== 'planned' ? (sessionStatus === 'held' ? 'present' : 'unexcused_absence') : null,
            notes_sealed: notes.notes_sealed ?? null,
            worker_id: primary,
            created_at: iso(Math.min(at, nowMs)),
            updated_at: iso(Math.min(at + DAY, nowMs)),
            version: 1,
          })
        }
        // Reviews at even intervals over the case; the answers are one sealed value reused (real
        // ciphertext, but the same for every row: sealing 600,000 answer sets would be the seed's cost).
        if (instrument) {
          reviewAnswers ??= services.codec.sealRow('assessments', key, id, { answers: { bench: { comment: null } } })
            .answers_sealed as string
          const made = reviewsOfCase(r, {
            caseId: id,
            instrument,
            answers: reviewAnswers,
            perCase: reviewsPerCase,
            createdMs,
            endMs,
            updatedMs,
            nowMs,
            by: primary,
          })
          reviewRows.push(...made.reviews)
          factRows.push(...made.facts)
        }
        // Open cases carry a few tasks, some of them overdue; closed ones keep their done tasks.
        const taskCount = open ? 1 + Math.floor(r() * 3) : r() < 0.3 ? 1 : 0
        for (let k = 0; k < taskCount; k++) {
          const tid = crypto.randomUUID()
          const due = open ? nowMs + Math.floor((r() * 60 - 20) * DAY) : updatedMs - Math.floor(r() * 60 * DAY)
          const done = !open || r() < 0.3
          taskRows.push({
            id: tid,
            accompaniment_id: id,
            title_sealed: services.codec.sealRow('tasks', key, tid, { title: 'Appeler la maison de justice' }).title_sealed,
            assignee_id: primary,
            due_date: iso(due).slice(0, 10),
            status: done ? 'done' : 'open',
            created_by: primary,
            created_at: iso(Math.min(due - 7 * DAY, nowMs)),
            done_at: done ? iso(Math.min(due, nowMs)) : null,
            version: 1,
          })
        }
        // Break-the-glass is rare: one case in 500, by a worker of another team, mostly expired.
        if (r() < 0.002) {
          const gid = crypto.randomUUID()
          const other = workers[(t + 1) % scale.teams] as string[]
          const grantedMs = r() < 0.9 ? updatedMs : nowMs - 3_600_000
          grantRows.push({
            id: gid,
            accompaniment_id: id,
            user_id: pick(r, other),
            reason_sealed: services.codec.sealRow('access_grants', key, gid, { reason: 'Appel urgent de la police' }).reason_sealed,
            granted_at: iso(grantedMs),
            expires_at: iso(grantedMs + 4 * 3_600_000),
          })
        }
      }
      await insertChunked(accRows, (rows) => trx.insertInto('accompaniments').values(rows).execute(), 1000)
      await insertChunked(workerRows, (rows) => trx.insertInto('accompaniment_workers').values(rows).execute())
      await insertChunked(sessionRows, (rows) => trx.insertInto('case_sessions').values(rows).execute())
      await insertChunked(taskRows, (rows) => trx.insertInto('tasks').values(rows).execute())
      await insertChunked(eventRows, (rows) => trx.insertInto('accompaniment_events').values(rows).execute())
      if (grantRows.length) await insertChunked(grantRows, (rows) => trx.insertInto('access_grants').values(rows).execute())
      await insertChunked(reviewRows, (rows) => trx.insertInto('assessments').values(rows).execute())
      await insertChunked(factRows, (rows) => trx.insertInto('case_progress_facts').values(rows).execute())
      const counts = {
        accompaniments: accRows.length,
        sessions: sessionRows.length,
        tasks: taskRows.length,
        grants: grantRows.length,
        reviews: reviewRows.length,
        progressFacts: factRows.length,
      }
      audit.detail(counts)
      return counts
    })
    accompaniments += counts.accompaniments
    sessions += counts.sessions
    tasks += counts.tasks
    grants += counts.grants
    reviews += counts.reviews
    onProgress?.('accompaniments', accompaniments, scale.accompaniments)
  }
  return { teams, workers, leads, accompaniments, sessions, tasks, grants, reviews }
}
