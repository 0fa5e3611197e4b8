import { describe, expect, it } from 'vitest'
import { changesBetween } from './plan-changes'
import type { PlanView } from './plan-vocabulary'

const step = (id: string, status: 'not_started' | 'done' = 'not_started') => ({
  id,
  title: `Step ${id}`,
  who: 'person' as const,
  partner: null,
  due: null,
  status,
})
const plan = (goals: PlanView['goals'], status: PlanView['agreement']['status'] = 'not_yet'): PlanView => ({
  accompanimentId: 'a',
  version: 1,
  savedAt: null,
  savedBy: null,
  goals,
  agreement: { status, on: null, words: null },
})

describe('what changed between two versions of a plan', () => {
  it('names goals and steps added and removed, status changes and the agreement', () => {
    const before = plan([
      { id: 'g1', domain: 'housing', title: 'Housing', why: null, steps: [step('s1'), step('s2')] },
      { id: 'g2', domain: 'family', title: 'Family', why: null, steps: [] },
    ])
    const after = plan(
      [
        { id: 'g1', domain: 'housing', title: 'Housing', why: null, steps: [step('s1', 'done'), step('s3')] },
        { id: 'g3', domain: 'health', title: 'Health', why: null, steps: [] },
      ],
      'agreed',
    )
    expect(changesBetween(before, after)).toEqual([
      { key: 'plan.change.goalAdded', values: { title: 'Health' } },
      { key: 'plan.change.goalRemoved', values: { title: 'Family' } },
      { key: 'plan.change.stepStatus', values: { title: 'Step s1', status: 'done' } },
      { key: 'plan.change.stepAdded', values: { title: 'Step s3' } },
      { key: 'plan.change.stepRemoved', values: { title: 'Step s2' } },
      { key: 'plan.change.agreement', values: { status: 'agreed' } },
    ])
    expect(changesBetween(after, after)).toEqual([])
  })
})
