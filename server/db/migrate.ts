import { type Kysely, type Migration, Migrator } from 'kysely'
import type { Db, DbKind } from './database'
import * as m0001 from './migrations/0001-foundation'
import * as m0002 from './migrations/0002-accompaniments'
import * as m0003 from './migrations/0003-case-sessions'
import * as m0004 from './migrations/0004-tasks'
import * as m0005 from './migrations/0005-documents'
import * as m0006 from './migrations/0006-judicial-reports'
import * as m0007 from './migrations/0007-caseload-indexes'
import * as m0008 from './migrations/0008-instruments'
import * as m0009 from './migrations/0009-plans-trajectory'
import * as m0010 from './migrations/0010-network'
import * as m0011 from './migrations/0011-case-relatives'
import * as m0012 from './migrations/0012-report-schedule'
import * as m0013 from './migrations/0013-audit-persons'
import * as m0014 from './migrations/0014-separation-of-duties'
import * as m0015 from './migrations/0015-system-state'
import * as m0016 from './migrations/0016-document-chunks'
import * as m0017 from './migrations/0017-jobs-and-denials'
import * as m0018 from './migrations/0018-team-recent-cases'
import * as m0019 from './migrations/0019-contacts'
import * as m0020 from './migrations/0020-sheets'
import * as m0021 from './migrations/0021-contact-requests'
import * as m0022 from './migrations/0022-duty-and-exceptions'
import * as m0023 from './migrations/0023-contact-triage'
import * as m0024 from './migrations/0024-contact-request-contacts'
import * as m0025 from './migrations/0025-contact-information-callbacks'
import * as m0026 from './migrations/0026-partner-directory'
import * as m0027 from './migrations/0027-referrals-consents-mail'
import * as m0028 from './migrations/0028-partner-search'
import * as m0029 from './migrations/0029-contact-statistics-covering'
import * as m0030 from './migrations/0030-contact-callback-assignee'
import * as m0031 from './migrations/0031-partner-search-ranks'
import * as m0032 from './migrations/0032-contact-day-counts'
import * as m0033 from './migrations/0033-referral-selection'
import * as m0034 from './migrations/0034-casework-details'
import * as m0035 from './migrations/0035-notification-preferences'
import * as m0036 from './migrations/0036-names-where-people-work'
import * as m0037 from './migrations/0037-recent-views'
import * as m0038 from './migrations/0038-instrument-client-kinds'
import * as m0039 from './migrations/0039-referral-decline-codes'
import * as m0040 from './migrations/0040-dpo-requests'
import * as m0041 from './migrations/0041-registers'
import * as m0042 from './migrations/0042-restriction'
import * as m0043 from './migrations/0043-erasures'
import * as m0044 from './migrations/0044-dpo-exports'
import * as m0045 from './migrations/0045-master-key-id'
import * as m0046 from './migrations/0046-audit-access-review'
import * as m0047 from './migrations/0047-dpo-request-rectification'
import * as m0048 from './migrations/0048-retention'
import * as m0049 from './migrations/0049-retention-runs'
import * as m0052 from './migrations/0052-erasure-refusal-reason'
import * as m0053 from './migrations/0053-studies'
import * as m0054 from './migrations/0054-practice-notes'
import * as m0055 from './migrations/0055-dpo-export-downloaded-by'
import * as m0056 from './migrations/0056-study-extracts'
import * as m0057 from './migrations/0057-training-sessions'
import * as m0058 from './migrations/0058-case-progress-facts'
import * as m0059 from './migrations/0059-study-k-and-closing'
import * as m0060 from './migrations/0060-indicator-indexes'
import * as m0061 from './migrations/0061-partner-filter-ranks'
import * as m0062 from './migrations/0062-name-sets'
import * as m0063 from './migrations/0063-partner-text-index'
import * as m0064 from './migrations/0064-case-closed-at'
import * as m0065 from './migrations/0065-extract-jobs'
import * as m0066 from './migrations/0066-progress-months'
import * as m0067 from './migrations/0067-session-days'
import * as m0068 from './migrations/0068-case-age-band'
import * as m0069 from './migrations/0069-extract-walk-cover'
import * as m0070 from './migrations/0070-reports-due-index'
import * as m0071 from './migrations/0071-extract-files'
import * as m0072 from './migrations/0072-dpo-request-codes'
import * as m0073 from './migrations/0073-partner-text-copies'
import * as m0074 from './migrations/0074-audit-person-reads'
import * as m0075 from './migrations/0075-audit-spare-indexes'

type Step = { up: (db: Kysely<unknown>, kind: DbKind) => Promise<void> }

/** Listed, not discovered: the build knows every migration and their order. */
const STEPS: Record<string, Step> = {
  '0001-foundation': m0001,
  '0002-accompaniments': m0002,
  '0003-case-sessions': m0003,
  '0004-tasks': m0004,
  '0005-documents': m0005,
  '0006-judicial-reports': m0006,
  '0007-caseload-indexes': m0007,
  '0008-instruments': m0008,
  '0009-plans-trajectory': m0009,
  '0010-network': m0010,
  '0011-case-relatives': m0011,
  '0012-report-schedule': m0012,
  '0013-audit-persons': m0013,
  '0014-separation-of-duties': m0014,
  '0015-system-state': m0015,
  '0016-document-chunks': m0016,
  '0017-jobs-and-denials': m0017,
  '0018-team-recent-cases': m0018,
  '0019-contacts': m0019,
  '0020-sheets': m0020,
  '0021-contact-requests': m0021,
  '0022-duty-and-exceptions': m0022,
  '0023-contact-triage': m0023,
  '0024-contact-request-contacts': m0024,
  '0025-contact-information-callbacks': m0025,
  '0026-partner-directory': m0026,
  '0027-referrals-consents-mail': m0027,
  '0028-partner-search': m0028,
  '0029-contact-statistics-covering': m0029,
  '0030-contact-callback-assignee': m0030,
  '0031-partner-search-ranks': m0031,
  '0032-contact-day-counts': m0032,
  '0033-referral-selection': m0033,
  '0034-casework-details': m0034,
  '0035-notification-preferences': m0035,
  '0036-names-where-people-work': m0036,
  '0037-recent-views': m0037,
  '0038-instrument-client-kinds': m0038,
  '0039-referral-decline-codes': m0039,
  '0040-dpo-requests': m0040,
  '0041-registers': m0041,
  '0042-restriction': m0042,
  '0043-erasures': m0043,
  '0044-dpo-exports': m0044,
  '0045-master-key-id': m0045,
  '0046-audit-access-review': m0046,
  '0047-dpo-request-rectification': m0047,
  '0048-retention': m0048,
  '0049-retention-runs': m0049,
  '0052-erasure-refusal-reason': m0052,
  '0053-studies': m0053,
  '0054-practice-notes': m0054,
  '0055-dpo-export-downloaded-by': m0055,
  '0056-study-extracts': m0056,
  '0057-training-sessions': m0057,
  '0058-case-progress-facts': m0058,
  '0059-study-k-and-closing': m0059,
  '0060-indicator-indexes': m0060,
  '0061-partner-filter-ranks': m0061,
  '0062-name-sets': m0062,
  '0063-partner-text-index': m0063,
  '0064-case-closed-at': m0064,
  '0065-extract-jobs': m0065,
  '0066-progress-months': m0066,
  '0067-session-days': m0067,
  '0068-case-age-band': m0068,
  '0069-extract-walk-cover': m0069,
  '0070-reports-due-index': m0070,
  '0071-extract-files': m0071,
  '0072-dpo-request-codes': m0072,
  '0073-partner-text-copies': m0073,
  '0074-audit-person-reads': m0074,
  '0075-audit-spare-indexes': m0075,
}

/** Every migration the code knows, in order: what a current database has applied. */
export const MIGRATION_NAMES = Object.keys(STEPS)

export async function migrate(db: Db, kind: DbKind): Promise<string[]> {
  const migrations: Record<string, Migration> = {}
  for (const [name, step] of Object.entries(STEPS)) migrations[name] = { up: (d) => step.up(d, kind) }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error('migration failed')
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
