import type { Trx } from '../http/context'

/** The tables whose rows carry a pseudonymous code under a unique index. */
export type CodedTable = 'persons' | 'accompaniments' | 'dpo_requests' | 'referrals'

/** Draws before giving up: with 40 random bits, a second taken draw in a row is all but impossible. */
const DRAWS = 5

/**
 * A code `draw` makes that no row of `table` holds yet. Codes are short enough to read over the
 * phone (40 random bits): among 200,000 persons a new one is taken about once in five million,
 * about one register in fifty over its life. The unique index would then refuse the insert and
 * the user get an error for nothing; a code already given is drawn again instead. Two writers
 * drawing the same free code at the same instant remain refused by the index.
 */
export async function freeCode(trx: Trx, table: CodedTable, draw: () => string): Promise<string> {
  for (let i = 0; i < DRAWS; i++) {
    const code = draw()
    const taken = await trx
      .selectFrom(table as 'persons')
      .select('code')
      .where('code', '=', code)
      .executeTakeFirst()
    if (!taken) return code
  }
  throw new Error(`no free code in ${table} after ${DRAWS} draws`)
}
