import { z } from 'zod'
import { ROLES } from '../roles'

export const UserView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  teamIds: z.array(z.uuid()),
  disabled: z.boolean(),
  mfaEnabled: z.boolean(),
  activated: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
})
export type UserView = z.infer<typeof UserView>

export const UserList = z.object({ items: z.array(UserView), total: z.number().int() })

export const CreateUserBody = z.object({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(120),
  roles: z.array(z.enum(ROLES)).min(1),
  teamIds: z.array(z.uuid()).default([]),
})
export const UpdateUserBody = z.object({
  displayName: z.string().trim().min(1).max(120).optional(),
  roles: z.array(z.enum(ROLES)).min(1).optional(),
  teamIds: z.array(z.uuid()).optional(),
  disabled: z.boolean().optional(),
})
/** Returned once: the admin hands the link to the user, who sets their own password. */
export const ActivationLink = z.object({ user: UserView, activationToken: z.string(), activationPath: z.string() })

export const TeamView = z.object({ id: z.uuid(), name: z.string(), memberCount: z.number().int() })
export const TeamList = z.object({ items: z.array(TeamView) })
export const CreateTeamBody = z.object({ name: z.string().trim().min(1).max(120) })

export const TeamMember = z.object({ id: z.uuid(), displayName: z.string(), roles: z.array(z.enum(ROLES)), caseload: z.number().int() })
export const TeamMembers = z.object({ team: z.object({ id: z.uuid(), name: z.string() }), items: z.array(TeamMember) })
