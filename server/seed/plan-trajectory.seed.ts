import { PlanInput } from '../../common/contracts/plans.contracts'
import { TrajectoryInput } from '../../common/contracts/trajectory.contracts'
import type { Services } from '../http/context'
import { savePlan } from '../modules/plans/plans.commands'
import { createEvent } from '../modules/trajectory/trajectory.commands'
import { rowsOf } from '../security/case-access'
import { onDemoWorkerCase } from './demo-case'

/** The same fictitious young man as the demo network: a plan saved twice, and his path so far. */
const PLAN_V1 = {
  goals: [
    {
      domain: 'schooling',
      title: "Obtenir le certificat d'électricien",
      why: 'Un métier concret, « avec les mains ».',
      steps: [
        { title: "S'inscrire à la formation du centre IFAPME", who: 'person', due: '2026-02-28', status: 'done' },
        { title: 'Demander la prise en charge du minerval', who: 'partner', partner: 'CPAS de Seraing', status: 'in_progress' },
      ],
    },
    {
      domain: 'family',
      title: 'Reprendre contact avec Kevin, son frère',
      steps: [{ title: 'Préparer ensemble un premier message', who: 'worker', status: 'not_started' }],
    },
    {
      domain: 'violence',
      title: 'Trouver comment décharger la colère sans se battre',
      steps: [{ title: 'Essayer un cours au club de boxe du quartier', who: 'person', due: '2026-03-31', status: 'not_started' }],
    },
  ],
  agreement: { status: 'partly', on: '2026-01-14', words: 'La formation oui. Mon frère, on verra. (Données fictives.)' },
}

function secondVersion(v1: { goals: { id: string; steps: { id: string }[] }[] }) {
  const [school, family, violence] = v1.goals as [(typeof v1.goals)[number], (typeof v1.goals)[number], (typeof v1.goals)[number]]
  const [g0, g1, g2] = PLAN_V1.goals as [(typeof PLAN_V1.goals)[number], (typeof PLAN_V1.goals)[number], (typeof PLAN_V1.goals)[number]]
  return {
    goals: [
      { ...g0, id: school.id, steps: g0.steps.map((s, i) => ({ ...s, id: school.steps[i]?.id, status: 'done' })) },
      { ...g1, id: family.id, steps: [{ ...g1.steps[0], id: family.steps[0]?.id, status: 'done' }] },
      { ...g2, id: violence.id, steps: [{ ...g2.steps[0], id: violence.steps[0]?.id, status: 'done' }] },
      {
        domain: 'housing',
        title: 'Un logement à lui, près du travail',
        steps: [{ title: "S'inscrire sur les listes du logement social", who: 'partner', partner: 'AIS Liège', due: '2026-12-15' }],
      },
    ],
    agreement: { status: 'agreed', on: '2026-06-02', words: "C'est mon plan, je le signe. (Données fictives.)" },
  }
}

const EVENTS = [
  { precision: 'year', date: '2012', phase: 'before', domain: 'family', valence: -2, title: 'Décès de son père' },
  { precision: 'month', date: '2016-09', phase: 'before', domain: 'schooling', valence: -1, title: "Exclusion de l'école" },
  {
    precision: 'year',
    date: '2019',
    phase: 'entry',
    domain: 'relationships',
    valence: -1,
    title: 'Entre dans le noyau dur des supporters',
  },
  { precision: 'month', date: '2021-03', phase: 'engagement', domain: 'identity', valence: -2, title: 'Rejoint le canal « Réveil »' },
  {
    precision: 'day',
    date: '2024-05-12',
    phase: 'turning_point',
    domain: 'citizenship',
    valence: -2,
    title: 'Arrêté après une bagarre',
    description: "Il dit que la nuit au commissariat l'a « réveillé autrement ». (Données fictives.)",
  },
  { precision: 'month', date: '2025-02', phase: 'doubt', domain: 'relationships', valence: 0, title: 'Longue discussion avec Karim' },
  {
    precision: 'month',
    date: '2026-03',
    phase: 'disengagement',
    domain: 'leisure',
    valence: 1,
    title: 'Premier entraînement au club de boxe',
  },
  {
    precision: 'day',
    date: '2026-06-20',
    phase: 're_engagement',
    domain: 'schooling',
    valence: 2,
    title: 'Réussit le premier module de la formation',
  },
]

/**
 * A plan in two versions and a trajectory on the demo worker's first case (the one the network
 * seed uses). Does nothing when that case already has a plan or a trajectory.
 */
export async function seedPlanAndTrajectory(services: Services): Promise<void> {
  await onDemoWorkerCase(services, 'seed.demo_plan_trajectory', false, async (ctx, trx, acc, audit) => {
    const [plan, event] = await Promise.all([
      rowsOf(trx, acc, 'plan_versions').select('plan_versions.id').limit(1).executeTakeFirst(),
      rowsOf(trx, acc, 'trajectory_events').select('trajectory_events.id').limit(1).executeTakeFirst(),
    ])
    if (plan || event) return
    const v1 = await savePlan(ctx, trx, acc, 0, PlanInput.parse(PLAN_V1))
    const v2 = await savePlan(ctx, trx, acc, 1, PlanInput.parse(secondVersion(v1.content)))
    for (const e of EVENTS) await createEvent(ctx, trx, acc, TrajectoryInput.parse(e))
    const [school, , , housing] = v2.content.goals
    const futures = [
      { date: '2027', title: 'Électricien diplômé, un premier contrat', domain: 'employment', goalIds: [school?.id] },
      { date: '2028', title: 'Mon appartement, et Sarah qui passe le dimanche', domain: 'housing', goalIds: [housing?.id] },
    ]
    for (const f of futures)
      await createEvent(
        ctx,
        trx,
        acc,
        TrajectoryInput.parse({ ...f, kind: 'future', precision: 'year', valence: 2, goalIds: f.goalIds.filter(Boolean) }),
      )
    audit.detail({ planVersions: 2, trajectory: EVENTS.length + futures.length })
  })
}
