import { PersonInput } from '../../common/contracts/persons.contracts'
import { PlanInput } from '../../common/contracts/plans.contracts'
import { NetworkSnapshotInput } from '../../common/contracts/network.contracts'
import type { Services } from '../http/context'
import { createAssessment } from '../modules/assessments/assessments.commands'
import { createSnapshot } from '../modules/network/network.commands'
import { savePlan } from '../modules/plans/plans.commands'
import { createPerson } from '../modules/persons/persons.commands'
import { calendar, FICTION, onCase, open } from './casework.steps'
import { DEMO_DOMAIN } from './demo.data'
import { systemContext } from './system-context'

const FIRST = ['Anas', 'Bilal', 'Chloé', 'Dries', 'Elif', 'Farid', 'Gaëlle', 'Hamza', 'Inès', 'Jonas', 'Kenza', 'Liam', 'Maëlle']

/**
 * A cohort for the indicators (issue 14): thirteen fictitious accompaniments of the second team,
 * each with two progress reviews, a plan and two network maps, so that the progress figures show
 * both published counts and "< 10"; returns their ids. Written through the modules' commands, so that the progress
 * facts are written as in use. One write per person and per case: the demo's first start stays short.
 */
export async function seedProgressCohort(services: Services, now = new Date()): Promise<string[]> {
  const claire = await services.db
    .selectFrom('users')
    .innerJoin('user_teams', 'user_teams.user_id', 'users.id')
    .select(['users.id', 'user_teams.team_id'])
    .where('users.email', '=', `intervenante@${DEMO_DOMAIN}`)
    .executeTakeFirst()
  if (!claire) return []
  const ids: string[] = []
  const worker = await systemContext(services, claire.id, 'seed-demo')
  const { day } = calendar(now)
  for (const [i, firstName] of FIRST.entries()) {
    const personId = await worker.write('person.created', async (trx, audit) => {
      const id = await createPerson(worker, trx, PersonInput.parse({ firstName, lastName: 'Cohorte', birthYear: 1995 + (i % 9) }))
      audit.subject('person', id)
      return id
    })
    const caseId = await open(worker, {
      kind: 'concerned',
      personId,
      teamId: claire.team_id,
      summary: `Cohorte de démonstration. ${FICTION}`,
    })
    ids.push(caseId)
    // The last case has one review only: nothing to compare.
    const compared = i < FIRST.length - 1
    await onCase(worker, caseId, 'progress', async (trx, acc) => {
      // Housing: up for all as the worker rates it, for all but one as the person does; employment,
      // as the person rates it: up for most, some the same, one down.
      const housing = [3, 5 + (i % 4)]
      const ownHousing = i === 5 ? [6, 4] : [3, 6]
      const employment = i < 8 ? [3, 6] : i < 11 ? [5, 5] : [6, 4]
      const reviews = compared ? [day(-180), day(-20)] : [day(-20)]
      for (const [r, takenOn] of reviews.entries()) {
        const at = compared ? r : 1
        await createAssessment(worker, trx, acc, {
          instrument: 'progress-review',
          takenOn,
          answers: { housing: { worker: housing[at]!, person: ownHousing[at]! }, employment: { person: employment[at]! } },
        })
      }
      await savePlan(
        worker,
        trx,
        acc,
        0,
        PlanInput.parse({
          goals: [
            {
              domain: 'employment',
              title: `Trouver une formation. ${FICTION}`,
              steps: [{ title: `S'inscrire. ${FICTION}`, who: 'person', status: i < 10 ? 'done' : 'in_progress' }],
            },
            {
              domain: 'family',
              title: `Renouer avec la famille. ${FICTION}`,
              steps: [{ title: `Un appel par semaine. ${FICTION}`, who: 'person', status: i < 4 ? 'done' : 'in_progress' }],
            },
          ],
        }),
      )
      const family = { name: 'Famille (fictive)', kind: 'person', relation: 'family', strength: 2, valence: 'supportive' }
      const online = {
        name: 'Forum en ligne (fictif)',
        kind: 'online_community',
        relation: 'extremist_milieu',
        strength: 2,
        valence: 'harmful',
      }
      const club = { name: 'Club de sport (fictif)', kind: 'group', relation: 'community', strength: 2, valence: 'supportive' }
      const first = await createSnapshot(worker, trx, acc, NetworkSnapshotInput.parse({ takenOn: day(-180), ties: [family, online] }))
      if (compared) {
        // The harmful forum is left by most; a club is found by all.
        const ties = i < 9 ? [family, club] : [family, online, club]
        await createSnapshot(worker, trx, acc, NetworkSnapshotInput.parse({ takenOn: day(-20), ties }))
      }
      return first
    })
  }
  return ids
}
