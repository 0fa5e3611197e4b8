import { z } from 'zod'

/** Stable error codes: the web app translates them (`errors.<code>`), clients may branch on them. */
export const ERROR_CODES = [
  'validation.failed',
  'auth.required',
  'auth.invalid_credentials',
  'auth.throttled',
  'auth.mfa_required',
  'auth.mfa_invalid',
  'auth.mfa_enrolment_required',
  'auth.mfa_not_pending',
  'auth.mfa_already_enabled',
  'auth.activation_invalid',
  'auth.password_rejected',
  'auth.password_incorrect',
  'access.forbidden',
  'access.already_granted',
  'access.self_change',
  'access.second_person_required',
  'csrf.rejected',
  'resource.not_found',
  'resource.erased',
  'export.already_downloaded',
  'version.required',
  'version.mismatch',
  'conflict.email_taken',
  'conflict.team_name_taken',
  'conflict.theme_code_taken',
  'state.invalid_transition',
  'processing.restricted',
  'erasure.case_open',
  'erasure.mandate_running',
  'rate.limited',
  'payload.too_large',
  'server.error',
  'storage.full',
  'storage.full_read',
  'service.not_ready',
  'public_form.expired',
  'public_form.too_fast',
  'public_form.refused',
  'public_form.inbox_full',
  'study.not_editable',
  'study.not_submitted',
  'study.decider_involved',
  'study.not_extractable',
  'study.not_approved',
  'study.extract_not_ready',
  'study.extract_in_progress',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const FieldError = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
})
export type FieldError = z.infer<typeof FieldError>

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.enum(ERROR_CODES),
  detail: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(FieldError).optional(),
})
export type Problem = z.infer<typeof Problem>
