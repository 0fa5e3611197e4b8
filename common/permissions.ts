import type { Role } from './roles'

/**
 * The permission vocabulary. A route names one of these (or a pseudo-permission below) in
 * `allow`; the server checks it before the handler runs, and the web app receives the resulting
 * abilities so that it never re-implements a rule.
 */
export const PERMISSIONS = {
  'person.search': ['intake', 'worker', 'lead'],
  'person.create': ['intake', 'worker', 'lead'],
  /** Object-level visibility is then decided by the query (creator, or a grant). */
  'person.read': ['intake', 'worker', 'lead'],
  'person.update': ['intake', 'worker', 'lead'],
  'accompaniment.create': ['intake', 'worker', 'lead'],
  /** Then decided per case by the query: assigned, team lead, or a break-the-glass grant. */
  'accompaniment.read': ['worker', 'lead'],
  'accompaniment.assign': ['lead'],
  /** Status changes and closure requests, by the case's workers or its team lead. */
  'accompaniment.update': ['worker', 'lead'],
  'accompaniment.approve_closure': ['lead'],
  'accompaniment.break_glass': ['worker', 'lead'],
  'access_grant.review': ['lead', 'dpo'],
  'case_session.read': ['worker', 'lead'],
  /** Issue 12: one's own calendar feed (a secret address for a calendar application). */
  'calendar.feed': ['worker', 'lead'],
  'case_session.write': ['worker', 'lead'],
  'task.read': ['worker', 'lead'],
  /** My day: one's cases' day for workers and leads; for whoever is on duty, the line's emergencies and call-backs (intake too). */
  'my_day.read': ['intake', 'worker', 'lead'],
  'task.write': ['worker', 'lead'],
  'document.read': ['worker', 'lead'],
  'document.write': ['worker', 'lead'],
  'report.write': ['worker', 'lead'],
  /** The desistance path (assessments, plan, trajectory, network): same case visibility as above. */
  'desistance.read': ['worker', 'lead'],
  'desistance.write': ['worker', 'lead'],
  /** Instrument definitions are not personal data: readable by whoever fills or manages them. */
  // Intake fills the triage grid (an instrument) on contacts: it reads the definitions, no one's answers.
  'instrument.read': ['intake', 'worker', 'lead', 'admin'],
  'instrument.manage': ['admin'],
  /** Information sheets are staff-written knowledge: read by the contact point's staff, written by leads and admins. */
  'sheet.read': ['intake', 'worker', 'lead', 'admin'],
  'sheet.manage': ['lead', 'admin'],
  'user.manage': ['admin'],
  /** The second person: confirms or refuses roles and teams another admin asked for (ADR 0007). */
  'user.confirm_grant': ['admin', 'dpo'],
  /** Account take-overs and confirmed grants, which the DPO acknowledges. */
  'dpo_alert.review': ['dpo'],
  /** Erasure by crypto-shredding (issue 13): the DPO proposes; the case team's lead or another DPO confirms. */
  'erasure.propose': ['dpo'],
  'erasure.decide': ['lead', 'dpo'],
  /** Issue 13: the register of data-subject requests, and the acts that rest on one. */
  'dpo_request.manage': ['dpo'],
  /** Retention schedules, legal holds and the runs that apply them. */
  'retention.manage': ['dpo'],
  'team.manage': ['admin'],
  'audit.read': ['dpo'],
  /** Issue 13: restriction of processing (art. 18), decided and lifted by the DPO. */
  'person.restrict': ['dpo'],
  /** Subject-access and portability exports (issue 13): started, followed and downloaded by the DPO only. */
  'dpo_export.run': ['dpo'],
  /** The contact point: then decided per contact by security/contact-access.ts (intake and leads all; workers those of their cases). */
  'contact.read': ['intake', 'worker', 'lead'],
  'contact.write': ['intake', 'worker', 'lead'],
  /** A lead acknowledges the immediate danger a triage found on a contact. */
  'contact.acknowledge_danger': ['lead'],
  /** The line's statistics (counts only, no one named): for the lead who runs it, not for those who answer it. */
  'contact.statistics': ['lead'],
  /** The list of contact themes (labels only): for those who file contacts and the admins who keep it. */
  'contact_theme.read': ['intake', 'worker', 'lead', 'admin'],
  'contact_theme.manage': ['admin'],
  /** The public form's inbox: intake and leads only, until a request becomes a contact. */
  'contact_request.read': ['intake', 'lead'],
  'contact_request.handle': ['intake', 'lead'],
  /** The contact point's line: hours, rota and emergency path are read by whoever answers it, set by the lead. */
  'duty.read': ['intake', 'worker', 'lead'],
  'duty.manage': ['lead'],
  /** Confidentiality exceptions: recorded by whoever disclosed, validated by a lead, registered for leads and the DPO. */
  'exception.record': ['intake', 'worker', 'lead'],
  'exception.validate': ['lead'],
  'exception.read_register': ['lead', 'dpo'],
  /** The legal bases a disclosure may rest on: listed to whoever records or reads exceptions, kept by the DPO. */
  'legal_basis.read': ['intake', 'worker', 'lead', 'dpo'],
  'legal_basis.manage': ['dpo'],
  /** The partner directory (organisations, services, need categories): public descriptions and staff contacts, no personal data. */
  'partner_directory.read': ['intake', 'worker', 'lead', 'admin'],
  'partner_directory.manage': ['lead', 'admin'],
  /** Loading a whole HSDS file replaces what it names: admins only. */
  'partner_directory.import': ['admin'],
  'need_category.manage': ['admin'],
  /** One's own notifications (for partner staff, their organisation's too): every role. */
  'notification.read_own': ['intake', 'worker', 'lead', 'partner', 'researcher', 'dpo', 'admin'],
  /** Orientation (issue 11): the consent registry and referrals of a case, for its workers and leads (the case door decides which). */
  'consent.read': ['worker', 'lead'],
  'consent.manage': ['worker', 'lead'],
  'referral.read': ['worker', 'lead'],
  'referral.manage': ['worker', 'lead'],
  /** A partner's staff: the referrals addressed to their own organisation, and nothing else of Parcours. */
  'referral.partner': ['partner'],
  /** Activity of the network, counts only: one organisation for its own staff (checked in the handler), all for leads and admins. */
  'partner_activity.read': ['lead', 'admin', 'partner'],
  'partner_activity.read_all': ['lead', 'admin'],
  /** Issue 13: the records of processing (art. 30) and the breach register (art. 33(5)), kept by the DPO alone. */
  'processing_register.manage': ['dpo'],
  'breach.manage': ['dpo'],
  /**
   * Issue 14: a team's activity as suppressed counts, for the lead who runs it, the DPO, who may
   * read any team's counts, and the researchers of an approved study of that team while it runs
   * (never a row: security/case-access.lists.ts `countedCases`).
   */
  'indicators.read': ['lead', 'dpo', 'researcher'],
  /** Issue 14: studies. A lead registers their team's; the DPO decides; researchers read those they are named on (checked in the query). */
  'study.read': ['researcher', 'lead', 'dpo'],
  'study.manage': ['lead'],
  'study.decide': ['dpo'],
  /** Closing an approved study (and deleting its extracts' files): its team's lead or the DPO. */
  'study.close': ['lead', 'dpo'],
  /** Issue 14: practice notes, about practice and never about someone: written by workers and leads, read and answered by researchers too. */
  'practice_note.read': ['worker', 'lead', 'researcher'],
  'practice_note.write': ['worker', 'lead'],
  'practice_note.comment': ['worker', 'lead', 'researcher'],
  /** Issue 14: run and download a study's extracts; only its named researchers and the DPO (checked in extractableStudy). */
  'study.extract': ['researcher', 'dpo'],
  /** Issue 14: the team's training and awareness log: kept by its workers and lead (their own teams), read by the DPO too; a lead deletes. */
  'training_session.read': ['worker', 'lead', 'dpo'],
  'training_session.write': ['worker', 'lead'],
  'training_session.delete': ['lead'],
  /** Issue 14: the yearly activity report, suppressed counts only: the team's lead, the DPO for any team. */
  'activity_report.read': ['lead', 'dpo'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

/** `public`: no session needed. `authenticated`: any signed-in user, whatever the role. */
export type Allow = Permission | 'public' | 'authenticated'

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission]
  return roles.some((r) => allowed.includes(r))
}

export function abilitiesOf(roles: readonly Role[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => rolesGrant(roles, p))
}
