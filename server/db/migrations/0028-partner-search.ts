import type { Kysely } from 'kysely'

/**
 * "Who can help near here" filters, ranks, counts and cuts to the page in SQL
 * (modules/partners/partners.search.ts), so that its time follows the page, not the matches:
 * - `partner_services.search_text`: the folded (accent-free, lower-case, punctuation as spaces)
 *   service name, organisation name, service description and organisation description, joined
 *   by `|` (which folding never leaves, so a searched text never spans two fields);
 * - `partner_service_terms`: one row per language (`language:ar`) and audience
 *   (`audience:young_people`) of a service, the JSON arrays of `languages` and `audiences` made
 *   indexable on both engines.
 * Two covering indexes hold what the ranking reads of a service and of its organisation.
 * Both are written by the module's one write path (partners.commands.ts `writeOrganisation`, which
 * the editor, the partner's own updates and the HSDS import go through); existing rows are
 * backfilled here with the same folding.
 */
const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()

/** The columns the backfill reads and writes, as they stand at this migration. */
type Backfill = {
  partner_services: {
    id: string
    organisation_id: string
    name: string
    description: string | null
    languages: string
    audiences: string
    search_text: string
  }
  partner_organisations: { id: string; name: string; description: string }
  partner_service_terms: { service_id: string; term: string }
}

export async function up(schema: Kysely<unknown>): Promise<void> {
  const db = schema as unknown as Kysely<Backfill>
  await db.schema
    .alterTable('partner_services')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute()
  await db.schema
    .createTable('partner_service_terms')
    .addColumn('service_id', 'text', (c) => c.notNull().references('partner_services.id'))
    .addColumn('term', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('partner_service_terms_pk', ['service_id', 'term'])
    .execute()
  await db.schema.createIndex('partner_service_terms_term').on('partner_service_terms').columns(['term', 'service_id']).execute()
  // What the ranking reads of each matching service and organisation, so that SQLite answers from
  // these indexes without reading the rows (their descriptions and search text).
  await db.schema
    .createIndex('partner_services_rank')
    .on('partner_services')
    .columns(['id', 'status', 'capacity', 'wait_days', 'organisation_id'])
    .execute()
  await db.schema.createIndex('partner_organisations_rank').on('partner_organisations').columns(['id', 'active', 'name']).execute()

  const rows = await db
    .selectFrom('partner_services')
    .innerJoin('partner_organisations', 'partner_organisations.id', 'partner_services.organisation_id')
    .select([
      'partner_services.id',
      'partner_services.name',
      'partner_services.description',
      'partner_services.languages',
      'partner_services.audiences',
      'partner_organisations.name as org_name',
      'partner_organisations.description as org_description',
    ])
    .execute()
  for (const r of rows) {
    const searchText = [r.name, r.org_name, r.description ?? '', r.org_description].map(fold).join('|')
    await db.updateTable('partner_services').set({ search_text: searchText }).where('id', '=', r.id).execute()
    const terms = [
      ...new Set([
        ...(JSON.parse(r.languages) as string[]).map((l) => `language:${l}`),
        ...(JSON.parse(r.audiences) as string[]).map((a) => `audience:${a}`),
      ]),
    ]
    if (terms.length)
      await db
        .insertInto('partner_service_terms')
        .values(terms.map((term) => ({ service_id: r.id, term })))
        .execute()
  }
}
