import crypto from 'node:crypto'
import type { z } from 'zod'
import type { PlanContent, PlanInput } from '../../../common/contracts/plans.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { AppError, fail } from '../../http/errors'
import { type ChangeableCase, insertRows } from '../../security/case-access'
import { refreshPlanFacts } from '../progress/progress-facts'
import { currentPlan } from './plans.queries'

type Input = z.output<typeof PlanInput>

/** A unique-key violation on either engine: another save took this version number first. */
export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

/**
 * Ids stay stable across versions so that trajectory links and "what changed" survive edits:
 * an id the client sends must be one of the current plan; items without one get a new id.
 */
function withIds(input: Input, known: Set<string>): PlanContent {
  const idFor = (id: string | undefined, field: string) => {
    if (!id) return crypto.randomUUID()
    if (!known.has(id)) throw new AppError('validation.failed', [{ field, code: 'unknown_id', message: 'Not an item of the current plan' }])
    return id
  }
  return {
    goals: input.goals.map((g, gi) => ({
      id: idFor(g.id, `goals.${gi}.id`),
      domain: g.domain,
      title: g.title,
      why: g.why,
      steps: g.steps.map((s, si) => ({
        id: idFor(s.id, `goals.${gi}.steps.${si}.id`),
        title: s.title,
        who: s.who,
        partner: s.partner,
        due: s.due,
        status: s.status,
      })),
    })),
    agreement: input.agreement,
  }
}

/** Saves the plan as a new version on top of `expected`; 412 when someone saved in between. */
export async function savePlan(ctx: RequestContext, trx: Trx, acc: ChangeableCase, expected: number, input: Input) {
  const current = await currentPlan(ctx, trx, acc)
  if (current.version !== expected) throw fail('version.mismatch')
  const known = new Set(current.goals.flatMap((g) => [g.id, ...g.steps.map((s) => s.id)]))
  const content = withIds(input, known)
  const id = crypto.randomUUID()
  const version = expected + 1
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const sealed = ctx.codec.sealRow('plan_versions', key, id, { content })
  try {
    await insertRows(trx, acc, 'plan_versions', {
      id,
      version,
      content_sealed: sealed.content_sealed,
      created_by: ctx.user.userId,
      created_at: ctx.now(),
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw fail('version.mismatch')
    throw error
  }
  await refreshPlanFacts(ctx, trx, acc, content)
  return { id, version, content }
}
