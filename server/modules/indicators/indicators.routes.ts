import { Indicators, IndicatorsQuery } from '../../../common/contracts/indicators.contracts'
import { defineRoute } from '../../http/define-route'
import { teamIndicators } from './indicators.queries'

/** Issue 14: what the service achieves, as counts that no reader can narrow down to a person. */
export const indicatorsRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/indicators',
    summary: "A team's activity over a period: accompaniments opened, active and closed, durations, sessions; small counts suppressed",
    tags: ['indicators'],
    query: IndicatorsQuery,
    response: Indicators,
    allow: 'indicators.read',
    async handler({ query, ctx }) {
      // Counts only, each through the small-cell rule: the entry names no person.
      return ctx.read('indicators.viewed', async (trx, audit) => {
        audit.detail({ teamId: query.teamId, from: query.from, to: query.to })
        return teamIndicators(trx, ctx.user, query)
      })
    },
  }),
]
