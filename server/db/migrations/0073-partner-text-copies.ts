import { type Kysely, sql } from 'kysely'

/**
 * Free text with a place, a need, a language or an audience ("near 8610, insertion") checked on
 * the rows the filter's index range already reads: each coverage, need and term row gets a copy
 * of its service's folded `search_text` (0028), as 0031 and 0061 gave them the ranking's copies.
 * The text was checked on each candidate by a probe into `partner_services`: some 2,500 probes for
 * a place on PostgreSQL, 10 of the statement's 16 ms. Written by `writeOrganisation` with every
 * service; existing rows are backfilled here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['partner_service_coverage', 'partner_service_needs', 'partner_service_terms']) {
    await db.schema
      .alterTable(table)
      .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
      .execute()
    await sql`update ${sql.table(table)} set
      search_text = (select s.search_text from partner_services s where s.id = ${sql.ref(`${table}.service_id`)})`.execute(db)
  }
}
