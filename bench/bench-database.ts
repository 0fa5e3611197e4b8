import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type Config, loadConfig } from '../server/config'
import { dropDatabase as dropPgDatabase } from '../server/test/pg-drop'

/**
 * A fresh, throw-away database for one benchmark run on one engine, and the configuration that
 * points at it (demo mode, so that bench users sign in without a second factor; no logs).
 */
export async function benchDatabase(kind: 'sqlite' | 'postgres', pgUrl: string, label: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `parcours-bench-${label}-`))
  let url = `sqlite:${path.join(dataDir, 'bench.sqlite')}`
  let dropDatabase = async () => {}
  if (kind === 'postgres') {
    const name = `parcours_bench_${crypto.randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const u = new URL(pgUrl)
    u.pathname = `/${name}`
    url = u.toString()
    dropDatabase = () => dropPgDatabase(pgUrl, name)
  }
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    PARCOURS_DATA_DIR: dataDir,
    PARCOURS_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
    PARCOURS_DEMO: 'true',
    LOG_LEVEL: 'silent',
  })
  return {
    config,
    async drop() {
      await dropDatabase()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
