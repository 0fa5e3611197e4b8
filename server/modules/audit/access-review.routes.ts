import {
  AccessReview,
  AccessReviewQuery,
  BREAK_GLASS_FLOOR,
  OUTLIER_FLOOR,
  OUTLIER_RATIO,
  Readers,
  ReadersQuery,
  UserReads,
  UserReadsQuery,
} from '../../../common/contracts/access-review.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { personCodes } from '../../security/person-access'
import { accessReview, readersOf, readsOf } from './access-review.queries'
import { personAskedAbout, personsNamed } from './audit.routes'

/**
 * The DPO's access review (issue 13). Each answer is a read of the log, recorded as one
 * `audit.viewed` entry like the audit screen's: the view and the filters used, never the values
 * typed (a name, a code); the person asked about is the entry's person, the user its subject.
 */
export const accessReviewRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/audit/access-review',
    summary: 'Per account, distinct persons and cases read per day over a period, with outlier days and break-the-glass use flagged',
    tags: ['audit'],
    query: AccessReviewQuery,
    response: AccessReview,
    allow: 'audit.read',
    async handler({ query, ctx }) {
      return ctx.read('audit.viewed', async (trx, audit) => {
        audit.detail({ view: 'access_review', filters: ['from', 'to'] })
        const users = await accessReview(trx, query)
        return { from: query.from, to: query.to, ratio: OUTLIER_RATIO, floor: OUTLIER_FLOOR, breakGlassFloor: BREAK_GLASS_FLOOR, users }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/audit/access-review/readers',
    summary: 'Who read a person between two dates (by id, code, or first and last name): POST, so that the name is in no URL',
    tags: ['audit'],
    body: ReadersQuery,
    response: Readers,
    allow: 'audit.read',
    async handler({ body, ctx }) {
      return ctx.read('audit.viewed', async (trx, audit) => {
        const by = body.personName ? 'name' : body.personCode ? 'code' : 'id'
        let ids: string[]
        if (body.personName) ids = await personsNamed(ctx, trx, body.personName)
        else {
          const id = await personAskedAbout(trx, body)
          ids = id ? [id] : []
        }
        // How many persons were designated, never the name or code typed.
        audit.detail({ view: 'access_review.readers', by, matched: ids.length, filters: ['from', 'to'] })
        if (ids.length === 0) return { matchedCodes: [], readers: [] }
        audit.person(ids[0]!)
        audit.shows(ids)
        const [readers, codes] = await Promise.all([readersOf(trx, ids, body), personCodes(trx, ids)])
        return { matchedCodes: ids.flatMap((id) => codes.get(id) ?? []), readers }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/audit/access-review/users/:id',
    summary: 'What one account read between two dates: persons and cases by code, with counts and first and last time',
    tags: ['audit'],
    params: IdParams,
    query: UserReadsQuery,
    response: UserReads,
    allow: 'audit.read',
    async handler({ params, query, ctx }) {
      return ctx.read('audit.viewed', async (trx, audit) => {
        audit.subject('user', params.id).detail({ view: 'access_review.user', filters: ['from', 'to'] })
        const user = await trx.selectFrom('users').select(['users.display_name']).where('users.id', '=', params.id).executeTakeFirst()
        // The page shows codes only, never a person's data: like the log's own pages, the entry
        // names the account asked about, not every code listed (see GET /api/audit).
        const reads = await readsOf(trx, params.id, query)
        return { actorId: params.id, actorName: user?.display_name ?? null, ...reads }
      })
    },
  }),
]
