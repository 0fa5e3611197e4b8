import crypto from 'node:crypto'
import { type CompiledQuery, sql } from 'kysely'
import { ROLES, type Role } from '../../common/roles'
import type { DbKind } from '../db/database'
import type { Actor } from '../http/context'
import { asStaff, type StaffTx } from '../http/staff-fence'

export type SessionState = Actor['sessionState']

const tokenId = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

/** 256 random bits; only their hash is stored, so a database reader cannot hijack a session. */
export async function createSession(
  trx: StaffTx,
  userId: string,
  state: SessionState,
  absoluteMs: number,
): Promise<{ token: string; id: string }> {
  const token = crypto.randomBytes(32).toString('base64url')
  const id = tokenId(token)
  const now = new Date()
  await asStaff(trx)
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      state,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + absoluteMs).toISOString(),
    })
    .execute()
  return { token, id }
}

type SessionRow = {
  id: string
  state: SessionState
  last_seen_at: string
  expires_at: string
  user_id: string
  email: string
  display_name: string
  disabled: number | boolean
  roles: string | null
  teams: string | null
  denial_window_start: string | null
  denial_refusals: number | string | null
}

const compiledSessionQuery = new Map<DbKind, CompiledQuery>()

/**
 * The session with its user, roles and teams in one round trip per request. Its text depends only
 * on the engine, and its one parameter is the token's hash: built and compiled (through the staff
 * fence) once, then run with each request's id.
 */
function sessionQuery(db: StaffTx, kind: DbKind): CompiledQuery {
  let compiled = compiledSessionQuery.get(kind)
  if (!compiled) {
    const list = (column: string) =>
      kind === 'postgres'
        ? sql<string | null>`string_agg(${sql.ref(column)}, ',')`
        : sql<string | null>`group_concat(${sql.ref(column)}, ',')`
    compiled = asStaff(db)
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      // The user's refusals this minute (security/denial-limiter.ts), shared by every instance.
      .leftJoin('denial_windows', 'denial_windows.user_id', 'users.id')
      .select((eb) => [
        'denial_windows.window_start as denial_window_start',
        'denial_windows.refusals as denial_refusals',
        'sessions.id',
        'sessions.state',
        'sessions.last_seen_at',
        'sessions.expires_at',
        'users.id as user_id',
        'users.email',
        'users.display_name',
        'users.disabled',
        eb.selectFrom('user_roles').select(list('user_roles.role').as('v')).whereRef('user_roles.user_id', '=', 'users.id').as('roles'),
        eb.selectFrom('user_teams').select(list('user_teams.team_id').as('v')).whereRef('user_teams.user_id', '=', 'users.id').as('teams'),
      ])
      .where('sessions.id', '=', '')
      .compile()
    if (compiled.parameters.length !== 1) throw new Error('the session query takes exactly one parameter')
    compiledSessionQuery.set(kind, compiled)
  }
  return compiled
}

/**
 * Resolves a cookie token to the acting user, or null. Expiry (idle or absolute) and a
 * disabled account end the session on this very request.
 */
export async function resolveSession(db: StaffTx, kind: DbKind, token: string, idleMs: number): Promise<Actor | null> {
  const id = tokenId(token)
  const row = (await asStaff(db).executeQuery<SessionRow>({ ...sessionQuery(db, kind), parameters: [id] })).rows[0]
  if (!row) return null
  const now = Date.now()
  if (row.disabled || Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + idleMs <= now) {
    await asStaff(db).deleteFrom('sessions').where('id', '=', id).execute()
    return null
  }
  // Touch at most once a minute: idle timeout precision does not need a write per request.
  if (now - Date.parse(row.last_seen_at) > 60_000) {
    await asStaff(db)
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', id)
      .execute()
  }
  const roles = (row.roles ?? '').split(',')
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    roles: ROLES.filter((r: Role) => roles.includes(r)),
    teamIds: row.teams ? row.teams.split(',') : [],
    sessionId: row.id,
    sessionState: row.state,
    denials: row.denial_window_start ? { windowStart: row.denial_window_start, refusals: Number(row.denial_refusals) } : null,
  }
}

export async function setSessionState(trx: StaffTx, sessionId: string, state: SessionState): Promise<void> {
  await asStaff(trx).updateTable('sessions').set({ state }).where('id', '=', sessionId).execute()
}

export async function revokeSession(trx: StaffTx, sessionId: string): Promise<void> {
  await asStaff(trx).deleteFrom('sessions').where('id', '=', sessionId).execute()
}

export async function revokeUserSessions(trx: StaffTx, userId: string, except?: string): Promise<void> {
  let q = asStaff(trx).deleteFrom('sessions').where('user_id', '=', userId)
  if (except) q = q.where('id', '!=', except)
  await q.execute()
}
