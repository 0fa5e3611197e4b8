import {
  TrainingSessionInput,
  TrainingSessionList,
  TrainingSessionParams,
  TrainingSessionQuery,
  TrainingSessionView,
  TrainingTeams,
} from '../../../common/contracts/training-sessions.contracts'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { createSession, deleteSession, findSession, listSessions, loadSession, teamInReach, updateSession } from './training-sessions'

/** Issue 14: the training and awareness sessions a team gave, for its yearly activity report. */
export const trainingSessionRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/training-sessions',
    summary: "A team's training and awareness sessions, newest first, of one year when asked",
    tags: ['training-sessions'],
    query: TrainingSessionQuery,
    response: TrainingSessionList,
    allow: 'training_session.read',
    async handler({ ctx, query }) {
      return ctx.read('training_session.listed', async (trx, audit) => {
        audit.detail({ teamId: query.teamId, year: query.year ?? null })
        teamInReach(ctx.user, query.teamId, 'read')
        return listSessions(trx, ctx.codec, query)
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/training-sessions/teams',
    summary: 'The teams whose training log the caller may read: their own; every team for the DPO',
    tags: ['training-sessions'],
    response: TrainingTeams,
    allow: 'training_session.read',
    async handler({ ctx }) {
      const actor = ctx.user
      const all = actor.roles.includes('dpo')
      // Team names are staff data; the entry says which list was given.
      const items = await ctx.read('training_session.listed', async (trx, audit) => {
        audit.detail({ view: 'teams' })
        if (!all && actor.teamIds.length === 0) return []
        return trx
          .selectFrom('teams')
          .select(['id', 'name'])
          .$if(!all, (q) => q.where('id', 'in', actor.teamIds))
          .orderBy('name')
          .execute()
      })
      return { items }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/training-sessions',
    summary: 'Log a training or awareness session the team gave; a text naming a case, a person, an id, an e-mail or a phone is refused',
    tags: ['training-sessions'],
    body: TrainingSessionInput,
    response: TrainingSessionView,
    status: 201,
    allow: 'training_session.write',
    async handler({ ctx, body, reply }) {
      const view = await ctx.write('training_session.created', async (trx, audit) => {
        teamInReach(ctx.user, body.teamId, 'write')
        const id = await createSession(trx, ctx.codec, body, ctx.user.userId, ctx.now())
        audit.subject('training_session', id).detail({ teamId: body.teamId, audience: body.audience })
        return loadSession(trx, ctx.codec, id)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/training-sessions/:sessionId',
    summary: 'Change a training session of one of your teams (If-Match); it may move to another of your teams',
    tags: ['training-sessions'],
    params: TrainingSessionParams,
    body: TrainingSessionInput,
    response: TrainingSessionView,
    allow: 'training_session.write',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('training_session.updated', async (trx, audit) => {
        audit.subject('training_session', params.sessionId).detail({ teamId: body.teamId, audience: body.audience })
        const row = await findSession(trx, params.sessionId)
        teamInReach(ctx.user, row.team_id, 'write')
        teamInReach(ctx.user, body.teamId, 'write')
        await updateSession(trx, ctx.codec, params.sessionId, expected, body, ctx.user.userId, ctx.now())
        return loadSession(trx, ctx.codec, params.sessionId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/training-sessions/:sessionId',
    summary: "Lead: remove a training session of one's team (If-Match)",
    tags: ['training-sessions'],
    params: TrainingSessionParams,
    status: 204,
    allow: 'training_session.delete',
    async handler({ ctx, params, request }) {
      const expected = expectedVersion(request)
      await ctx.write('training_session.deleted', async (trx, audit) => {
        audit.subject('training_session', params.sessionId)
        const row = await findSession(trx, params.sessionId)
        teamInReach(ctx.user, row.team_id, 'delete')
        audit.detail({ teamId: row.team_id, version: expected })
        await deleteSession(trx, params.sessionId, expected)
      })
      return undefined
    },
  }),
]
