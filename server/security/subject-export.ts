import type { AccessLogEntry, FlaggedSpot } from '../../common/contracts/dpo-exports.contracts'
import type { Database } from '../db/schema'
import type { ModuleServices, RecordingCodec, Trx } from '../http/context'
import type { SensitiveTable } from './codec'

/**
 * The subject-access door (GDPR art. 15 and 20): everything Parcours holds about one person,
 * read in one transaction of the export job's audited read. It names the person and case tables
 * directly, which is why it lives beside the other doors rather than in a module.
 *
 * What each table holding personal data gives the export is declared in `EXPORT_COVERAGE`;
 * `subject-export.api.test.ts` reads the real schema of both engines and fails when a table with
 * personal data (a `_sealed` column, a person, key, case or contact column) is declared neither
 * exported nor excluded.
 */
type Coverage = { covered: 'exported'; reason: string } | { covered: 'excluded'; reason: string }

export const EXPORT_COVERAGE: Partial<Record<keyof Database, Coverage>> = {
  persons: { covered: 'exported', reason: 'identity' },
  accompaniments: { covered: 'exported', reason: 'cases where the person is the client; cases about them as a relative listed by code' },
  accompaniment_events: { covered: 'exported', reason: 'case timeline' },
  accompaniment_workers: { covered: 'exported', reason: 'who works on the case' },
  access_grants: { covered: 'exported', reason: 'break-the-glass access to the case' },
  case_sessions: { covered: 'exported', reason: 'sessions' },
  tasks: { covered: 'exported', reason: 'tasks of the case' },
  documents: { covered: 'exported', reason: 'documents, the files themselves in the archive' },
  judicial_reports: { covered: 'exported', reason: 'reports sent to the authority' },
  assessments: { covered: 'exported', reason: 'assessments and progress reviews' },
  plan_versions: { covered: 'exported', reason: 'plans, every version' },
  trajectory_events: { covered: 'exported', reason: 'trajectory' },
  case_relatives: { covered: 'exported', reason: "the case's relatives, and the person's own links as a relative" },
  network_snapshots: { covered: 'exported', reason: 'network snapshots' },
  contacts: { covered: 'exported', reason: 'contacts linked to the person' },
  contact_triages: { covered: 'exported', reason: 'triage answers of those contacts' },
  contact_history: { covered: 'exported', reason: 'changes made to those contacts' },
  contact_information_given: { covered: 'exported', reason: 'information sheets given on those contacts' },
  contact_requests: { covered: 'exported', reason: 'public requests that became those contacts' },
  confidentiality_exceptions: { covered: 'exported', reason: 'confidentiality exceptions' },
  consents: { covered: 'exported', reason: 'consents' },
  referrals: { covered: 'exported', reason: "referrals (without the partner's copy, sealed under the referral's own key)" },
  referral_feedback: { covered: 'exported', reason: 'feedback on those referrals' },
  referral_events: { covered: 'exported', reason: 'history of those referrals' },
  audit_log: { covered: 'exported', reason: 'who accessed the data when (accessLog)' },
  audit_persons: { covered: 'exported', reason: 'the index through which accessLog is read' },
  dpo_requests: { covered: 'exported', reason: "the person's requests to the DPO, this one included" },
  person_keys: { covered: 'excluded', reason: 'encryption keys, not data about the person' },
  person_name_sets: { covered: 'excluded', reason: 'which set of name search keys the name makes, derived from the identity exported' },
  name_set_keys: { covered: 'excluded', reason: 'keyed hashes of names for search, shared by the persons named alike' },
  document_chunks: { covered: 'excluded', reason: "sealed document bytes: the documents' content is exported as files" },
  case_opens: { covered: 'excluded', reason: "staff's recent cases, a convenience for the staff; accesses are in accessLog" },
  instruments: { covered: 'excluded', reason: 'questionnaires the staff define; `client_kinds` names kinds of clients, not a person' },
  users: { covered: 'excluded', reason: 'staff accounts (the MFA secret is the staff member’s own)' },
  dpo_exports: { covered: 'excluded', reason: 'the exports themselves, listed in the audit log' },
  retention_runs: { covered: 'excluded', reason: 'retention runs: counts per kind, no person' },
  retention_run_items: { covered: 'excluded', reason: 'ids of the cases, contacts and requests a run took, and what became of them' },
  practice_notes: { covered: 'excluded', reason: 'notes about practice; a text naming a case or a person is refused' },
  practice_note_comments: { covered: 'excluded', reason: 'comments on those notes, under the same refusal' },
  study_extracts: {
    covered: 'excluded',
    reason:
      'a study’s sealed files of generalised, k-anonymised records under per-study pseudonyms (GDPR art. 89); each extract that read the person is in their access log',
  },
  study_extract_files: {
    covered: 'excluded',
    reason: 'the sealed files of the extracts above (0071): generalised, k-anonymised records under per-study pseudonyms',
  },
  breaches: { covered: 'excluded', reason: 'a security incident’s record: numbers of persons affected, never who' },
  case_progress_facts: {
    covered: 'excluded',
    reason:
      'codes and numbers derived from the reviews, plans and network maps exported in full above (first and latest score per domain, goal and tie counts), kept for the indicators',
  },
  training_sessions: {
    covered: 'excluded',
    reason:
      'training and awareness sessions the service gave: audiences, organisations and counts; a text naming a case or a person is refused',
  },
  erasures: { covered: 'exported', reason: 'erasure proposals about the person and their decision (ids, dates, who)' },
  restrictions: { covered: 'exported', reason: 'restrictions of processing and their lifting, with the reasons' },
  legal_holds: { covered: 'exported', reason: 'legal holds on the person’s own cases, with the reasons' },
}

export type ExportRow = Record<string, unknown>
export type SubjectData = {
  person: ExportRow
  language: 'fr' | 'nl' | 'de' | 'en'
  sections: Record<string, ExportRow[]>
  files: { name: string; bytes: Buffer }[]
  accessLog: AccessLogEntry[]
  thirdParties: FlaggedSpot[]
  caseIds: string[]
}

/** The plain columns of a row, its sealed ones opened (null when the key is gone), staff ids named. */
function openAs(codec: RecordingCodec, table: SensitiveTable, key: Buffer | undefined, row: Record<string, unknown>): ExportRow {
  const plain: ExportRow = {}
  const sealed: Record<string, unknown> = {}
  for (const [column, value] of Object.entries(row)) {
    if (column.endsWith('_sealed')) sealed[column] = value
    else plain[column] = value
  }
  if (!key) return { ...plain, erased: true }
  const opened = codec.openRow(table, key, String(row.id), sealed as never) as Record<string, unknown>
  return { ...plain, ...opened }
}

const ids = <T extends { id: string }>(rows: T[]) => rows.map((r) => r.id)

/** Reads everything about `personId`, in the caller's audited transaction. */
export async function gatherSubject(trx: Trx, codec: RecordingCodec, services: ModuleServices, personId: string): Promise<SubjectData> {
  const flags: FlaggedSpot[] = []
  const flag = (table: string, rowId: string, field: string, reason: FlaggedSpot['reason']) => flags.push({ table, rowId, field, reason })
  const sections: Record<string, ExportRow[]> = {}
  const files: SubjectData['files'] = []

  const personRow = await trx.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow()
  const key = await codec.personKey(trx, personId)
  const person = openAs(codec, 'persons', key, personRow)
  const languages = JSON.parse(String(personRow.languages)) as string[]
  const language = (languages.find((l) => ['fr', 'nl', 'de', 'en'].includes(l)) ?? 'fr') as SubjectData['language']

  // Cases: the person's own in full; those about them (a relative's case) and those they are a
  // linked relative of are another client's: listed by code, their content is that client's.
  const own = await trx.selectFrom('accompaniments').selectAll().where('person_id', '=', personId).orderBy('created_at').execute()
  const caseIds = ids(own)
  const about = await trx
    .selectFrom('accompaniments')
    .select(['id', 'code', 'kind', 'status', 'relationship', 'created_at'])
    .where('concerned_person_id', '=', personId)
    .execute()
  sections.accompaniments = [
    ...own.map((r) => ({ ...openAs(codec, 'accompaniments', key, r), role: 'client' })),
    ...about.map((r) => ({ ...r, role: 'concerned_person' })),
  ]
  for (const r of about) flag('accompaniments', r.id, 'case', 'third_party_named')

  const linked = await trx.selectFrom('case_relatives').selectAll().where('person_id', '=', personId).execute()
  const linkedCases = linked.length
    ? await trx
        .selectFrom('accompaniments')
        .select(['id', 'code', 'person_id'])
        .where('id', 'in', [...new Set(linked.map((l) => l.accompaniment_id))])
        .execute()
    : []
  const clientKeys = await codec.personKeys(trx, [...new Set(linkedCases.map((c) => c.person_id))])
  const linkedRows = linked.map((l) => {
    const acc = linkedCases.find((c) => c.id === l.accompaniment_id)
    flag('case_relatives', l.id, 'note', 'free_text_may_name_others')
    return {
      ...openAs(codec, 'case_relatives', acc && clientKeys.get(acc.person_id), l),
      caseCode: acc?.code ?? null,
      role: 'linked_relative',
    }
  })

  const inCases = async <T extends SensitiveTable | 'accompaniment_workers' | 'referral_events'>(table: T) => {
    if (caseIds.length === 0) return []
    return (await trx
      .selectFrom(table as 'case_sessions')
      .selectAll()
      .where('accompaniment_id', 'in', caseIds)
      .execute()) as unknown as Record<string, unknown>[]
  }
  const openAll = (table: SensitiveTable, rows: Record<string, unknown>[]) => rows.map((r) => openAs(codec, table, key, r))

  sections.accompaniment_events = openAll('accompaniment_events', await inCases('accompaniment_events'))
  sections.accompaniment_workers = await inCases('accompaniment_workers')
  sections.access_grants = openAll('access_grants', await inCases('access_grants'))
  sections.case_sessions = openAll('case_sessions', await inCases('case_sessions'))
  for (const s of sections.case_sessions) if (s.notes) flag('case_sessions', String(s.id), 'notes', 'free_text_may_name_others')
  sections.tasks = openAll('tasks', await inCases('tasks'))
  sections.judicial_reports = openAll('judicial_reports', await inCases('judicial_reports'))
  sections.assessments = openAll('assessments', await inCases('assessments'))
  sections.plan_versions = openAll('plan_versions', await inCases('plan_versions'))
  sections.trajectory_events = openAll('trajectory_events', await inCases('trajectory_events'))
  const relatives = openAll('case_relatives', await inCases('case_relatives'))
  for (const r of relatives) {
    flag('case_relatives', String(r.id), 'name', 'third_party_named')
    if (r.note) flag('case_relatives', String(r.id), 'note', 'third_party_words')
  }
  sections.case_relatives = [...relatives, ...linkedRows]
  sections.network_snapshots = openAll('network_snapshots', await inCases('network_snapshots'))
  for (const s of sections.network_snapshots) flag('network_snapshots', String(s.id), 'ties', 'third_party_named')

  const documents = openAll('documents', await inCases('documents'))
  sections.documents = []
  for (const d of documents) {
    const { content_key, ...rest } = d
    const contentKey = typeof content_key === 'string' ? { content: Buffer.from(content_key, 'base64') } : { legacyPersonKey: key }
    const stream = await services.documents.open({ accompanimentId: String(d.accompaniment_id), documentId: String(d.id) }, contentKey)
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    const name = `documents/${String(d.id)}-${String(d.filename)
      .replace(/[^\p{L}\p{N}._ -]+/gu, '_')
      .slice(0, 120)}`
    files.push({ name, bytes: Buffer.concat(chunks) })
    sections.documents.push({ ...rest, file: name })
    flag('documents', String(d.id), 'file', 'free_text_may_name_others')
  }

  // The contact point: contacts linked to the person, each sealed under its own key.
  const contacts = await trx.selectFrom('contacts').selectAll().where('person_id', '=', personId).execute()
  const contactIds = ids(contacts)
  const requests = contactIds.length
    ? await trx.selectFrom('contact_requests').selectAll().where('contact_id', 'in', contactIds).execute()
    : []
  const ownKeys = await codec.personKeys(trx, [...contactIds, ...ids(requests)])
  sections.contacts = contacts.map((c) => openAs(codec, 'contacts', ownKeys.get(c.id), c))
  for (const c of sections.contacts) if (c.caller) flag('contacts', String(c.id), 'caller', 'third_party_named')
  const byContact = async (table: 'contact_triages' | 'contact_history' | 'contact_information_given') =>
    contactIds.length
      ? ((await trx
          .selectFrom(table as 'contact_triages')
          .selectAll()
          .where('contact_id', 'in', contactIds)
          .execute()) as unknown as Record<string, unknown>[])
      : []
  sections.contact_triages = (await byContact('contact_triages')).map((r) =>
    openAs(codec, 'contact_triages', ownKeys.get(String(r.contact_id)), r),
  )
  sections.contact_history = (await byContact('contact_history')).map((r) =>
    openAs(codec, 'contact_history', ownKeys.get(String(r.contact_id)), r),
  )
  sections.contact_information_given = await byContact('contact_information_given')
  sections.contact_requests = requests.map((r) => openAs(codec, 'contact_requests', ownKeys.get(r.id), r))

  // Orientation and the exception register: by case or by contact, sealed under `key_id`.
  const scoped = async (table: 'consents' | 'referrals' | 'confidentiality_exceptions') => {
    if (caseIds.length === 0 && contactIds.length === 0) return []
    return (await trx
      .selectFrom(table as 'consents')
      .selectAll()
      .where((eb) =>
        eb.or([
          ...(caseIds.length ? [eb('accompaniment_id', 'in', caseIds)] : []),
          ...(contactIds.length ? [eb('contact_id', 'in', contactIds)] : []),
        ]),
      )
      .execute()) as unknown as Record<string, unknown>[]
  }
  const scopedRows = {
    consents: await scoped('consents'),
    referrals: (await scoped('referrals')).map(({ copy_sealed: _copy, ...r }) => r),
    confidentiality_exceptions: await scoped('confidentiality_exceptions'),
  }
  const referralIds = scopedRows.referrals.map((r) => String(r.id))
  const feedback = referralIds.length
    ? await trx.selectFrom('referral_feedback').selectAll().where('referral_id', 'in', referralIds).execute()
    : []
  const keyIds = [...new Set([...Object.values(scopedRows).flat(), ...feedback].map((r) => String(r.key_id)))]
  const scopedKeys = await codec.personKeys(trx, keyIds)
  for (const [table, rows] of Object.entries(scopedRows)) {
    sections[table] = rows.map((r) => openAs(codec, table as SensitiveTable, scopedKeys.get(String(r.key_id)), r))
  }
  for (const e of sections.confidentiality_exceptions ?? [])
    flag('confidentiality_exceptions', String(e.id), 'recipient_name', 'third_party_named')
  sections.referral_feedback = feedback.map((r) => openAs(codec, 'referral_feedback', scopedKeys.get(r.key_id), r))
  sections.referral_events = referralIds.length
    ? await trx.selectFrom('referral_events').selectAll().where('referral_id', 'in', referralIds).execute()
    : []

  // The person's own requests to the DPO (this one included).
  const dpoRequests = await trx.selectFrom('dpo_requests').selectAll().where('person_id', '=', personId).execute()
  const requestKeys = await codec.personKeys(trx, [...new Set(dpoRequests.map((r) => r.key_id))])
  sections.dpo_requests = dpoRequests.map((r) => openAs(codec, 'dpo_requests', requestKeys.get(r.key_id), r))

  // Art. 18 and the DPO's decisions about the person: restrictions (reasons sealed with the
  // person's key), legal holds on their own cases (sealed with the same key), erasure proposals
  // (ids and dates only). A hold's reason may name a procedure or an authority: flagged for review.
  const restrictions = await trx.selectFrom('restrictions').selectAll().where('person_id', '=', personId).orderBy('restricted_at').execute()
  sections.restrictions = openAll('restrictions', restrictions)
  sections.legal_holds = openAll('legal_holds', await inCases('legal_holds'))
  for (const h of sections.legal_holds) flag('legal_holds', String(h.id), 'reason', 'free_text_may_name_others')
  sections.erasures = await trx.selectFrom('erasures').selectAll().where('person_id', '=', personId).orderBy('proposed_at').execute()

  // Who accessed the person's data when: every entry that names them.
  const entries = await trx
    .selectFrom('audit_persons')
    .innerJoin('audit_log', 'audit_log.seq', 'audit_persons.seq')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.at',
      'users.display_name',
      'audit_log.actor_role',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.outcome',
      'audit_log.purpose',
    ])
    .where('audit_persons.person_id', '=', personId)
    .orderBy('audit_log.seq')
    .execute()
  const accessLog = entries.map((e) => ({
    at: e.at,
    actor: e.display_name ?? null,
    role: e.actor_role,
    action: e.action,
    subjectType: e.subject_type,
    outcome: e.outcome,
    purpose: e.purpose,
  }))

  // Staff named on the rows: their display names, as the person would know them.
  const staffIds = new Set<string>()
  const staffColumns = [
    'created_by',
    'updated_by',
    'worker_id',
    'assignee_id',
    'uploaded_by',
    'actor_id',
    'user_id',
    'author_id',
    'recorded_by',
    'restricted_by',
    'lifted_by',
    'placed_by',
    'proposed_by',
    'decided_by',
  ]
  for (const rows of Object.values(sections))
    for (const r of rows) for (const c of staffColumns) if (typeof r[c] === 'string') staffIds.add(r[c] as string)
  if (typeof person.created_by === 'string') staffIds.add(person.created_by)
  const staff = staffIds.size
    ? await trx
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('id', 'in', [...staffIds])
        .execute()
    : []
  const staffName = new Map(staff.map((s) => [s.id, s.display_name]))
  const name = (r: ExportRow) => {
    for (const c of staffColumns) if (typeof r[c] === 'string' && staffName.has(r[c] as string)) r[c] = staffName.get(r[c] as string)
    return r
  }
  for (const rows of Object.values(sections)) rows.forEach(name)
  name(person)

  return { person, language, sections, files, accessLog, thirdParties: flags, caseIds }
}

/** The person codes of exports, as the DPO's screen names the person (never a name). */
export async function personCodes(trx: Trx, personIds: string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map()
  const rows = await trx.selectFrom('persons').select(['id', 'code']).where('id', 'in', personIds).execute()
  return new Map(rows.map((r) => [r.id, r.code]))
}
