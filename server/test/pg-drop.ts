import crypto from 'node:crypto'
import pg from 'pg'

/** Creates a throw-away PostgreSQL database named `<prefix>_<random>`; its name and URL. */
export async function createDatabase(adminUrl: string, prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${crypto.randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return { name, url: url.toString() }
}

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
