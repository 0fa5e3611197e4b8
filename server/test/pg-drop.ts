import pg from 'pg'

/**
 * Drops a throw-away PostgreSQL database. `WITH (FORCE)` refuses when an autovacuum worker happens
 * to be in the database (PostgreSQL 15 checks its role, which a non-superuser cannot match), so a
 * refused drop is retried without FORCE, which cancels autovacuum itself and waits for it to leave.
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`drop database if exists ${name}${attempt % 2 === 0 ? ' with (force)' : ''}`)
        return
      } catch (error) {
        if (attempt >= 9) throw error
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }
  } finally {
    await c.end()
  }
}
