import type { Kysely } from 'kysely'
import type { DbKind } from '../database'

// Placeholder reserved for a change under way in this session; filled before it lands.
export async function up(_db: Kysely<unknown>, _kind: DbKind): Promise<void> {}
