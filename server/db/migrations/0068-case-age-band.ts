import type { Kysely } from 'kysely'

/**
 * The client's age band when the case opened, in the clear on the case (issue 14, ADR 0014): a
 * study's extract asking for ages opened each client's sealed birth year with their key, about a
 * fifth of an extract's time at 120,000 cases. The band is as coarse as the extract's own value
 * (under 18, 18–25, 26–35, 36–50, over 50, unknown), beside the gender and postcode already kept
 * in the clear on the person. Opening a case writes it and correcting a birth year rewrites it;
 * erasure empties it. A migration cannot open sealed values, so cases from before it keep NULL
 * until `cases age-bands` fills them; meanwhile an extract opens those cases' birth years as before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accompaniments').addColumn('age_band', 'text').execute()
}
