import { RecentList } from '../../../common/contracts/search.contracts'
import { Ok } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { clearRecent } from './recent.commands'
import { recentOf } from './recent.queries'

export const recentRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/me/recent',
    summary: 'The cases and persons I opened last, newest first, without those I may no longer open',
    tags: ['me'],
    response: RecentList,
    allow: 'person.read',
    async handler({ ctx }) {
      return ctx.read('recent_view.listed', async (trx, audit) => {
        const { list, persons } = await recentOf(ctx, trx)
        audit.subject('user', ctx.user.userId).shows(persons).detail({ shown: list.items.length })
        return list
      })
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/me/recent',
    summary: 'Forget the cases and persons I opened last',
    tags: ['me'],
    response: Ok,
    allow: 'person.read',
    async handler({ ctx }) {
      await ctx.write('recent_view.cleared', async (trx, audit) => {
        const removed = await clearRecent(trx, ctx.user.userId)
        audit.subject('user', ctx.user.userId).detail({ removed })
      })
      return { ok: true as const }
    },
  }),
]
