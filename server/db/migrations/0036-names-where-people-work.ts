import { type Kysely, sql } from 'kysely'

/**
 * Issue 12, "names where people work" and "new case for you".
 *
 * `users.names_masked`: the privacy screen each user turns on or off (1 masks client names to
 * initials, 0 shows them); null follows the service's setting (PARCOURS_NAMES_DEFAULT).
 *
 * `case_opens`: the first time each user opened each case. A case a worker is assigned to and
 * has never opened is shown on their My day as a new case. The assignments that exist when this
 * migration runs count as opened: they are not news to anyone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('names_masked', 'integer').execute()
  await db.schema
    .createTable('case_opens')
    .addColumn('accompaniment_id', 'text', (c) => c.notNull().references('accompaniments.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_opens_pk', ['user_id', 'accompaniment_id'])
    .execute()
  const now = new Date().toISOString()
  await sql`insert into case_opens (accompaniment_id, user_id, opened_at)
    select accompaniment_id, user_id, ${now} from accompaniment_workers`.execute(db)
}
