import type { Role } from './roles'

/**
 * Separation of duties (ADR 0007). Granting any of these roles takes two people: the admin who
 * asks, and another admin or the DPO who confirms. Each reads personal data or gives the power
 * to confirm: intake searches persons by name (that someone is known here is itself sensitive),
 * worker and lead read cases, partner reads what is shared in referrals, researcher reads
 * pseudonymised data (still personal data, GDPR recital 26), dpo reads the audit log and runs
 * subject-access exports, and admin is itself a second person (and could otherwise be a puppet
 * account made to confirm one's own requests).
 */
export const SECOND_PERSON_ROLES = ['intake', 'worker', 'lead', 'partner', 'researcher', 'dpo', 'admin'] as const satisfies readonly Role[]

/** Roles for which a team is a door to cases: a lead reads all cases of their teams. */
export const TEAM_READING_ROLES = ['lead'] as const satisfies readonly Role[]

export const needsSecondPerson = (role: Role): boolean => (SECOND_PERSON_ROLES as readonly Role[]).includes(role)
export const readsThroughTeams = (roles: readonly Role[]): boolean => roles.some((r) => (TEAM_READING_ROLES as readonly Role[]).includes(r))

/** A request waits (`pending`) until another person confirms or refuses it, or a later change replaces it. */
export const ROLE_REQUEST_STATUSES = ['pending', 'confirmed', 'refused', 'withdrawn'] as const
export type RoleRequestStatus = (typeof ROLE_REQUEST_STATUSES)[number]

/** What the DPO is told about: the two take-over paths, and grants that another admin confirmed. */
export const DPO_ALERT_KINDS = ['activation_issued', 'mfa_reset', 'grant_confirmed'] as const
export type DpoAlertKind = (typeof DPO_ALERT_KINDS)[number]
