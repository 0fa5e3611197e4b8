import { z } from 'zod'
import { LANGUAGES, ROLES } from '../roles'
import { PERMISSIONS } from '../permissions'

/** A session is open (`active`) or half open: MFA must be verified, or enrolled, first. */
export const SESSION_STATES = ['active', 'mfa_pending', 'mfa_enrolment'] as const
export type SessionState = (typeof SESSION_STATES)[number]

export const Password = z.string().min(12).max(128)

export const LoginBody = z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) })
export const LoginResult = z.object({
  status: z.enum(['signed_in', 'mfa_required', 'mfa_enrolment_required']),
})
export const MfaVerifyBody = z.object({ code: z.string().regex(/^\d{6}$/) })

export const Me = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  abilities: z.array(z.enum(Object.keys(PERMISSIONS) as [keyof typeof PERMISSIONS])),
  mfaEnabled: z.boolean(),
  /** The session is only half open: MFA must be verified or enrolled first. */
  sessionState: z.enum(SESSION_STATES),
  demo: z.boolean(),
  /** The account's language (interface at sign-in, e-mails); null: not chosen, the service's default. */
  language: z.enum(LANGUAGES).nullable(),
})
export type Me = z.infer<typeof Me>
export const LanguageBody = z.object({ language: z.enum(LANGUAGES) })

export const MfaEnrolment = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() })
export const MfaConfirmBody = z.object({ code: z.string().regex(/^\d{6}$/) })
export const PasswordChangeBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: Password })
export const ActivateBody = z.object({ token: z.string().min(20).max(200), password: Password })
