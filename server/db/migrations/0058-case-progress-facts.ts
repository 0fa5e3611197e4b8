import type { Kysely } from 'kysely'

/**
 * Issue 14: the progress indicators (reviews per life domain, plan goals, network change) are
 * read from these facts, never by opening sealed answers, plans or ties at read time. The
 * commands that save a review, a plan version or a network snapshot rewrite their case's facts
 * of that kind in the same transaction; `npm run parcours -- progress-facts backfill` writes them
 * once for cases saved before this migration.
 *
 * A fact holds codes and small numbers only (a domain, who rated, a score from 1 to 10, counts):
 * nothing that names or describes anyone. Erasure leaves the case as a counted shell, and these
 * facts with it, so that the statistics do not move when a person is erased.
 *
 * kind 'review':  per domain and rater, the first and latest score and how many reviews scored it.
 * kind 'plan':    per domain of the current plan, goals done (count_a) and open (count_b).
 * kind 'network': domain and rater '', supportive ties in the first and latest snapshot,
 *                 supportive ties gained (count_a) and harmful ties left (count_b) between them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_progress_facts')
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('rater', 'text', (c) => c.notNull())
    .addColumn('first_value', 'integer')
    .addColumn('latest_value', 'integer')
    .addColumn('count_a', 'integer', (c) => c.notNull())
    .addColumn('count_b', 'integer', (c) => c.notNull())
    .addColumn('observations', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_progress_facts_pk', ['accompaniment_id', 'kind', 'domain', 'rater'])
    .execute()
  // The indicators read a team's cases, then their facts of one kind.
  await db.schema.createIndex('case_progress_facts_kind').on('case_progress_facts').columns(['kind', 'accompaniment_id']).execute()
}
