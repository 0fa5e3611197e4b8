import type { z } from 'zod'
import type { ClosureOutcome, CreateAccompaniment } from '../../common/contracts/accompaniments.contracts'
import { PersonInput } from '../../common/contracts/persons.contracts'
import type { Services } from '../http/context'
import { createPerson } from '../modules/persons/persons.commands'
import { addDays } from '../modules/tasks/reminders.queries'
import { serviceToday } from '../time/service-day'
import { FICTION, move, onCase, open, sessions } from './casework.steps'
import { DEMO_DOMAIN } from './demo.data'
import { systemContext } from './system-context'

type Shape = {
  kind: 'concerned' | 'relative' | 'professional'
  judicial?: boolean
  /** How the case ended, or null while it goes on. */
  outcome: ClosureOutcome | null
}

const FIRST = ['Yassine', 'Lore', 'Mehmet', 'Amandine', 'Sofiane', 'Jana', 'Nordine', 'Clara', 'Ilias', 'Manon', 'Arne', 'Salma']
const LAST = ['Archives', 'Registre']

/** Thirty-six cases: concerned persons in both frameworks, a few relatives and professionals; most closed, some going on. */
const SHAPES: Shape[] = [
  ...Array.from({ length: 16 }, (_, i): Shape => ({
    kind: 'concerned',
    outcome: i < 4 ? null : i < 12 ? 'goals_reached' : i < 15 ? 'person_withdrew' : 'moved_away',
  })),
  ...Array.from({ length: 12 }, (_, i): Shape => ({
    kind: 'concerned',
    judicial: true,
    outcome: i < 3 ? null : i < 8 ? 'mandate_ended' : i < 11 ? 'goals_reached' : 'person_withdrew',
  })),
  ...Array.from({ length: 6 }, (_, i): Shape => ({
    kind: 'relative',
    outcome: i < 1 ? null : i < 4 ? 'goals_reached' : 'referred_elsewhere',
  })),
  { kind: 'professional', outcome: 'goals_reached' },
  { kind: 'professional', outcome: 'referred_elsewhere' },
]

/**
 * Last year's work of the second team (issue 14), so that the indicators and the yearly report
 * have a year to show: thirty-six fictitious cases opened through the year, their sessions (most
 * held, some missed or cancelled), and for most a closure asked by the worker and approved by the
 * team's lead two to seven months after the opening (most within the year, some early this one).
 * Written through the modules' commands, then dated back to last year in the
 * database, since a command dates what it writes by the clock (the seed's own audit entries keep
 * today's date, which is when they were written). The progress cohort's cases (`cohortIds`) are
 * dated back too, opened last autumn, so that last year's report counts their progress.
 */
export async function seedPastYear(services: Services, cohortIds: string[], now = new Date()): Promise<void> {
  const byEmail = async (local: string) =>
    services.db
      .selectFrom('users')
      .innerJoin('user_teams', 'user_teams.user_id', 'users.id')
      .select(['users.id', 'user_teams.team_id'])
      .where('users.email', '=', `${local}@${DEMO_DOMAIN}`)
      .executeTakeFirst()
  const [claire, sophie] = [await byEmail('intervenante'), await byEmail('responsable.wallonie')]
  if (!claire || !sophie) return
  const worker = await systemContext(services, claire.id, 'seed-demo')
  const lead = await systemContext(services, sophie.id, 'seed-demo')
  const year = Number(serviceToday(now).slice(0, 4)) - 1
  const dated: { id: string; opened: string; closed: string | null }[] = []

  for (const [i, shape] of SHAPES.entries()) {
    // Opened from January to October, a few days apart; closed two to seven months later, the last ones early this year.
    const opened = addDays(`${year}-01-06`, Math.floor((i * 290) / SHAPES.length))
    const closed = shape.outcome ? addDays(opened, 60 + ((i * 37) % 150)) : null
    const personId = await worker.write('person.created', async (trx, audit) => {
      const id = await createPerson(
        worker,
        trx,
        PersonInput.parse({
          firstName: FIRST[i % FIRST.length],
          lastName: `${LAST[i % LAST.length]}${i + 1}`,
          // Mid-band ages, so that the band kept on the case is the same on the day it is dated back to.
          birthYear: shape.kind === 'concerned' ? year - (i % 2 ? 22 : 30) : year - 45,
        }),
      )
      audit.subject('person', id)
      return id
    })
    const input: z.input<typeof CreateAccompaniment> = {
      kind: shape.kind,
      personId,
      teamId: claire.team_id,
      relationship: shape.kind === 'relative' ? 'parent' : shape.kind === 'professional' ? 'teacher' : null,
      summary: `Accompagnement de l'an dernier. ${FICTION}`,
      ...(shape.judicial
        ? {
            framework: {
              framework: 'judicial',
              measure: 'probation_condition',
              authorityKind: 'justice_house',
              authority: 'Maison de justice de Namur (fictive)',
              mandateStart: opened,
              mandateEnd: addDays(opened, 365),
              reportEveryMonths: 6,
            },
          }
        : {}),
    }
    const caseId = await open(worker, input)
    const last = closed ?? addDays(serviceToday(now), -7)
    const span = Math.max(1, (Date.parse(last) - Date.parse(opened)) / 86_400_000)
    const count = 3 + (i % 4)
    await onCase(worker, caseId, 'sessions', (trx, acc) =>
      sessions(
        worker,
        trx,
        acc,
        Array.from({ length: count + 1 }, (_, s) => ({
          on: addDays(opened, Math.floor(((s + 0.5) * span) / (count + 1))),
          at: '10:00',
          modality: s % 3 === 2 ? 'outreach' : 'office',
          // The last one missed on every third case, cancelled on every fourth, held otherwise.
          status: s === count && i % 3 === 0 ? 'missed' : s === count && i % 4 === 0 ? 'cancelled' : 'held',
        })),
      ),
    )
    if (shape.outcome) {
      await move(worker, caseId, 'request_closure', { outcome: shape.outcome, reason: `Fin de l'accompagnement. ${FICTION}` })
      await move(lead, caseId, 'approve_closure', { reason: `Clôture validée en réunion d'équipe. ${FICTION}` })
    }
    dated.push({ id: caseId, opened, closed })
  }

  for (const [i, id] of cohortIds.entries()) dated.push({ id, opened: addDays(`${year}-10-01`, i * 5), closed: null })
  await dateBack(services, dated)
}

/** Each case opened on its day and, if closed, closed on its own: the case, its timeline, its sessions' records and the approval's notice. */
async function dateBack(services: Services, cases: { id: string; opened: string; closed: string | null }[]): Promise<void> {
  await services.db.transaction().execute(async (trx) => {
    for (const c of cases) {
      const opened = `${c.opened}T09:00:00.000Z`
      const closed = c.closed ? `${c.closed}T16:00:00.000Z` : null
      await trx
        .updateTable('accompaniments')
        .set({ created_at: opened, ...(closed ? { closed_at: closed, updated_at: closed } : {}) })
        .where('id', '=', c.id)
        .execute()
      // A session was recorded on its day.
      await trx
        .updateTable('case_sessions')
        .set((eb) => ({ created_at: eb.ref('starts_at'), updated_at: eb.ref('starts_at') }))
        .where('accompaniment_id', '=', c.id)
        .execute()
      await trx
        .updateTable('accompaniment_events')
        .set({ at: opened })
        .where('accompaniment_id', '=', c.id)
        .where('type', 'in', ['created', 'assigned'])
        .execute()
      if (closed)
        await trx
          .updateTable('accompaniment_events')
          .set({ at: closed })
          .where('accompaniment_id', '=', c.id)
          .where('type', 'in', ['request_closure', 'approve_closure'])
          .execute()
      // The worker read the lead's approval back then: last year's closures are not today's news.
      if (closed)
        await trx
          .updateTable('notifications')
          .set({ created_at: closed, read_at: closed })
          .where('subject_id', '=', c.id)
          .where('event', '=', 'closure_approved')
          .execute()
    }
  })
}
