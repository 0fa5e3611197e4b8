/**
 * Every action the audit log can record: a closed list, like the error catalogue. The server's
 * `ctx.read`, `ctx.write` and `ctx.record` accept only these names, so that the DPO can trust
 * the vocabulary they filter on; the web app labels them through `audit.actions.<name>`.
 *
 * The kind says how the DPO reads an entry: `read` shows personal data, `change` writes it,
 * `access` is about the right to see (refusals, break-the-glass), `account` is about staff
 * accounts and sign-in, `system` is operator work (seeding, verification).
 */
export const AUDIT_ACTIONS = {
  'auth.login': 'account',
  'auth.logout': 'account',
  'auth.mfa': 'account',
  'user.created': 'account',
  'user.activated': 'account',
  'user.listed': 'account',
  'user.viewed': 'account',
  'user.updated': 'account',
  'user.password_changed': 'account',
  'user.mfa_reset': 'account',
  'user.mfa_enrolment_started': 'account',
  'user.mfa_enabled': 'account',
  'user.activation_issued': 'account',
  'user.role_confirmed': 'account',
  'user.role_refused': 'account',
  'user.role_requests_listed': 'account',
  'dpo_alert.listed': 'account',
  'dpo_alert.acknowledged': 'account',
  'team.created': 'account',
  'team.caseload_viewed': 'read',
  'instrument.created': 'system',
  'instrument.version_created': 'system',

  'access.denied': 'access',
  'rate.limited': 'access',
  'accompaniment.break_glass': 'access',
  'access_grant.listed': 'read',

  'person.searched': 'read',
  'person.viewed': 'read',
  'person.created': 'change',
  'person.updated': 'change',
  'person.cases_viewed': 'read',

  'accompaniment.listed': 'read',
  'accompaniment.viewed': 'read',
  'accompaniment.timeline_viewed': 'read',
  'accompaniment.created': 'change',
  'accompaniment.updated': 'change',
  'accompaniment.assigned': 'change',
  'accompaniment.suspend': 'change',
  'accompaniment.resume': 'change',
  'accompaniment.request_closure': 'change',
  'accompaniment.approve_closure': 'change',
  'accompaniment.refuse_closure': 'change',
  'accompaniment.reopen': 'change',
  'dashboard.viewed': 'read',
  'my_day.viewed': 'read',
  'calendar.viewed': 'read',

  'case_relative.listed': 'read',
  'case_relative.added': 'change',
  'case_relative.updated': 'change',
  'case_session.listed': 'read',
  'case_session.created': 'change',
  'case_session.updated': 'change',
  'task.listed': 'read',
  'task.created': 'change',
  'task.status_changed': 'change',
  'document.listed': 'read',
  'document.downloaded': 'read',
  'document.uploaded': 'change',
  'report.listed': 'read',
  'report.downloaded': 'read',
  'report.sent': 'change',

  'progress.viewed': 'read',
  'person_summary.viewed': 'read',
  'assessment.listed': 'read',
  'assessment.viewed': 'read',
  'assessment.created': 'change',
  'assessment.updated': 'change',
  'plan.viewed': 'read',
  'plan.history_viewed': 'read',
  'plan.version_viewed': 'read',
  'plan.saved': 'change',
  'trajectory.viewed': 'read',
  'trajectory.created': 'change',
  'trajectory.updated': 'change',
  'trajectory.deleted': 'change',
  'network.listed': 'read',
  'network.compared': 'read',
  'network.snapshot_created': 'change',
  'network.snapshot_updated': 'change',

  'duty.hours_updated': 'change',
  'duty.rota_updated': 'change',
  'duty.emergency_path_updated': 'change',
  'legal_basis.created': 'change',
  'legal_basis.updated': 'change',
  'exception.recorded': 'change',
  'exception.updated': 'change',
  'exception.decided': 'change',
  'exception.listed': 'read',
  'exception.viewed': 'read',

  'audit.viewed': 'read',
  'audit.verified': 'system',
  'names.reindexed': 'system',
  'job.retried': 'system',
  'seed.demo': 'system',
  'seed.demo_casework': 'system',
  'seed.demo_assessments': 'system',
  'seed.demo_plan_trajectory': 'system',
  'seed.demo_network': 'system',
  'seed.persons': 'system',
  'seed.caseload': 'system',
  'seed.caseload_staff': 'system',
} as const satisfies Record<string, 'read' | 'change' | 'access' | 'account' | 'system'>

export type AuditAction = keyof typeof AUDIT_ACTIONS
export type AuditKind = (typeof AUDIT_ACTIONS)[AuditAction]

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[]

export function isAuditAction(name: string): name is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, name)
}
