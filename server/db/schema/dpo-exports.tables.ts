import type { ExportCounts, FlaggedSpot } from '../../../common/contracts/dpo-exports.contracts'
import type { Json } from '../json'

export interface DpoExportTables {
  /** 0044: subject-access and portability exports; the archive sealed, removed once downloaded. */
  dpo_exports: {
    id: string
    request_id: string
    person_id: string
    job_id: string
    requested_by: string
    created_at: string
    ready_at: string | null
    downloaded_at: string | null
    downloaded_by: string | null
    archive: Buffer | null
    archive_key_sealed: string | null
    archive_size: number | null
    flagged: Json<FlaggedSpot[]> | null
    counts: Json<ExportCounts> | null
  }
}
