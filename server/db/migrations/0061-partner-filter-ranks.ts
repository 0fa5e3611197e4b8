import { type Kysely, sql } from 'kysely'

/**
 * A search without a place but with a need, a language or an audience ("mental health",
 * "Arabic-speaking") in one index range, as 0031 did for places: the ranking's copies
 * (`listed`, `capacity_rank`, `wait_days`, `organisation_name`) go into each need and term row too.
 * PostgreSQL otherwise walked every listed service in rank order and probed its need (20,000
 * probes for 2,400 matches, p95 57 ms at 20,000 services). Written by `writeOrganisation` with
 * every service, like the coverage rows; existing rows are backfilled here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['partner_service_needs', 'partner_service_terms'])
    for (const [column, type, fallback] of [
      ['listed', 'integer', 0],
      ['capacity_rank', 'integer', 2],
      ['wait_days', 'integer', null],
      ['organisation_name', 'text', ''],
    ] as const)
      await db.schema
        .alterTable(table)
        .addColumn(column, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
        .execute()
  for (const table of ['partner_service_needs', 'partner_service_terms'])
    await sql`update ${sql.table(table)} set
      listed = (select s.listed from partner_services s where s.id = ${sql.ref(`${table}.service_id`)}),
      capacity_rank = (select s.capacity_rank from partner_services s where s.id = ${sql.ref(`${table}.service_id`)}),
      wait_days = (select s.wait_days from partner_services s where s.id = ${sql.ref(`${table}.service_id`)}),
      organisation_name = (select s.organisation_name from partner_services s where s.id = ${sql.ref(`${table}.service_id`)})`.execute(db)
  await db.schema
    .createIndex('partner_service_needs_rank')
    .on('partner_service_needs')
    .columns(['need_code', 'listed', 'capacity_rank', 'wait_days', 'organisation_name', 'service_id'])
    .execute()
  await db.schema
    .createIndex('partner_service_terms_rank')
    .on('partner_service_terms')
    .columns(['term', 'listed', 'capacity_rank', 'wait_days', 'organisation_name', 'service_id'])
    .execute()
}
