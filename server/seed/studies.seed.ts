import crypto from 'node:crypto'
import { toJson } from '../db/json'
import type { Services } from '../http/context'
import { addDays } from '../modules/dpo-requests/dpo-requests.deadline'
import { serviceToday } from '../time/service-day'
import { DEMO_DOMAIN } from './demo.data'
import { systemContext } from './system-context'

/**
 * One approved study (issue 14), running from a month ago for eleven months: registered by the
 * demo lead for their team, decided by the demo DPO, with the demo researcher named on it, so that
 * each of the three sees the studies page as they would in use.
 */
export async function seedStudies(services: Services): Promise<void> {
  const byEmail = async (local: string) =>
    (await services.db.selectFrom('users').select('id').where('email', '=', `${local}@${DEMO_DOMAIN}`).executeTakeFirstOrThrow()).id
  const [lead, researcher, dpo] = [await byEmail('responsable'), await byEmail('recherche'), await byEmail('dpo')]
  const team = await services.db.selectFrom('user_teams').select('team_id').where('user_id', '=', lead).executeTakeFirstOrThrow()
  const ctx = await systemContext(services, null, 'seed-demo')
  const now = new Date().toISOString()
  const today = serviceToday(now)
  await ctx.write('seed.demo_studies', async (trx, audit) => {
    const id = crypto.randomUUID()
    await trx
      .insertInto('studies')
      .values({
        id,
        team_id: team.team_id,
        title: 'Durée des accompagnements volontaires et mandatés',
        question:
          'La durée et le nombre d’entretiens d’un accompagnement diffèrent-ils selon qu’il est volontaire ou mandaté, à âge et province comparables ? (Étude fictive — données de démonstration.)',
        protocol:
          'Analyse descriptive des dossiers clôturés de l’équipe, sur variables généralisées uniquement ; seuil de k-anonymat 5 ; extrait conservé sur le poste chiffré de l’université et détruit à la fin de l’étude.',
        approving_body: 'Comité d’éthique (fictif) de l’Université de démonstration',
        approval_reference: 'CE-DEMO-2026-014',
        starts_on: addDays(today, -30),
        ends_on: addDays(today, 335),
        variables: toJson(['age_band', 'province', 'framework', 'duration_band', 'sessions_held_band']),
        status: 'approved',
        decided_by: dpo,
        decided_at: now,
        decision_note: 'Variables limitées à la question ; pas de variable plus fine que la province.',
        created_by: lead,
        created_at: now,
        version: 3,
      })
      .execute()
    await trx.insertInto('study_researchers').values({ study_id: id, user_id: researcher }).execute()
    audit.subject('study', id)
  })
}
