import type { ErrorCode, FieldError } from '../../common/contracts/problem.contracts'

/** The one error catalogue: every code the API can answer, with its status and English title. */
export const CATALOGUE: Record<ErrorCode, { status: number; title: string }> = {
  'validation.failed': { status: 400, title: 'The request has invalid fields' },
  'auth.required': { status: 401, title: 'Sign-in required' },
  'auth.invalid_credentials': { status: 401, title: 'E-mail or password incorrect' },
  'auth.throttled': { status: 429, title: 'Too many attempts; try again later' },
  'auth.mfa_required': { status: 401, title: 'Second factor required' },
  'auth.mfa_invalid': { status: 401, title: 'Code incorrect or already used' },
  'auth.mfa_enrolment_required': { status: 403, title: 'Set up the second factor first' },
  'auth.mfa_not_pending': { status: 409, title: 'No second-factor step is pending' },
  'auth.mfa_already_enabled': { status: 409, title: 'The second factor is already set up' },
  'auth.activation_invalid': { status: 400, title: 'Activation link invalid or expired' },
  'auth.password_rejected': { status: 400, title: 'Password not accepted' },
  'auth.password_incorrect': { status: 400, title: 'Current password incorrect' },
  'access.forbidden': { status: 403, title: 'Not allowed' },
  'access.already_granted': { status: 409, title: 'You can already open this case' },
  'access.self_change': { status: 403, title: 'Nobody changes their own roles or teams' },
  'access.second_person_required': { status: 403, title: 'Another person must confirm this' },
  'csrf.rejected': { status: 403, title: 'Cross-site request refused' },
  'resource.not_found': { status: 404, title: 'Not found' },
  'resource.erased': { status: 410, title: 'Erased at the request of the person concerned' },
  'export.already_downloaded': { status: 409, title: 'This export was downloaded and deleted' },
  'version.required': { status: 428, title: 'If-Match header with the record version required' },
  'version.mismatch': { status: 412, title: 'The record was changed by someone else' },
  'conflict.email_taken': { status: 409, title: 'This e-mail is already used' },
  'conflict.team_name_taken': { status: 409, title: 'A team with this name exists' },
  'conflict.theme_code_taken': { status: 409, title: 'A theme with this code exists' },
  'state.invalid_transition': { status: 409, title: 'Not possible in the current state' },
  // Says that the processing is restricted, never why (the reason is the DPO's, sealed).
  'processing.restricted': { status: 423, title: 'The processing of this record is restricted: it cannot be changed or shown' },
  'erasure.case_open': { status: 409, title: 'A case of this person is still open: record the refusal on the request instead' },
  'erasure.mandate_running': {
    status: 409,
    title: 'A judicial mandate about this person is still running: record the refusal on the request instead',
  },
  'rate.limited': { status: 429, title: 'Too many requests' },
  'payload.too_large': { status: 413, title: 'Request too large' },
  'server.error': { status: 500, title: 'Unexpected error' },
  'storage.full': { status: 507, title: 'Storage full: nothing was saved' },
  'storage.full_read': { status: 503, title: 'Storage full: reads cannot be recorded in the audit log' },
  'service.not_ready': { status: 503, title: 'Not ready to serve' },
  'public_form.expired': { status: 400, title: 'The form has expired or was already sent; please fill it in again' },
  'public_form.too_fast': { status: 400, title: 'The form was sent too quickly; please check it and send it again' },
  'public_form.refused': { status: 400, title: 'The form was not accepted' },
  'public_form.inbox_full': { status: 503, title: 'Requests cannot be received at the moment; please call the line' },
  'study.not_editable': { status: 409, title: 'Only a draft study can be changed or submitted' },
  'study.not_submitted': { status: 409, title: 'Only a submitted study can be decided' },
  'study.decider_involved': { status: 403, title: 'Whoever registered a study or works on it cannot decide on it' },
  'study.not_extractable': { status: 409, title: 'Nothing is extractable before the study is approved, nor outside its dates' },
  'study.extract_not_ready': { status: 409, title: 'This extract is still being made' },
  'study.extract_in_progress': { status: 409, title: 'An extract of this study is already being made' },
  'study.not_approved': { status: 409, title: 'Only an approved study can be closed' },
}

export class AppError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    readonly fieldErrors?: FieldError[],
    readonly detail?: string,
  ) {
    super(code)
    this.status = CATALOGUE[code].status
  }
}

export const fail = (code: ErrorCode, detail?: string) => new AppError(code, undefined, detail)
export const invalidField = (field: string, code: string, message: string) => new AppError('validation.failed', [{ field, code, message }])
