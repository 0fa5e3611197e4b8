import type { PlanView } from './plan-vocabulary'

export type Change = { key: string; values: Record<string, string> }

/** What changed from one version to the next, in words: goals and steps added or removed, statuses, agreement. */
export function changesBetween(before: PlanView, after: PlanView): Change[] {
  const out: Change[] = []
  const oldGoals = new Map(before.goals.map((g) => [g.id, g]))
  const newGoals = new Map(after.goals.map((g) => [g.id, g]))
  for (const g of after.goals) if (!oldGoals.has(g.id)) out.push({ key: 'plan.change.goalAdded', values: { title: g.title } })
  for (const g of before.goals) if (!newGoals.has(g.id)) out.push({ key: 'plan.change.goalRemoved', values: { title: g.title } })
  const oldSteps = new Map(before.goals.flatMap((g) => g.steps.map((s) => [s.id, s] as const)))
  const newSteps = new Set(after.goals.flatMap((g) => g.steps.map((s) => s.id)))
  for (const g of after.goals)
    for (const s of g.steps) {
      const was = oldSteps.get(s.id)
      if (!was) out.push({ key: 'plan.change.stepAdded', values: { title: s.title } })
      else if (was.status !== s.status) out.push({ key: 'plan.change.stepStatus', values: { title: s.title, status: s.status } })
    }
  for (const g of before.goals)
    for (const s of g.steps) if (!newSteps.has(s.id)) out.push({ key: 'plan.change.stepRemoved', values: { title: s.title } })
  if (before.agreement.status !== after.agreement.status)
    out.push({ key: 'plan.change.agreement', values: { status: after.agreement.status } })
  return out
}
