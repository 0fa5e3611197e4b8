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

/**
 * A whole table or index read. `bounded` names why an index walk with no condition to start from
 * does not read the whole index all the same: the LIMIT above it, with nothing filtering on the
 * way and at most an incremental sort in between (it stops after the page), or a partial index (it holds only the rows asked
 * for, such as the contacts waiting in the queue).
 */
export type Scan = { table: string; kind: 'table' | 'index'; detail: string; bounded?: 'limit' | 'partial index' }
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
  // SQLite's plans show neither the LIMIT nor the filters: an index walk is taken as bounded only
  // when the statement is one walk with no condition at all (`where true`), in the index's order
  // (no temporary B-tree to sort it all), under a LIMIT: it then reads the page and stops.
  // Sorting only the last term of the ORDER BY within runs of equal leading terms (an index on
  // occurred_at, ordered by occurred_at then id) still streams: it reads the page and one run more.
  const walks = rows.filter((r) => !/^USE TEMP B-TREE FOR (LAST TERM|RIGHT PART) OF ORDER BY$/.test(r.detail))
  const onePage =
    walks.length === 1 && /\bwhere true\b(?: order by [^()]+)? limit \?(?: offset \?)?\s*$/i.test(s.sql) && !/\bjoin\b/i.test(s.sql)
  for (const { detail } of rows) {
    // "SCAN t" reads the whole table; "SCAN t USING [COVERING] INDEX i" the whole index.
    // "SEARCH" is a range of an index; "SCAN (subquery-1)" or "SCAN CONSTANT ROW" read no table.
    const m = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(detail)
    if (!m || m[1] === 'CONSTANT') continue
    const table = names.get(m[1] as string) ?? (m[1] as string)
    scans.push({ table, kind: m[2] ? 'index' : 'table', detail, ...(m[2] && onePage ? { bounded: 'limit' as const } : {}) })
  }
  return { sql: s.sql, plan: rows.map((r) => r.detail), scans }
}

type PgNode = Record<string, unknown> & { Plans?: PgNode[] }

async function explainPostgres(db: Kysely<any>, s: Statement): Promise<ExplainedStatement> {
  const rows = (
    await db.executeQuery<{ 'QUERY PLAN': { Plan: PgNode }[] }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${s.sql}`, [...s.parameters]))
  ).rows
  const root = (rows[0]?.['QUERY PLAN'] ?? [])[0]?.Plan
  const partial = new Set(
    (
      await db.executeQuery<{ name: string }>(
        CompiledQuery.raw('select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid where i.indpred is not null'),
      )
    ).rows.map((r) => r.name),
  )
  const plan: string[] = []
  const scans: Scan[] = []
  // The LIMIT a walk stops at: its parent, or above an incremental sort (which sorts runs of equal
  // leading keys as they stream by, so the walk still stops one run after the page).
  const limitAbove = (ancestors: PgNode[]) => {
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const type = ancestors[i]?.['Node Type']
      if (type === 'Limit') return true
      if (type !== 'Incremental Sort') return false
    }
    return false
  }
  const walk = (node: PgNode, depth: number, ancestors: PgNode[] = []) => {
    const type = String(node['Node Type'])
    const relation = node['Relation Name'] as string | undefined
    const index = node['Index Name'] as string | undefined
    const cond = (node['Index Cond'] ?? node['Recheck Cond']) as string | undefined
    plan.push(
      `${'  '.repeat(depth)}${type}${relation ? ` on ${relation}` : ''}${index ? ` using ${index}` : ''}${cond ? ` (${cond})` : ''}`,
    )
    if (relation && type === 'Seq Scan') scans.push({ table: relation, kind: 'table', detail: plan[plan.length - 1]!.trim() })
    // An index walked from end to end, with no condition to start from, reads it all, unless it
    // stops at the LIMIT above it (nothing filtered on the way) or holds only the rows asked for.
    if (relation && (type === 'Index Scan' || type === 'Index Only Scan') && !node['Index Cond']) {
      const unfiltered = !node.Filter
      const bounded =
        unfiltered && index && partial.has(index) ? 'partial index' : unfiltered && limitAbove(ancestors) ? 'limit' : undefined
      scans.push({ table: relation, kind: 'index', detail: plan[plan.length - 1]!.trim(), ...(bounded ? { bounded } : {}) })
    }
    for (const child of node.Plans ?? []) walk(child, depth + 1, [...ancestors, node])
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

/** Full scans of the given tables across explained statements (bounded index walks are not). */
export function fullScans(explained: ExplainedStatement[], tables: ReadonlySet<string>): (Scan & { sql: string })[] {
  return explained.flatMap((e) => e.scans.filter((s) => tables.has(s.table) && !s.bounded).map((s) => ({ ...s, sql: e.sql })))
}

/** Index walks of the given tables with no condition to start from, but bounded (see Scan). */
export function boundedWalks(explained: ExplainedStatement[], tables: ReadonlySet<string>): (Scan & { sql: string })[] {
  return explained.flatMap((e) => e.scans.filter((s) => tables.has(s.table) && s.bounded).map((s) => ({ ...s, sql: e.sql })))
}
