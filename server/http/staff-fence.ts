import type {
  Kysely,
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  UnknownRow,
} from 'kysely'
import type { Database } from '../db/schema'

/**
 * Tables that hold no data about a person concerned: staff accounts and their sessions, teams,
 * sign-in throttling and refusal counts, instrument definitions, information sheets and their
 * search index (staff-written knowledge; their changes are audited by the sheets module). Only
 * these may be reached without an audit entry.
 */
export const STAFF_TABLES = [
  'users',
  'user_roles',
  'user_teams',
  'teams',
  'sessions',
  'login_throttle',
  'denial_windows',
  // Counters of the public form, keyed by a hashed address: no person's data.
  'public_form_windows',
  'instruments',
  'instrument_versions',
  // The contact point's theme list (labels only, no personal data), managed by admins.
  'contact_themes',
  'sheets',
  'sheet_versions',
  'sheet_search_docs',
  'sheet_search',
  // The line's hours, rota and emergency path, and the DPO's legal bases: service configuration.
  'duty_documents',
  'duty_rota',
  'legal_bases',
  // The partner directory: organisations' public descriptions, their staff contacts, services and
  // the need taxonomy; changes are audited by the partners module.
  'need_categories',
  'partner_organisations',
  'partner_org_contacts',
  'partner_services',
  'partner_service_needs',
  'partner_service_coverage',
  'partner_service_terms',
  // 0063 (SQLite): the services' folded texts and their row numbers, for the free-text search.
  'partner_service_text_docs',
  'partner_service_text',
  // Notifications and the e-mail queue (0027): an event, a reference code and a link; no person's data.
  'notifications',
  'mail_outbox',
  // Preferences and calendar feed tokens (0035): settings of a staff account, hashed tokens; no person's data.
  'notification_preferences',
  'calendar_feeds',
] as const satisfies readonly (keyof Database)[]

export type StaffTable = (typeof STAFF_TABLES)[number]
export type StaffDatabase = Pick<Database, StaffTable>
export type StaffDb = Kysely<StaffDatabase>

/** A staff handle, or a full transaction used for staff tables (a full handle narrows safely; never the reverse). */
export type StaffTx = StaffDb | Kysely<Database>
export const asStaff = (db: StaffTx): StaffDb => db as StaffDb

/** Why a query was refused by the fence; a programming error, never shown to a caller. */
export class FenceError extends Error {}

/**
 * Refuses, before it runs, any query that names a table outside the allowed set or carries raw
 * SQL (which could name anything). The type of the handle already refuses other tables; this
 * holds against casts too.
 */
export class TableFence implements KyselyPlugin {
  constructor(private readonly allowed: ReadonlySet<string>) {}

  transformQuery(args: PluginTransformQueryArgs) {
    this.check(args.node)
    return args.node
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result
  }

  private check(node: unknown): void {
    if (node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const n of node) this.check(n)
      return
    }
    const kind = (node as OperationNode).kind
    if (kind === 'RawNode' && !isSortKeyword(node)) throw new FenceError('raw SQL is not allowed on the unaudited handle')
    if (kind === 'TableNode') {
      const name = (node as { table: { identifier: { name: string } } }).table.identifier.name
      if (!this.allowed.has(name)) throw new FenceError(`table ${name} is not reachable without an audit entry`)
    }
    for (const value of Object.values(node)) this.check(value)
  }
}

const fenced = new WeakMap<Kysely<Database>, StaffDb>()

/** The fenced handle of a database, made once per database rather than once per request. */
/** Kysely writes a sort direction as a raw fragment: the one raw SQL the fence lets through. */
function isSortKeyword(node: object): boolean {
  const { sqlFragments, parameters } = node as { sqlFragments: readonly string[]; parameters: readonly unknown[] }
  return parameters.length === 0 && /^\s*(asc|desc)(\s+nulls\s+(first|last))?\s*$/i.test(sqlFragments.join(''))
}

export function fenceStaffTables(db: Kysely<Database>): StaffDb {
  let staff = fenced.get(db)
  if (!staff) {
    // The cast narrows the type to what the fence lets through at run time.
    staff = db.withPlugin(new TableFence(new Set(STAFF_TABLES))) as unknown as StaffDb
    fenced.set(db, staff)
  }
  return staff
}
