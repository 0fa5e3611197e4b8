import type { z } from 'zod'
import type { UpdateAccompaniment } from '../../../common/contracts/accompaniments.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { type ChangeableCase, updateCase } from '../../security/case-access'
import { addEvent } from './accompaniments.commands'

type Input = z.output<typeof UpdateAccompaniment>

/**
 * The situation and the framework change over a case's life: a mandate is extended, a voluntary
 * case becomes judicial. The timeline records which parts changed, never their sealed content.
 */
export async function updateDetails(ctx: RequestContext, trx: Trx, acc: ChangeableCase, version: number, input: Input): Promise<void> {
  const f = input.framework
  const judicial = f.framework === 'judicial'
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const sealed = ctx.codec.sealRow('accompaniments', key, acc.id, {
    authority: judicial ? f.authority : null,
    conditions: judicial ? f.conditions : null,
    reporting: judicial ? f.reporting : null,
    summary: input.summary,
  })
  const result = await updateCase(trx, acc)
    .set({
      framework: f.framework,
      measure: judicial ? f.measure : null,
      authority_kind: judicial ? f.authorityKind : null,
      mandate_start: judicial ? f.mandateStart : null,
      mandate_end: judicial ? f.mandateEnd : null,
      report_every_months: judicial ? f.reportEveryMonths : null,
      ...sealed,
      updated_at: ctx.now(),
      version: version + 1,
    })
    .where('accompaniments.version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) throw fail('version.mismatch')
  await addEvent(ctx, trx, acc, 'details_changed', {
    framework: f.framework,
    ...(f.framework !== acc.framework ? { frameworkFrom: acc.framework } : {}),
    ...(judicial ? { measure: f.measure, mandateEnd: f.mandateEnd } : {}),
  })
}
