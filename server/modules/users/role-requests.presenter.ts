import type { RoleRequestView } from '../../../common/contracts/users.contracts'
import { ROLES, type Role } from '../../../common/roles'
import type { Row, Trx } from '../../http/context'
import { parseIds, parseRoles } from './role-requests.commands'

export const REQUEST_COLUMNS = [
  'id',
  'user_id',
  'roles',
  'team_ids',
  'status',
  'requested_by',
  'requested_at',
  'decided_by',
  'decided_at',
  'reason',
  'version',
] as const
export type RoleRequestRow = Pick<Row<'role_requests'>, (typeof REQUEST_COLUMNS)[number]>

/** Requests as the second person sees them: who, for whom, what it adds to what they hold. */
export async function presentRequests(trx: Trx, rows: RoleRequestRow[], actorId: string): Promise<RoleRequestView[]> {
  if (rows.length === 0) return []
  const subjects = [...new Set(rows.map((r) => r.user_id))]
  const staff = [...new Set(rows.flatMap((r) => [r.user_id, r.requested_by, ...(r.decided_by ? [r.decided_by] : [])]))]
  const [users, roles, memberships] = await Promise.all([
    trx.selectFrom('users').select(['id', 'display_name', 'email', 'password_hash', 'disabled']).where('id', 'in', staff).execute(),
    trx.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', subjects).execute(),
    trx.selectFrom('user_teams').select(['user_id', 'team_id']).where('user_id', 'in', subjects).execute(),
  ])
  const teamIds = [...new Set([...memberships.map((m) => m.team_id), ...rows.flatMap((r) => parseIds(r.team_ids))])]
  const teams = teamIds.length ? await trx.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute() : []
  const team = (id: string) => ({ id, name: teams.find((t) => t.id === id)?.name ?? '' })
  const ref = (id: string) => ({ id, displayName: users.find((u) => u.id === id)?.display_name ?? '' })
  return rows.map((r) => {
    const u = users.find((x) => x.id === r.user_id)
    return {
      id: r.id,
      version: r.version,
      status: r.status,
      user: {
        id: r.user_id,
        displayName: u?.display_name ?? '',
        email: u?.email ?? '',
        activated: !!u?.password_hash,
        disabled: u?.disabled === 1,
        roles: ROLES.filter((role: Role) => roles.some((x) => x.user_id === r.user_id && x.role === role)),
        teams: memberships.filter((m) => m.user_id === r.user_id).map((m) => team(m.team_id)),
      },
      roles: parseRoles(r.roles),
      teams: parseIds(r.team_ids).map(team),
      requestedBy: ref(r.requested_by),
      requestedAt: r.requested_at,
      decidedBy: r.decided_by ? ref(r.decided_by) : null,
      decidedAt: r.decided_at,
      reason: r.reason,
      mayConfirm: r.status === 'pending' && r.requested_by !== actorId && r.user_id !== actorId,
    }
  })
}
