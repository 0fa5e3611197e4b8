import { z } from 'zod'

/**
 * A subject-access or portability export (GDPR art. 15 and 20): the archive's JSON document, and
 * the export as the DPO follows it. Documented in docs/subject-export.md.
 */

/** A spot of the export that holds another person's data, for the DPO to review before release: ids and field names, never the data. */
export const FlaggedSpot = z.object({
  /** The table the row comes from (a section of the document). */
  table: z.string(),
  rowId: z.string(),
  field: z.string(),
  reason: z.enum(['third_party_named', 'third_party_words', 'free_text_may_name_others', 'staff_names']),
})
export type FlaggedSpot = z.infer<typeof FlaggedSpot>

/** Rows exported per table. */
export const ExportCounts = z.record(z.string(), z.number().int())
export type ExportCounts = z.infer<typeof ExportCounts>

/** One row of a section: its id, its plain columns, its opened sealed fields; staff named by display name. */
export const ExportRow = z.record(z.string(), z.unknown())

export const AccessLogEntry = z.object({
  at: z.string(),
  /** The staff account's display name, or null for the system (a job, a migration). */
  actor: z.string().nullable(),
  role: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  outcome: z.string(),
  purpose: z.string().nullable(),
})
export type AccessLogEntry = z.infer<typeof AccessLogEntry>

export const CoverageEntry = z.object({
  table: z.string(),
  covered: z.enum(['exported', 'excluded']),
  reason: z.string(),
})

/** The JSON file of the archive (`export.json`). */
export const SubjectExportDocument = z.object({
  schema: z.literal('parcours.subject-export/1'),
  generatedAt: z.string(),
  request: z.object({ id: z.string(), kind: z.enum(['access', 'portability']) }),
  language: z.enum(['fr', 'nl', 'de', 'en']),
  person: ExportRow,
  /** Keyed by table name: every row about the person, as stored (sealed fields opened). */
  sections: z.record(z.string(), z.array(ExportRow)),
  accessLog: z.array(AccessLogEntry),
  thirdParties: z.array(FlaggedSpot),
  /** What this export covers and why some tables are left out. */
  coverage: z.array(CoverageEntry),
})
export type SubjectExportDocument = z.infer<typeof SubjectExportDocument>

export const StartExportBody = z.object({ requestId: z.uuid() })

export const EXPORT_STATES = ['queued', 'running', 'ready', 'failed', 'downloaded'] as const

export const DpoExportView = z.object({
  id: z.uuid(),
  requestId: z.string(),
  personCode: z.string(),
  state: z.enum(EXPORT_STATES),
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }).nullable(),
  createdAt: z.string(),
  readyAt: z.string().nullable(),
  downloadedAt: z.string().nullable(),
  /** Staff by display name: who started the export, and who took the archive. */
  requestedBy: z.string(),
  downloadedBy: z.string().nullable(),
  /** The request's register code (DPO-…), so that the register of all exports reads on its own. */
  requestCode: z.string(),
  size: z.number().int().nullable(),
  counts: ExportCounts.nullable(),
  flagged: z.array(FlaggedSpot),
})
export type DpoExportView = z.infer<typeof DpoExportView>
