import { ContactStatistics, ContactStatisticsQuery } from '../../../common/contracts/contact-statistics.contracts'
import { defineRoute } from '../../http/define-route'
import { contactStatistics } from './contact-statistics.queries'

/** The lead's view of the line over a period: counts and durations, never a contact or a name. */
export const contactStatisticsRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/contacts/statistics',
    summary:
      'The contact point over a period (default: the last twelve weeks): counts per week, call-back times, emergencies, exceptions, sheets given',
    tags: ['contacts'],
    query: ContactStatisticsQuery,
    response: ContactStatistics,
    allow: 'contact.statistics',
    async handler({ query, ctx }) {
      // Audited as a read of the line's figures; it shows no person, so the entry names none.
      return ctx.read('contact.statistics_viewed', async (trx, audit) => {
        const stats = await contactStatistics(trx, query, ctx.now())
        audit.detail({ from: stats.from, to: stats.to })
        return stats
      })
    },
  }),
]
