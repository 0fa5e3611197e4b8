import { RequestContext, type Services } from '../http/context'

/** A context for operator commands: their writes are audited like any other, under their actor. */
export async function systemContext(services: Services, actorUserId: string | null, requestId: string): Promise<RequestContext> {
  const ctx = new RequestContext(services, requestId, 'local', null)
  if (actorUserId) {
    const user = await services.db
      .selectFrom('users')
      .select(['id', 'email', 'display_name'])
      .where('id', '=', actorUserId)
      .executeTakeFirstOrThrow()
    const roles = await services.db.selectFrom('user_roles').select('role').where('user_id', '=', actorUserId).execute()
    const teams = await services.db.selectFrom('user_teams').select('team_id').where('user_id', '=', actorUserId).execute()
    ctx.actor = {
      userId: user.id,
      email: user.email,
      displayName: user.display_name,
      roles: roles.map((r) => r.role),
      teamIds: teams.map((t) => t.team_id),
      sessionId: 'cli',
      sessionState: 'active',
    }
  }
  return ctx
}
