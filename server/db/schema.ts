/**
 * Table shapes as Kysely sees them. Timestamps are ISO-8601 UTC strings and booleans are 0/1
 * integers (`number` here: SQLite has no boolean, and one set of queries serves SQLite and
 * PostgreSQL alike). Columns ending in `_sealed` hold ciphertext produced by the codec
 * (security/codec.ts), never plaintext.
 *
 * A column that holds one of a closed set of values is typed as that set, taken from the
 * contracts in common/ that the API validates against: what the server writes there came
 * through those contracts. Columns added by a later migration are optional on insert
 * (`ColumnType<Read, Insert, Update>`), like the column itself for rows written before it.
 * JSON held in a text column is `Json<T>` (db/json.ts): written with `toJson`, read with `fromJson`.
 */
import type { AccessTables } from './schema/access.tables'
import type { CaseworkTables } from './schema/casework.tables'
import type { ContactPointTables } from './schema/contact-point.tables'
import type { DataProtectionTables } from './schema/data-protection.tables'
import type { DpoExportTables } from './schema/dpo-exports.tables'
import type { PartnerTables } from './schema/partners.tables'
import type { PracticeNotesTables } from './schema/practice-notes.tables'
import type { RegistersTables } from './schema/registers.tables'
import type { StudiesTables } from './schema/studies.tables'
import type { TrainingSessionsTables } from './schema/training-sessions.tables'

/** Every table, one interface per domain in schema/ (a new migration's tables go in its domain's file). */
export interface Database
  extends
    AccessTables,
    CaseworkTables,
    ContactPointTables,
    DataProtectionTables,
    DpoExportTables,
    PartnerTables,
    RegistersTables,
    StudiesTables,
    PracticeNotesTables,
    TrainingSessionsTables {}
