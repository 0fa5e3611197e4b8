import type { UserView } from '../../../common/contracts/users.contracts'
import { ROLES } from '../../../common/roles'
import type { Row, Trx } from '../../http/context'
import { parseIds, parseRoles } from './role-requests.commands'

export const USER_COLUMNS = [
  'id',
  'email',
  'display_name',
  'disabled',
  'mfa_enabled',
  'password_hash',
  'organisation_id',
  'version',
  'created_at',
] as const
type UserRow = Pick<Row<'users'>, (typeof USER_COLUMNS)[number]>

/** Users as an admin sees them, with what waits for a second person; `actorId` is the caller. */
export async function presentUsers(trx: Trx, rows: UserRow[], actorId: string): Promise<UserView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [roles, teams, pending] = await Promise.all([
    trx.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).execute(),
    trx.selectFrom('user_teams').select(['user_id', 'team_id']).where('user_id', 'in', ids).execute(),
    trx
      .selectFrom('role_requests')
      .innerJoin('users', 'users.id', 'role_requests.requested_by')
      .select([
        'role_requests.id',
        'role_requests.user_id',
        'role_requests.roles',
        'role_requests.team_ids',
        'role_requests.requested_by',
        'role_requests.requested_at',
        'users.display_name',
      ])
      .where('role_requests.user_id', 'in', ids)
      .where('role_requests.status', '=', 'pending')
      .execute(),
  ])
  return rows.map((r) => {
    const waiting = pending.find((p) => p.user_id === r.id)
    return {
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      roles: roles
        .filter((x) => x.user_id === r.id)
        .map((x) => x.role)
        .filter((x) => ROLES.includes(x))
        .sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
      teamIds: teams.filter((x) => x.user_id === r.id).map((x) => x.team_id),
      disabled: r.disabled === 1,
      mfaEnabled: r.mfa_enabled === 1,
      activated: r.password_hash !== null,
      pending: waiting
        ? {
            requestId: waiting.id,
            roles: parseRoles(waiting.roles),
            teamIds: parseIds(waiting.team_ids),
            requestedBy: { id: waiting.requested_by, displayName: waiting.display_name },
            requestedAt: waiting.requested_at,
          }
        : null,
      mayChangeAccess: r.id !== actorId,
      organisationId: r.organisation_id,
      version: r.version,
      createdAt: r.created_at,
    }
  })
}
