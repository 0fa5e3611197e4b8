import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Config, loadConfig } from '../server/config'
import { createDatabase as createPgDatabase, dropDatabase as dropPgDatabase } from '../server/test/pg-drop'

/**
 * A fresh, throw-away database for one benchmark run on one engine, and the configuration that
 * points at it (demo mode, so that bench users sign in without a second factor; no logs).
 */
export async function benchDatabase(kind: 'sqlite' | 'postgres', pgUrl: string, label: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `parcours-bench-${label}-`))
  let url = `sqlite:${path.join(dataDir, 'bench.sqlite')}`
  let dropDatabase = async () => {}
  if (kind === 'postgres') {
    const created = await createPgDatabase(pgUrl, 'parcours_bench')
    url = created.url
    dropDatabase = () => dropPgDatabase(pgUrl, created.name)
  }
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    PARCOURS_DATA_DIR: dataDir,
    PARCOURS_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
    PARCOURS_DEMO: 'true',
    LOG_LEVEL: 'silent',
    // Before/after of server/db/pg-client.ts in one set of conditions.
    ...(process.env.PARCOURS_PG_PREPARED_STATEMENTS
      ? { PARCOURS_PG_PREPARED_STATEMENTS: process.env.PARCOURS_PG_PREPARED_STATEMENTS }
      : {}),
  })
  return {
    config,
    async drop() {
      await dropDatabase()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
