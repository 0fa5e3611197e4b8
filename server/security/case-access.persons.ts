import type { ExpressionBuilder } from 'kysely'
import type { Actor } from '../http/context'
import { seenBy } from './case-access.rule'

/**
 * Whether the actor reaches a person (the `persons` row in scope) through one of their cases,
 * honouring restriction or not: `openPerson` tells a restricted person's workers why they are refused.
 */
export function personLedThroughCase(actor: Actor, honourRestriction: boolean) {
  return (eb: ExpressionBuilder<any, 'persons'>) =>
    eb.exists(
      eb
        .selectFrom('accompaniments')
        .select('accompaniments.id')
        .where((inner) =>
          inner.or([
            inner('accompaniments.person_id', '=', inner.ref('persons.id')),
            inner('accompaniments.concerned_person_id', '=', inner.ref('persons.id')),
          ]),
        )
        .where(seenBy(actor, new Date().toISOString(), honourRestriction)),
    )
}

/** Whether the actor may read a person (the `persons` row in scope) through one of their visible cases (`visibleTo`). */
export function personReachableThroughCase(actor: Actor) {
  return personLedThroughCase(actor, true)
}
