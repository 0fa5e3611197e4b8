import type { DataCategory, Purpose, SubjectCategory } from '../../../common/contracts/registers.contracts'
import type { SENSITIVE } from '../../security/codec'

type Sensitive = typeof SENSITIVE

/**
 * The category of data of every sealed field the codec declares. Typed against the declaration:
 * a new sealed table or field does not compile until it is placed here, so the register cannot
 * forget it.
 */
export const CATEGORY_OF_FIELD: { [T in keyof Sensitive]: { [K in keyof Sensitive[T]]: DataCategory } } = {
  persons: {
    first_name: 'identity',
    last_name: 'identity',
    other_names: 'identity',
    birth_date: 'identity',
    birth_year: 'identity',
    phone: 'contact_details',
    email: 'contact_details',
    notes: 'case_notes',
  },
  accompaniments: {
    authority: 'judicial',
    conditions: 'judicial',
    reporting: 'judicial',
    summary: 'case_notes',
    closure_reason: 'case_notes',
  },
  accompaniment_events: { note: 'case_notes' },
  access_grants: { reason: 'access_reasons' },
  case_sessions: { place: 'case_notes', notes: 'case_notes' },
  tasks: { title: 'case_notes' },
  documents: { filename: 'documents', content_key: 'documents' },
  judicial_reports: { content: 'judicial', recipient: 'judicial' },
  assessments: { answers: 'assessments' },
  plan_versions: { content: 'plans' },
  trajectory_events: { title: 'case_notes', description: 'case_notes' },
  case_relatives: { name: 'social_network', note: 'social_network' },
  network_snapshots: { ties: 'social_network', note: 'social_network' },
  contacts: { caller: 'contact_point', description: 'contact_point', summary: 'contact_point', referred_to: 'contact_point' },
  contact_triages: { answers: 'contact_point' },
  contact_history: { changes: 'contact_point' },
  contact_requests: { name: 'contact_details', phone: 'contact_details', email: 'contact_details', message: 'contact_point' },
  confidentiality_exceptions: {
    situation: 'disclosures',
    recipient_name: 'disclosures',
    disclosed: 'disclosures',
    refusal_reason: 'disclosures',
  },
  consents: { note: 'orientation' },
  referrals: { reason: 'orientation', request: 'orientation', summary: 'orientation', copy: 'orientation', decline_reason: 'orientation' },
  referral_feedback: { note: 'orientation' },
  // The data-subject request register and what answers it (art. 12–21), not confidentiality
  // exceptions: kept under the controller's legal obligation, for the DPO only.
  restrictions: { reason: 'data_subject_requests', lift_reason: 'data_subject_requests' },
  dpo_requests: { details: 'data_subject_requests', extension_reason: 'data_subject_requests', decision_reason: 'data_subject_requests' },
  legal_holds: { reason: 'judicial', lift_reason: 'judicial' },
  dpo_exports: { archive_key: 'documents' },
}

/**
 * Special categories: data about people under judicial measures is criminal data (art. 10);
 * assessments, notes, plans and the network speak of beliefs, health and family (art. 9).
 */
export const SPECIAL: Partial<Record<DataCategory, 'art9' | 'art10'>> = {
  judicial: 'art10',
  assessments: 'art9',
  case_notes: 'art9',
  plans: 'art9',
  social_network: 'art9',
  disclosures: 'art9',
}

/** Categories held in plain columns (staff accounts, the audit log): listed with where they live. */
export const PLAIN_SOURCES: Partial<Record<DataCategory, string[]>> = {
  staff_accounts: ['users.display_name', 'users.email', 'user_roles.role', 'partner_org_contacts.name'],
  audit_log: ['audit_log', 'audit_persons'],
}

/** Which data and which people each purpose concerns, from what the modules do. */
export const PURPOSE_SCOPE: Record<Purpose, { data: DataCategory[]; subjects: SubjectCategory[] }> = {
  accompaniment: {
    data: ['identity', 'contact_details', 'case_notes', 'assessments', 'plans', 'social_network', 'documents'],
    subjects: ['clients', 'relatives', 'third_parties'],
  },
  judicial_follow_up: { data: ['identity', 'judicial', 'case_notes'], subjects: ['clients'] },
  contact_point: { data: ['contact_details', 'contact_point'], subjects: ['callers', 'public_requesters', 'relatives'] },
  orientation: { data: ['identity', 'orientation'], subjects: ['clients', 'partner_staff'] },
  disclosure_exceptions: { data: ['disclosures', 'identity'], subjects: ['clients', 'relatives', 'third_parties'] },
  data_subject_rights: {
    data: ['data_subject_requests', 'identity'],
    subjects: ['clients', 'relatives', 'public_requesters', 'third_parties'],
  },
  statistics: { data: ['case_notes', 'contact_point'], subjects: ['clients', 'callers'] },
  security_audit: { data: ['staff_accounts', 'audit_log', 'access_reasons'], subjects: ['staff', 'clients', 'partner_staff'] },
}
