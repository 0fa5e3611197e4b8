import { type Kysely, sql } from 'kysely'

/**
 * "Who can help near here" in one index range scan, without joins (modules/partners/partners.search.ts):
 * what the search filters and ranks on is copied where it looks first.
 * - `partner_service_coverage`: `listed` (1 when the service is active and its organisation too),
 *   `precision` (0 postcode … 4 national, the level's rank), `capacity_rank` (0 available,
 *   1 limited, 2 full), `wait_days` and `organisation_name` (the last tie-break), so a place's
 *   matches, their ranking and the cut to the page come from the `(level, code, listed, …)` index alone;
 * - `partner_services`: `listed`, `capacity_rank` and `organisation_name`, for searches without a place.
 * The copies are written with every service by the module's one write path (partners.commands.ts
 * `writeOrganisation`: editor, partner's own updates, HSDS import), which rewrites all of an
 * organisation's services and coverage rows on each write; existing rows are backfilled here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [column, type, fallback] of [
    ['listed', 'integer', 0],
    ['precision', 'integer', 4],
    ['capacity_rank', 'integer', 2],
    ['wait_days', 'integer', null],
    ['organisation_name', 'text', ''],
  ] as const)
    await db.schema
      .alterTable('partner_service_coverage')
      .addColumn(column, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute()
  for (const [column, type, fallback] of [
    ['listed', 'integer', 0],
    ['capacity_rank', 'integer', 2],
    ['organisation_name', 'text', ''],
  ] as const)
    await db.schema
      .alterTable('partner_services')
      .addColumn(column, type, (c) => c.notNull().defaultTo(fallback))
      .execute()

  await sql`update partner_services set
    listed = case when status = 'active' and (select o.active from partner_organisations o where o.id = partner_services.organisation_id) = 1 then 1 else 0 end,
    capacity_rank = case capacity when 'available' then 0 when 'limited' then 1 else 2 end,
    organisation_name = (select o.name from partner_organisations o where o.id = partner_services.organisation_id)`.execute(db)
  await sql`update partner_service_coverage set
    listed = (select s.listed from partner_services s where s.id = partner_service_coverage.service_id),
    precision = case level when 'postcode' then 0 when 'municipality' then 1 when 'province' then 2 when 'region' then 3 else 4 end,
    capacity_rank = (select s.capacity_rank from partner_services s where s.id = partner_service_coverage.service_id),
    wait_days = (select s.wait_days from partner_services s where s.id = partner_service_coverage.service_id),
    organisation_name = (select s.organisation_name from partner_services s where s.id = partner_service_coverage.service_id)`.execute(db)

  // Replaces 0026's (level, code, service_id): the same lookups, now answered from the index alone.
  await db.schema.dropIndex('partner_service_coverage_area').execute()
  await db.schema
    .createIndex('partner_service_coverage_rank')
    .on('partner_service_coverage')
    .columns(['level', 'code', 'listed', 'service_id', 'precision', 'capacity_rank', 'wait_days', 'organisation_name'])
    .execute()
  await db.schema
    .createIndex('partner_services_listed_rank')
    .on('partner_services')
    .columns(['listed', 'capacity_rank', 'wait_days', 'organisation_name', 'id'])
    .execute()
}
