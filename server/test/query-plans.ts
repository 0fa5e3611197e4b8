import { CompiledQuery, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs } from 'kysely'
import type { DbKind } from '../db/database'

export type Statement = { sql: string; parameters: readonly unknown[] }

/**
 * Records the SQL a request really runs, with its parameters, so that benchmarks and tests
 * explain exactly that (and not a copy of the query that could drift from the route). Install
 * with `db.withPlugin(capture)`; it only observes.
 */
export class QueryCapture implements KyselyPlugin {
  private statements: Statement[] | null = null

  constructor(private readonly db: Kysely<any>) {}

  transformQuery(args: PluginTransformQueryArgs) {
    if (this.statements) {
      const compiled = this.db.getExecutor().compileQuery(args.node, args.queryId)
      this.statements.push({ sql: compiled.sql, parameters: compiled.parameters })
    }
    return args.node
  }

  async transformResult(args: PluginTransformResultArgs) {
    return args.result
  }

  /** The statements run while `fn` runs; only one capture at a time. */
  async during(fn: () => Promise<unknown>): Promise<Statement[]> {
    const statements: Statement[] = []
    this.statements = statements
    try {
      await fn()
    } finally {
      this.statements = null
    }
    return statements
  }
}

export type Scan = { table: string; kind: 'table' | 'index'; detail: string }
export type ExplainedStatement = { sql: string; plan: string[]; scans: Scan[] }

/** Tables aliased in the SQL (`"accompaniment_workers" as "vw"`): SQLite's plans name the alias. */
function aliases(text: string): Map<string, string> {
  const map = new Map<string, string>()
  for (const m of text.matchAll(/"(\w+)" as "(\w+)"/g)) map.set(m[2] as string, m[1] as string)
  return map
}

async function explainSqlite(db: Kysely<any>, s: Statement): Promise<ExplainedStatement> {
  const rows = (await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${s.sql}`, [...s.parameters]))).rows
  const names = aliases(s.sql)
  const scans: Scan[] = []
  for (const { detail } of rows) {
    // "SCAN t" reads the whole table; "SCAN t USING [COVERING] INDEX i" the whole index.
    // "SEARCH" is a range of an index; "SCAN (subquery-1)" or "SCAN CONSTANT ROW" read no table.
    const m = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail)
    if (!m || m[1] === 'CONSTANT') continue
    scans.push({ table: names.get(m[1] as string) ?? (m[1] as string), kind: m[2] ? 'index' : 'table', detail })
  }
  return { sql: s.sql, plan: rows.map((r) => r.detail), scans }
}

type PgNode = Record<string, unknown> & { Plans?: PgNode[] }

async function explainPostgres(db: Kysely<any>, s: Statement): Promise<ExplainedStatement> {
  const rows = (
    await db.executeQuery<{ 'QUERY PLAN': { Plan: PgNode }[] }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${s.sql}`, [...s.parameters]))
  ).rows
  const root = (rows[0]?.['QUERY PLAN'] ?? [])[0]?.Plan
  const plan: string[] = []
  const scans: Scan[] = []
  const walk = (node: PgNode, depth: number) => {
    const type = String(node['Node Type'])
    const relation = node['Relation Name'] as string | undefined
    const index = node['Index Name'] as string | undefined
    const cond = (node['Index Cond'] ?? node['Recheck Cond']) as string | undefined
    plan.push(
      `${'  '.repeat(depth)}${type}${relation ? ` on ${relation}` : ''}${index ? ` using ${index}` : ''}${cond ? ` (${cond})` : ''}`,
    )
    if (relation && type === 'Seq Scan') scans.push({ table: relation, kind: 'table', detail: plan[plan.length - 1]!.trim() })
    // An index walked from end to end, with no condition to start from, reads it all.
    if (relation && (type === 'Index Scan' || type === 'Index Only Scan') && !node['Index Cond'])
      scans.push({ table: relation, kind: 'index', detail: plan[plan.length - 1]!.trim() })
    for (const child of node.Plans ?? []) walk(child, depth + 1)
  }
  if (root) walk(root, 0)
  return { sql: s.sql, plan, scans }
}

/**
 * The plan of each statement (SELECT, UPDATE, DELETE; inserts of single rows have none worth
 * reading) and the full scans in it. Plans only: nothing is executed.
 */
export async function explainStatements(db: Kysely<any>, kind: DbKind, statements: Statement[]): Promise<ExplainedStatement[]> {
  const out: ExplainedStatement[] = []
  for (const s of statements) {
    if (!/^\s*(select|update|delete|with)\b/i.test(s.sql)) continue
    out.push(kind === 'postgres' ? await explainPostgres(db, s) : await explainSqlite(db, s))
  }
  return out
}

/** Full scans of the given tables across explained statements. */
export function fullScans(explained: ExplainedStatement[], tables: ReadonlySet<string>): (Scan & { sql: string })[] {
  return explained.flatMap((e) => e.scans.filter((s) => tables.has(s.table)).map((s) => ({ ...s, sql: e.sql })))
}
