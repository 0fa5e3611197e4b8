import { NameDisplay, NameDisplayBody } from '../../../common/contracts/names.contracts'
import { defineRoute } from '../../http/define-route'
import type { RequestContext } from '../../http/context'

/**
 * The privacy screen (issue 12): whether client names on My day, the calendar and the dashboard
 * are masked to initials until hovered or focused. Remembered per user on the server, so that it
 * follows the user from one computer to the next; a user who has not chosen follows the service's
 * setting (PARCOURS_NAMES_DEFAULT). A preference of the user's own screen, about no person: staff
 * data, read and written without an audit entry.
 */
async function present(ctx: RequestContext) {
  const row = await ctx.unaudited((db) =>
    db.selectFrom('users').select('names_masked').where('id', '=', ctx.user.userId).executeTakeFirstOrThrow(),
  )
  const serviceDefault = ctx.services.config.namesDefault
  const own = row.names_masked !== null
  return { masked: own ? row.names_masked === 1 : serviceDefault === 'initials', serviceDefault, own }
}

export const privacyScreenRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/me/privacy-screen',
    summary: 'My privacy screen: are client names masked to initials where I work?',
    tags: ['me'],
    response: NameDisplay,
    allow: 'authenticated',
    async handler({ ctx }) {
      return present(ctx)
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/me/privacy-screen',
    summary: "Turn my privacy screen on or off (null: follow the service's setting); idempotent",
    tags: ['me'],
    body: NameDisplayBody,
    response: NameDisplay,
    allow: 'authenticated',
    async handler({ body, ctx }) {
      const value = body.masked === null ? null : body.masked ? 1 : 0
      await ctx.unaudited((db) => db.updateTable('users').set({ names_masked: value }).where('id', '=', ctx.user.userId).execute())
      return present(ctx)
    },
  }),
]
