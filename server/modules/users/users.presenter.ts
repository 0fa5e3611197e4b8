import type { UserView } from '../../../common/contracts/users.contracts'
import { ROLES, type Role } from '../../../common/roles'
import type { Trx } from '../../http/context'

type UserRow = {
  id: string
  email: string
  display_name: string
  disabled: number
  mfa_enabled: number
  password_hash: string | null
  version: number
  created_at: string
}

export const USER_COLUMNS = ['id', 'email', 'display_name', 'disabled', 'mfa_enabled', 'password_hash', 'version', 'created_at'] as const

export async function presentUsers(trx: Trx, rows: UserRow[]): Promise<UserView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [roles, teams] = await Promise.all([
    trx.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', ids).execute(),
    trx.selectFrom('user_teams').select(['user_id', 'team_id']).where('user_id', 'in', ids).execute(),
  ])
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    roles: roles
      .filter((x) => x.user_id === r.id)
      .map((x) => x.role as Role)
      .filter((x) => ROLES.includes(x))
      .sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
    teamIds: teams.filter((x) => x.user_id === r.id).map((x) => x.team_id),
    disabled: r.disabled === 1,
    mfaEnabled: r.mfa_enabled === 1,
    activated: r.password_hash !== null,
    version: r.version,
    createdAt: r.created_at,
  }))
}
