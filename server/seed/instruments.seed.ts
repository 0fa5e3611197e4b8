import { LIFE_DOMAINS, type LifeDomain } from '../../common/contracts/desistance.contracts'
import type { Answers } from '../../common/contracts/instruments.contracts'
import type { Services } from '../http/context'
import { createAssessment } from '../modules/assessments/assessments.commands'
import { rowsOf } from '../security/case-access'
import { onDemoWorkerCase } from './demo-case'

const FICTION = '(Données fictives.)'

/** Progress reviews ten months apart: worker and person scores per domain, [worker, person]. */
const REVIEWS: { takenOn: string; scores: Record<LifeDomain, [number, number]>; comments: Partial<Record<LifeDomain, string>> }[] = [
  {
    takenOn: '2025-11-12',
    scores: {
      schooling: [3, 4],
      employment: [2, 3],
      housing: [5, 6],
      family: [4, 3],
      relationships: [3, 5],
      health: [4, 5],
      leisure: [2, 3],
      identity: [3, 2],
      citizenship: [4, 4],
      violence: [3, 5],
    },
    comments: { family: `Tensions avec son frère, sa mère reste présente. ${FICTION}`, leisure: `Passe ses soirées en ligne. ${FICTION}` },
  },
  {
    takenOn: '2026-03-18',
    scores: {
      schooling: [5, 6],
      employment: [3, 4],
      housing: [5, 6],
      family: [6, 5],
      relationships: [5, 6],
      health: [5, 6],
      leisure: [5, 6],
      identity: [4, 4],
      citizenship: [5, 5],
      violence: [5, 6],
    },
    comments: { schooling: `Inscrit à la formation électricien. ${FICTION}`, leisure: `Commence la boxe au club du quartier. ${FICTION}` },
  },
  {
    takenOn: '2026-09-22',
    scores: {
      schooling: [7, 7],
      employment: [5, 6],
      housing: [6, 7],
      family: [7, 7],
      relationships: [7, 8],
      health: [6, 7],
      leisure: [7, 8],
      identity: [6, 6],
      citizenship: [6, 6],
      violence: [7, 7],
    },
    comments: { identity: `Dit « ne plus avoir besoin d'eux pour savoir qui il est ». ${FICTION}` },
  },
]

function review(r: (typeof REVIEWS)[number]): Answers {
  return Object.fromEntries(
    LIFE_DOMAINS.map((d) => {
      const [worker, person] = r.scores[d]
      const comment = r.comments[d]
      return [d, { worker, person, ...(comment ? { comment } : {}) }]
    }),
  )
}

const MOTIVATIONS: Answers = {
  belonging: { worker: 8, person: 7, comment: `Cherchait un groupe après le déménagement et la perte de son emploi. ${FICTION}` },
  identity: { worker: 6, person: 4 },
  meaning: { worker: 5, person: 6 },
  status: { worker: 4, person: 2 },
  ideology: { worker: 3, person: 2, comment: `Les idées sont venues après le groupe, pas avant. ${FICTION}` },
  grievance: { worker: 7, person: 8, comment: `Se sent traité injustement depuis un contrôle de police. ${FICTION}` },
  crisis: { worker: 6, person: 5 },
  online: { worker: 8, person: 6 },
  own_words: { person: `« Là-bas, on me répondait toujours. Ici, personne ne m'écoutait. » ${FICTION}` },
  worker_reading: { worker: `Besoin d'appartenance et sentiment d'injustice avant tout ; l'idéologie est secondaire. ${FICTION}` },
}

const PROTECTIVE: Answers = {
  trusted_people: { worker: 6, person: 7, comment: `Sa mère et un ami d'enfance. ${FICTION}` },
  schooling: { worker: 4, person: 5 },
  work: { worker: 2, person: 3 },
  community_faith: { worker: 3, person: 3 },
  health: { worker: 6, person: 7 },
  skills: { worker: 7, person: 5, comment: `Habile de ses mains, patient avec les plus jeunes. ${FICTION}` },
  professionals: { worker: 5, person: 4 },
}

/**
 * Answer sets on the demo worker's first case (the one the network demo uses): motivations,
 * protective factors and three progress reviews. Does nothing when the case already has some.
 */
export async function seedInstruments(services: Services): Promise<void> {
  await onDemoWorkerCase(services, 'seed.demo_assessments', true, async (ctx, trx, acc, audit) => {
    if (await rowsOf(trx, acc, 'assessments').select('assessments.id').limit(1).executeTakeFirst()) return
    const sets = [
      { instrument: 'motivations', takenOn: '2025-11-05', answers: MOTIVATIONS },
      { instrument: 'protective-factors', takenOn: '2025-11-12', answers: PROTECTIVE },
      ...REVIEWS.map((r) => ({ instrument: 'progress-review', takenOn: r.takenOn, answers: review(r) })),
    ]
    for (const s of sets) await createAssessment(ctx, trx, acc, s)
    audit.detail({ assessments: sets.length })
  })
}
