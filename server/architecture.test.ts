import path from 'node:path'
import { ESLint } from 'eslint'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from './db/schema'
import { STAFF_TABLES } from './http/staff-fence'
import { CASE_TABLES } from './security/case-access'

/** Every table of the schema, as a value (the compiler says when one is missing or unknown). */
const TABLES_OF_SCHEMA: Record<keyof Database, true> = {
  teams: true,
  users: true,
  user_roles: true,
  user_teams: true,
  sessions: true,
  login_throttle: true,
  denial_windows: true,
  jobs: true,
  audit_head: true,
  audit_log: true,
  audit_persons: true,
  person_keys: true,
  persons: true,
  person_name_sets: true,
  name_set_keys: true,
  accompaniments: true,
  accompaniment_workers: true,
  accompaniment_events: true,
  access_grants: true,
  case_sessions: true,
  tasks: true,
  documents: true,
  document_chunks: true,
  judicial_reports: true,
  instruments: true,
  instrument_versions: true,
  assessments: true,
  plan_versions: true,
  trajectory_events: true,
  case_relatives: true,
  network_snapshots: true,
  case_opens: true,
  role_requests: true,
  dpo_alerts: true,
  system_state: true,
  contact_themes: true,
  contacts: true,
  contact_day_counts: true,
  contact_history: true,
  contact_triages: true,
  contact_information_given: true,
  sheets: true,
  sheet_versions: true,
  sheet_search_docs: true,
  sheet_search: true,
  contact_requests: true,
  public_form_windows: true,
  duty_documents: true,
  duty_rota: true,
  legal_bases: true,
  confidentiality_exceptions: true,
  need_categories: true,
  partner_organisations: true,
  partner_org_contacts: true,
  partner_services: true,
  partner_service_needs: true,
  partner_service_coverage: true,
  partner_service_terms: true,
  partner_service_text_docs: true,
  partner_service_text: true,
  consents: true,
  referrals: true,
  referral_feedback: true,
  referral_events: true,
  notifications: true,
  mail_outbox: true,
  notification_preferences: true,
  calendar_feeds: true,
  recent_views: true,
  dpo_requests: true,
  retention_schedules: true,
  retention_runs: true,
  retention_run_items: true,
  legal_holds: true,
  restrictions: true,
  erasures: true,
  dpo_exports: true,
  processing_register: true,
  breaches: true,
  studies: true,
  study_researchers: true,
  practice_notes: true,
  practice_note_comments: true,
  study_extracts: true,
  study_extract_files: true,
  training_sessions: true,
  case_progress_facts: true,
  progress_fact_months: true,
  session_days: true,
}
/**
 * Neither staff data nor guarded by the lint: who works on which case (no person's data, read
 * with the case ids a door gave), access requests and DPO alerts about staff accounts, and the
 * installation's own state, background jobs (ids in their payloads, reached through server/jobs/),
 * and the public form's inbox (sealed requests under their own keys, read by intake through ctx.read).
 * Modules reach them through ctx.read/ctx.write (audited); the fence keeps them out of
 * ctx.unaudited.
 */
// The confidentiality-exception register has its own rule (a case's through the case door or the
// visible cases; the DPO's whole register), in server/modules/exceptions.
const OTHER_AUDITED_TABLES = [
  'accompaniment_workers',
  // Issue 13: the breach register and the records of processing (no person named), the DPO's.
  'breaches',
  'confidentiality_exceptions',
  // Orientation (0027): a case's or a contact's consents and referrals, reached by the referrals
  // module through the case or contact door first, or by a partner through their organisation.
  'consents',
  'contact_requests',
  'dpo_alerts',
  // Subject-access exports (0044): ids, codes and a sealed archive, reached by the DPO's routes and the export job.
  'dpo_exports',
  // Issue 13: the DPO's registers (requests, retention terms, legal holds), reached by the DPO's
  // modules through ctx.read/ctx.write; persons and cases through security/dpo-door.ts. Workers
  // reach a rectification request only through the persons door (dpo-requests/rectification.routes.ts).
  'dpo_requests',
  // Erasure decisions (0043): ids of the person, the request and the two staff members.
  'erasures',
  'jobs',
  'legal_holds',
  // Issue 14: practice notes and their comments, about practice (codes and ids refused), through ctx.read/ctx.write.
  'practice_note_comments',
  'practice_notes',
  'processing_register',
  // Issue 14 (0066): progress facts summed per team and month, kept by triggers; counts only, read by the indicators in ctx.read.
  'progress_fact_months',
  // Recently viewed (0037): ids of the cases and persons a user opened, written by the case and
  // person reads, shown again only through the doors (modules/recent).
  'recent_views',
  'referral_events',
  'referral_feedback',
  'referrals',
  // Retention runs (0049): ids, kinds, outcomes and counts.
  'retention_run_items',
  'retention_runs',
  'retention_schedules',
  'role_requests',
  // Issue 14 (0067): sessions counted per team, day and status, kept by triggers; counts only, read by the indicators in ctx.read.
  'session_days',
  // Issue 14: studies (texts about research) and the researchers named on them; no person's data.
  'studies',
  // Issue 14: extracts of a study: sealed files of generalised, pseudonymised records, and who took them.
  'study_extract_files',
  'study_extracts',
  'study_researchers',
  'system_state',
  // Issue 14: the team's training and awareness log (the service's sessions, sealed texts, no person).
  'training_sessions',
]

/**
 * The doors hold by structure: a deliberately bad module is refused by the linter or by the type
 * checker, and the right way through the doors passes both. The fixtures are written here, never
 * on disk, under the paths a real module would have.
 */
const ROOT = path.resolve(import.meta.dirname, '..')
const MODULE = 'server/modules/bad/bad.routes.ts'

const lines = (...code: string[]) => code.join('\n')
const imports = lines(
  "import { sql } from 'kysely'",
  "import { defineRoute } from '../../http/define-route'",
  "import { openCase, rowsOf, visibleCases, visibleRows } from '../../security/case-access'",
)
/** A route of a module whose handler does `body` inside ctx.read, with `trx`, `ctx`, `params` and `me` in scope. */
const route = (body: string) =>
  lines(
    imports,
    'export const badRoutes = [',
    '  defineRoute({',
    "    method: 'GET', path: '/api/bad/:id', summary: 'A bad route', allow: 'accompaniment.read',",
    '    async handler({ params, ctx }) {',
    '      const me = ctx.user',
    `      return ctx.read('accompaniment.viewed', async (trx) => { ${body} })`,
    '    },',
    '  }),',
    ']',
    'export const used = [sql, openCase, rowsOf, visibleCases, visibleRows]',
  )

const DOOR = 'read through their door'
const BAD: [string, string, string][] = [
  ['reads persons without the door', route("return trx.selectFrom('persons').selectAll().where('id', '=', params.id).execute()"), DOOR],
  ['queries tasks without the visibility module', route("return trx.selectFrom('tasks').selectAll().execute()"), DOOR],
  ['hides a case table behind an alias', route("return trx.selectFrom('case_sessions as s').selectAll().execute()"), DOOR],
  ['updates a case without opening it', route("return trx.updateTable('accompaniments').set({ status: 'closed' }).execute()"), DOOR],
  ['deletes rows of a case without opening it', route("return trx.deleteFrom('trajectory_events').execute()"), DOOR],
  ['reads the audit log from a module that is not the DPO’s', route("return trx.selectFrom('audit_log').selectAll().execute()"), DOOR],
  [
    'adds a row to a case with an id of its choosing',
    route("return trx.insertInto('tasks').values({ accompaniment_id: params.id } as never).execute()"),
    'insertRows',
  ],
  [
    'joins persons onto a query that starts at no door',
    route("return trx.selectFrom('users').innerJoin('persons', 'persons.created_by', 'users.id').selectAll().execute()"),
    'starts at a door',
  ],
  [
    'names its table with a variable',
    route("const table = 'persons' as 'users'; return trx.selectFrom(table).selectAll().execute()"),
    'string literal',
  ],
  [
    'reads persons through a derived table',
    route("return trx.selectFrom(trx.selectFrom('persons').select('id').as('p')).selectAll().execute()"),
    'read through their door',
  ],
  ['writes raw SQL that names persons', route('return sql`select * from persons`.execute(trx)'), 'Raw SQL'],
  ['touches ctx.system', route("return (ctx as any).system.db.selectFrom('users').selectAll().execute()"), 'composition root'],
  [
    'imports the database layer',
    lines("import { openDatabase } from '../../db/database'", 'export const db = openDatabase'),
    'never the db layer',
  ],
  [
    'imports a part behind the case door',
    lines("import { seenBy } from '../../security/case-access.rule'", 'export const used = seenBy'),
    'never the parts behind it',
  ],
  [
    'imports a part behind the persons door',
    lines("import { readableBy } from '../../security/person-access.open'", 'export const used = readableBy'),
    'never the parts behind it',
  ],
]

const GOOD: [string, string][] = [
  ['opens a case through the door', route("return openCase(trx, me, params.id, 'read')")],
  [
    'reads rows of an opened case',
    route("const acc = await openCase(trx, me, params.id, 'read'); return rowsOf(trx, acc, 'tasks').selectAll().execute()"),
  ],
  [
    'lists rows across visible cases, joined to staff and persons',
    route(
      lines(
        "return visibleRows(trx, me, 'tasks').innerJoin('users', 'users.id', 'tasks.assignee_id')",
        "  .innerJoin('persons', 'persons.id', 'accompaniments.person_id').select(['tasks.id', 'persons.code']).execute()",
      ),
    ),
  ],
  ['lists visible cases', route("return visibleCases(trx, me, { assigned: true }).select('accompaniments.id').execute()")],
  ['reads a staff table', route("return trx.selectFrom('users').select(['id', 'display_name']).execute()")],
  [
    'reads a derived table of staff rows',
    route(
      "return trx.selectFrom(trx.selectFrom('users').select('id').unionAll(trx.selectFrom('teams').select('id')).as('u')).selectAll().execute()",
    ),
  ],
]

let eslint: ESLint | null = null
/** The messages of the door rules (syntax and imports) for `code` at `filePath`. */
async function doorMessages(code: string, filePath = MODULE): Promise<string[]> {
  eslint ??= new ESLint({ cwd: ROOT })
  const [result] = await eslint.lintText(code, { filePath })
  const messages = result?.messages ?? []
  const fatal = messages.filter((m) => m.fatal)
  if (fatal.length) throw new Error(`the fixture does not parse: ${fatal.map((m) => m.message).join('; ')}`)
  return messages.filter((m) => m.ruleId === 'no-restricted-syntax' || m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('the linter refuses a module that walks around a door', () => {
  it.each(BAD)('a module that %s', async (_what, code, says) => {
    const messages = await doorMessages(code)
    expect(
      messages.some((m) => m.includes(says)),
      messages.join('\n') || 'no door rule fired',
    ).toBe(true)
  })

  it.each(GOOD)('and lets through a module that %s', async (_what, code) => {
    expect(await doorMessages(code)).toEqual([])
  })

  it('lets the DPO’s module read the log, and still not persons', async () => {
    const auditModule = 'server/modules/audit/bad.routes.ts'
    expect(await doorMessages(route("return trx.selectFrom('audit_log').selectAll().execute()"), auditModule)).toEqual([])
    expect(await doorMessages(route("return trx.selectFrom('persons').selectAll().execute()"), auditModule)).not.toEqual([])
  })

  it('guards every table that is not staff data: the lint lists and the code lists cannot drift apart', async () => {
    const staff = new Set<string>(STAFF_TABLES)
    const guarded = [
      ...CASE_TABLES,
      'accompaniments',
      'persons',
      'person_keys',
      'person_name_sets',
      'name_set_keys',
      'document_chunks',
      'restrictions',
      'audit_log',
      'audit_head',
      'audit_persons',
      'contacts',
      'contact_history',
      'contact_triages',
      'contact_information_given',
      'contact_day_counts',
    ]
    // Every table of the schema is either staff data (reachable without an audit entry) or guarded.
    const tables = Object.keys(TABLES_OF_SCHEMA)
    expect(tables.filter((t) => !staff.has(t) && !guarded.includes(t)).sort()).toEqual(OTHER_AUDITED_TABLES)
    for (const table of guarded) {
      const messages = await doorMessages(route(`return trx.selectFrom('${table}').selectAll().execute()`))
      expect(messages, table).not.toEqual([])
    }
    for (const table of CASE_TABLES) {
      const messages = await doorMessages(route(`return trx.insertInto('${table}').values({} as never).execute()`))
      expect(messages, table).not.toEqual([])
    }
  })

  it('leaves the doors themselves free to name the tables they guard', async () => {
    expect(await doorMessages(route("return trx.selectFrom('persons').selectAll().execute()"), 'server/security/bad-door.ts')).toEqual([])
  })
})

// ---- Types ---------------------------------------------------------------------------------------

/** A module function given the request context, as a handler would have it. */
const withCtx = (body: string) =>
  lines("import type { RequestContext } from '../../http/context'", `export async function bad(ctx: RequestContext) { ${body} }`)

const TYPE_FIXTURES = {
  system: withCtx('return ctx.system'),
  servicesDb: withCtx('return ctx.services.db'),
  unauditedPersons: withCtx("return ctx.unaudited((db) => db.selectFrom('persons').selectAll().execute())"),
  unauditedCaseJoin: withCtx(
    "return ctx.unaudited((db) => db.selectFrom('users').innerJoin('accompaniment_workers', 'accompaniment_workers.user_id', 'users.id').selectAll().execute())",
  ),
  unauditedStaff: withCtx("return ctx.unaudited((db) => db.selectFrom('users').select(['id', 'display_name']).execute())"),
  auditedPersons: withCtx("return ctx.read('person.viewed', (trx) => trx.selectFrom('persons').select('id').execute())"),
} as const
type Fixture = keyof typeof TYPE_FIXTURES

/** Type-checks the fixtures as files of a module, against the real server code, in one program. */
function typeErrors(): Record<Fixture, string[]> {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT)
  const files = new Map(
    Object.entries(TYPE_FIXTURES).map(([name, code]) => [path.join(ROOT, `server/modules/bad/${name}.fixture.ts`), code] as const),
  )
  const host = ts.createCompilerHost(options)
  const { getSourceFile, fileExists, readFile } = host
  host.fileExists = (f) => files.has(f) || fileExists.call(host, f)
  host.readFile = (f) => files.get(f) ?? readFile.call(host, f)
  host.getSourceFile = (f, lang, ...rest) => {
    const code = files.get(f)
    return code !== undefined ? ts.createSourceFile(f, code, lang) : getSourceFile.call(host, f, lang, ...rest)
  }
  const program = ts.createProgram([...files.keys()], options, host)
  const out = {} as Record<Fixture, string[]>
  for (const [file, name] of [...files.keys()].map((f, i) => [f, Object.keys(TYPE_FIXTURES)[i] as Fixture] as const)) {
    const source = program.getSourceFile(file)
    if (!source) throw new Error(`${file} was not compiled`)
    out[name] = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) =>
      ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    )
  }
  return out
}

describe('the type checker refuses a module that reaches past its context', () => {
  let errors: Record<Fixture, string[]>
  const of = (f: Fixture) => errors[f]
  // One program over the real server code, with the project's own options: seconds, not milliseconds.
  beforeAll(() => {
    errors = typeErrors()
  }, 180_000)

  it('has no ctx.system', () => {
    expect(of('system').join('\n')).toMatch(/Property 'system' does not exist/)
  })
  it('has no database among ctx.services', () => {
    expect(of('servicesDb').join('\n')).toMatch(/Property 'db' does not exist/)
  })
  it('gives ctx.unaudited no persons table', () => {
    expect(of('unauditedPersons').join('\n')).toMatch(/"persons"/)
  })
  it('gives ctx.unaudited no case table to join', () => {
    expect(of('unauditedCaseJoin').join('\n')).toMatch(/"accompaniment_workers"/)
  })
  it('and type-checks the staff tables through ctx.unaudited, and persons through ctx.read', () => {
    expect(of('unauditedStaff')).toEqual([])
    expect(of('auditedPersons')).toEqual([])
  })
})
