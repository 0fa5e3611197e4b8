import { PersonSummary, Progress } from '../../../common/contracts/progress.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { fromJson } from '../../db/json'
import { defineCaseRoute } from '../../http/case-route'
import { openPerson } from '../../security/person-access'
import { personSummaryOf, progressOf } from './progress.queries'

export const progressRoutes = [
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/progress',
    summary: 'Progress at a glance: review scores over time, plan completion, network change, trajectory counts',
    tags: ['desistance'],
    params: IdParams,
    response: Progress,
    allow: 'desistance.read',
    access: 'read',
    action: 'progress.viewed',
    async handler({ acc, trx, ctx }) {
      return progressOf(ctx, trx, acc)
    },
  }),
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/summary',
    summary: 'The plain-language summary for the person: their goals, progress and supportive network, nothing else',
    tags: ['desistance'],
    params: IdParams,
    response: PersonSummary,
    allow: 'desistance.read',
    access: 'read',
    action: 'person_summary.viewed',
    async handler({ acc, trx, ctx }) {
      const [person, key] = await Promise.all([openPerson(trx, ctx.user, acc.person_id), ctx.codec.personKey(trx, acc.person_id)])
      // Only the first name is opened: the summary addresses the person, it does not identify them.
      const { first_name: firstName } = ctx.codec.openRow('persons', key, person.id, { first_name_sealed: person.first_name_sealed })
      const summary = await personSummaryOf(ctx, trx, acc, firstName)
      // Not sealed, and not identifying: which language to print the person's sheet in.
      return { ...summary, languages: fromJson(person.languages) }
    },
  }),
]
