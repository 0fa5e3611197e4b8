import { z } from 'zod'
import { ROLE_REQUEST_STATUSES } from '../duties'
import { ROLES } from '../roles'

const StaffRef = z.object({ id: z.uuid(), displayName: z.string() })
const TeamRef = z.object({ id: z.uuid(), name: z.string() })

/** Roles and teams asked for a user, given only once a second person confirms them. */
export const PendingGrant = z.object({
  requestId: z.uuid(),
  roles: z.array(z.enum(ROLES)),
  teamIds: z.array(z.uuid()),
  requestedBy: StaffRef,
  requestedAt: z.string(),
})

export const UserView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  teamIds: z.array(z.uuid()),
  disabled: z.boolean(),
  mfaEnabled: z.boolean(),
  activated: z.boolean(),
  /** Waiting for a second person: not effective, the user cannot use them. */
  pending: PendingGrant.nullable(),
  /** False on one's own account: nobody changes their own roles, teams or disabled state. */
  mayChangeAccess: z.boolean(),
  /** The partner organisation a `partner` account belongs to (null for every other role). */
  organisationId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
})
export type UserView = z.infer<typeof UserView>

export const UserList = z.object({ items: z.array(UserView), total: z.number().int() })

/** Far above any service's number of teams: a bound on input, not a rule of the service. */
const MAX_TEAMS = 100

export const CreateUserBody = z.object({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(120),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  teamIds: z.array(z.uuid()).max(MAX_TEAMS).default([]),
  /** Required for, and only for, a `partner` account: the organisation whose referrals it reaches. */
  organisationId: z.uuid().nullable().default(null),
})
export const UpdateUserBody = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(),
  teamIds: z.array(z.uuid()).max(MAX_TEAMS).optional(),
  disabled: z.boolean().optional(),
  organisationId: z.uuid().nullable().optional(),
})
/** Returned once: the admin hands the link to the user, who sets their own password. */
export const ActivationLink = z.object({ user: UserView, activationToken: z.string(), activationPath: z.string() })

/** A request for roles and teams, as the second person sees it before deciding. */
export const RoleRequestView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(ROLE_REQUEST_STATUSES),
  user: z.object({
    id: z.uuid(),
    displayName: z.string(),
    email: z.string(),
    activated: z.boolean(),
    disabled: z.boolean(),
    /** What the user holds already, so that the decider sees what the grant adds up to. */
    roles: z.array(z.enum(ROLES)),
    teams: z.array(TeamRef),
  }),
  roles: z.array(z.enum(ROLES)),
  teams: z.array(TeamRef),
  requestedBy: StaffRef,
  requestedAt: z.string(),
  decidedBy: StaffRef.nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  /** Whether the caller may confirm it: never the person who asked, nor the user concerned. */
  mayConfirm: z.boolean(),
})
export type RoleRequestView = z.infer<typeof RoleRequestView>
export const RoleRequestList = z.object({ items: z.array(RoleRequestView), total: z.number().int() })
export const RoleRequestQuery = z.object({
  status: z.enum(ROLE_REQUEST_STATUSES).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export const RefuseRoleRequestBody = z.object({ reason: z.string().trim().min(1).max(500) })

export const TeamView = z.object({ id: z.uuid(), name: z.string(), memberCount: z.number().int() })
export const TeamList = z.object({ items: z.array(TeamView) })
export const CreateTeamBody = z.object({ name: z.string().trim().min(1).max(120) })

export const TeamMember = z.object({ id: z.uuid(), displayName: z.string(), roles: z.array(z.enum(ROLES)), caseload: z.number().int() })
export const TeamMembers = z.object({ team: z.object({ id: z.uuid(), name: z.string() }), items: z.array(TeamMember) })
