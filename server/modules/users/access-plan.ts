import { needsSecondPerson, readsThroughTeams } from '../../../common/duties'
import { ROLES, type Role } from '../../../common/roles'

export type Grants = { roles: Role[]; teamIds: string[] }

/** What a change of a user's roles and teams does: some now, some after a second person. */
export type AccessPlan = {
  /** Taken away at once: removing access never waits. */
  remove: Grants
  /** Given at once: roles that need no second person, teams of a user who reads nothing through them. */
  add: Grants
  /** Waits for a second person. */
  request: Grants
  /** The waiting request already asks exactly this, and stays as it is (with its requester). */
  keepPending: boolean
}

const byRole = (a: Role, b: Role) => ROLES.indexOf(a) - ROLES.indexOf(b)
const unique = <T>(xs: Iterable<T>): T[] => [...new Set(xs)]
const minus = <T>(xs: T[], ys: T[]): T[] => xs.filter((x) => !ys.includes(x))
const sameSet = <T>(xs: T[], ys: T[]) => xs.length === ys.length && xs.every((x) => ys.includes(x))

/**
 * `wanted` is the whole set the admin asks for (as the edit form shows it: what the user holds
 * and what waits). A field left out keeps what the user holds and waits for. A team is a door to
 * cases only for a lead, so team additions wait when the user will be a lead (held, waiting or asked).
 */
export function planAccess(current: Grants, pending: Grants | null, wanted: { roles?: Role[]; teamIds?: string[] }): AccessPlan {
  const roles = unique(wanted.roles ?? [...current.roles, ...(pending?.roles ?? [])]).sort(byRole)
  const teamIds = unique(wanted.teamIds ?? [...current.teamIds, ...(pending?.teamIds ?? [])])
  const newRoles = minus(roles, current.roles)
  const newTeams = minus(teamIds, current.teamIds)
  const teamsRead = readsThroughTeams(roles)
  const request: Grants = { roles: newRoles.filter(needsSecondPerson), teamIds: teamsRead ? newTeams : [] }
  return {
    remove: { roles: minus(current.roles, roles), teamIds: minus(current.teamIds, teamIds) },
    add: { roles: newRoles.filter((r) => !needsSecondPerson(r)), teamIds: teamsRead ? [] : newTeams },
    request,
    keepPending: pending !== null && sameSet(pending.roles, request.roles) && sameSet(pending.teamIds, request.teamIds),
  }
}

export const isEmpty = (g: Grants): boolean => g.roles.length === 0 && g.teamIds.length === 0
