import type { z } from 'zod'
import { type ClosureOutcome, CreateAccompaniment } from '../../common/contracts/accompaniments.contracts'
import { CaseSessionInput } from '../../common/contracts/case-sessions.contracts'
import type { RequestContext, Trx } from '../http/context'
import { createAccompaniment } from '../modules/accompaniments/accompaniments.commands'
import { type Move, moveCase } from '../modules/accompaniments/lifecycle.commands'
import { createSession } from '../modules/case-sessions/case-sessions.commands'
import { renderPdf } from '../modules/reports/pdf'
import { addDays, addMonths } from '../modules/tasks/reminders.queries'
import { type ChangeableCase, openCase } from '../security/case-access'
import { searchByName } from '../security/person-access'
import { serviceToday, serviceWallTime } from '../time/service-day'

export const FICTION = '(Données fictives.)'

export type Case = ChangeableCase
export type Session = Omit<z.input<typeof CaseSessionInput>, 'startsAt'> & { on: string; at: string }

/**
 * Dates relative to the service's day the demo is seeded (Brussels, not UTC: seeded at 00:30 in
 * Brussels, "today" is already the new day), so that My day and the calendar always look current.
 */
export function calendar(now = new Date()) {
  const today = serviceToday(now)
  const day = (n: number) => addDays(today, n)
  /** Offices are closed at the weekend: a past date moves to the Friday before, a future one to the Monday after. */
  const workday = (n: number) => {
    const d = day(n)
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay()
    if (dow === 6) return addDays(d, n < 0 ? -1 : 2)
    if (dow === 0) return addDays(d, n < 0 ? -2 : 1)
    return d
  }
  return { today, day, workday, months: (n: number) => addMonths(today, n) }
}

/** A one-page certificate as the person might bring it in, plainly marked as invented. */
export function certificate(on: string): Promise<Buffer> {
  return renderPdf('Attestation de formation (fictive)', [
    { text: 'Centre de formation des Hauts-Fourneaux (fictif) — Charleroi', size: 9 },
    { text: "Attestation d'inscription", size: 16, bold: true, gap: 18 },
    {
      text: "Nous attestons que M. Julien Dupont suit la formation « Électricien installateur résidentiel » depuis le début de l'année de formation, avec assiduité.",
      gap: 12,
    },
    { text: `Fait à Charleroi, le ${on.split('-').reverse().join('/')}.`, gap: 12 },
    { text: 'Document fictif — données de démonstration de Parcours.', size: 9, gap: 24 },
  ])
}

/** One step of the demo story, by one actor, on one case: one transaction, one audit entry. */
export function onCase<T>(ctx: RequestContext, caseId: string, step: string, fn: (trx: Trx, acc: Case) => Promise<T>): Promise<T> {
  return ctx.write('seed.demo_casework', async (trx, audit) => {
    const acc = await openCase(trx, ctx.user, caseId, 'change')
    audit.subject('accompaniment', acc.id).person(acc.person_id).detail({ step })
    return fn(trx, acc)
  })
}

export function open(ctx: RequestContext, input: z.input<typeof CreateAccompaniment>): Promise<string> {
  return ctx.write('seed.demo_casework', async (trx, audit) => {
    const id = await createAccompaniment(ctx, trx, CreateAccompaniment.parse(input))
    audit.subject('accompaniment', id).person(input.personId).detail({ step: 'opened' })
    return id
  })
}

export async function sessions(ctx: RequestContext, trx: Trx, acc: Case, list: Session[]): Promise<void> {
  for (const { on, at, ...s } of list)
    await createSession(ctx, trx, acc, CaseSessionInput.parse({ ...s, startsAt: serviceWallTime(on, at) }))
}

export async function move(
  ctx: RequestContext,
  caseId: string,
  m: Move,
  extra: { reason?: string; outcome?: ClosureOutcome } = {},
): Promise<void> {
  await ctx.write('seed.demo_casework', async (trx, audit) => {
    const acc = await openCase(trx, ctx.user, caseId, 'manage')
    audit.subject('accompaniment', acc.id).person(acc.person_id).detail({ step: m })
    await moveCase(ctx, trx, acc, m, acc.version, extra)
  })
}

/** A demo person found by name among those the given account registered (names are sealed; the index finds them). */
export async function demoPerson(ctx: RequestContext, fullName: string): Promise<string> {
  const row = await ctx.read('seed.demo_casework', async (trx) => {
    const found = await searchByName(trx, ctx.user, ctx.names.query(fullName), fullName, {
      readableOnly: true,
      limit: 10,
      codec: ctx.codec,
    })
    const ids = found.matches.map((m) => m.personId)
    return ids.length
      ? trx.selectFrom('persons').select('id').where('id', 'in', ids).where('created_by', '=', ctx.user.userId).executeTakeFirst()
      : undefined
  })
  if (!row) throw new Error(`demo person missing: ${fullName}`)
  return row.id
}

/** The demo accounts who do the casework, and the demo's calendar. */
export type Cast = {
  intake: RequestContext
  worker: RequestContext
  colleague: RequestContext
  lead: RequestContext
  team: string
  colleagueTeam: string
  cal: ReturnType<typeof calendar>
}
