import { Indicators, IndicatorsQuery, IndicatorTeams } from '../../../common/contracts/indicators.contracts'
import { defineRoute } from '../../http/define-route'
import { researchTeams } from '../../security/case-access'
import { fail } from '../../http/errors'
import { teamIndicators } from './indicators.queries'

/** Issue 14: what the service achieves, as counts that no reader can narrow down to a person. */
export const indicatorsRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/indicators',
    summary:
      "A team's activity over a period: accompaniments opened, active and closed, durations, sessions, contacts, referrals and progress; small counts suppressed",
    tags: ['indicators'],
    query: IndicatorsQuery,
    response: Indicators,
    allow: 'indicators.read',
    async handler({ query, ctx }) {
      // Counts only, each through the small-cell rule: the entry names no person.
      return ctx.read('indicators.viewed', async (trx, audit) => {
        audit.detail({ teamId: query.teamId, from: query.from, to: query.to })
        // The DPO may name any team: one that does not exist is a miss, not a table of zeros.
        const team = await trx.selectFrom('teams').select('id').where('id', '=', query.teamId).executeTakeFirst()
        if (!team) throw fail('resource.not_found')
        return teamIndicators(trx, ctx.user, query, ctx.now())
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/indicators/teams',
    summary:
      'The teams whose indicators the caller may read: a lead their own, a researcher those of their running approved studies, the DPO every team',
    tags: ['indicators'],
    response: IndicatorTeams,
    allow: 'indicators.read',
    async handler({ ctx }) {
      const actor = ctx.user
      const all = actor.roles.includes('dpo')
      // Team names are staff data, not personal data; the entry says which list was given, as the
      // researcher's reach comes from their studies.
      const items = await ctx.read('indicators.viewed', async (db, audit) => {
        audit.detail({ view: 'teams' })
        const led = actor.roles.includes('lead') ? actor.teamIds : []
        const teams = [...new Set([...led, ...(await researchTeams(db, actor))])]
        return all || teams.length > 0
          ? db
              .selectFrom('teams')
              .select(['id', 'name'])
              .$if(!all, (q) => q.where('id', 'in', teams))
              .orderBy('name')
              .execute()
          : []
      })
      return { items }
    },
  }),
]
