import fs from 'node:fs'
import path from 'node:path'
import { buildApp } from './app'
import { startJobs } from './jobs/jobs'
import { ConfigError, loadConfig } from './config'
import { DataFolderInUse, lockDataFolder } from './db/locks'
import { MIGRATION_NAMES } from './db/migrate'
import { PACKAGE_ROOT, VERSION } from './package-root'
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo.data'
import { DEMO_PARTNER_ORGANISATION } from './seed/partners.seed'
import { createServices } from './services'
import { startNotifications } from './modules/notifications/notifications'

const out = (line = '') => process.stdout.write(`${line}\n`)

/** How long a stop may take (in-flight requests, the last group commit) before the process gives up. */
const SHUTDOWN_GRACE_MS = 25_000

async function main(): Promise<void> {
  // Everything this process creates (database, WAL, lock, documents, temporary files) is the
  // owner's alone; the data folder holds the most sensitive data there is.
  process.umask(0o077)
  let config
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`)
      process.exit(78)
    }
    throw e
  }
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  try {
    fs.chmodSync(config.dataDir, 0o700)
  } catch {
    // A folder someone else owns (a mounted volume): it stays as its owner made it.
    process.stderr.write(`warning: could not make ${config.dataDir} private (mode 0700); check its owner and mode\n`)
  }
  let folderLock: { release: () => void } | null = null
  if (config.database.kind === 'sqlite') {
    try {
      folderLock = lockDataFolder(config.dataDir)
    } catch (e) {
      if (e instanceof DataFolderInUse) {
        process.stderr.write(`${e.message}\n`)
        process.exit(75)
      }
      throw e
    }
  }
  const { services, generatedKey, reindexed, migrations, seeded } = await createServices(config, { seedDemo: config.demo })
  if (reindexed) process.stderr.write(`name search keys made again for ${reindexed} persons (the name index changed)\n`)
  if (generatedKey)
    process.stderr.write(`warning: generated a new master key in ${generatedKey}; keep it safe and out of backups of the database\n`)
  const app = await buildApp(services, { logger: true, webRoot: path.join(PACKAGE_ROOT, 'dist/web') })
  await app.listen({ host: config.host, port: config.port })
  const jobs = await startJobs(services, { log: (event) => app.log.warn(event, 'background job failed') })
  const notifications = startNotifications(services, { log: (event) => app.log.warn(event, 'e-mail not sent') })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  // One machine-readable line for the log collector: what runs, on what, where. No personal data.
  app.log.info(
    {
      event: 'started',
      version: VERSION,
      node: process.version,
      engine: services.kind,
      migrationsApplied: migrations,
      migrationsTotal: MIGRATION_NAMES.length,
      demo: config.demo,
      port,
    },
    'parcours started',
  )
  out()
  out(`Parcours is running on http://${config.host}:${port} (${services.kind})`)
  if (config.demo) {
    out(`Demo mode${seeded ? ': demo data created' : ''}. Fictitious data only. Sign in with one of (password "${DEMO_PASSWORD}"):`)
    for (const u of DEMO_USERS)
      out(`  ${u.roles.join(',').padEnd(11)} ${u.email}${u.roles.includes('partner') ? ` (${DEMO_PARTNER_ORGANISATION})` : ''}`)
  }
  out()

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ event: 'stopping', signal }, 'parcours stopping')
    const force = setTimeout(() => {
      app.log.error({ event: 'stop_timeout', graceMs: SHUTDOWN_GRACE_MS }, 'requests still running; exiting')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS)
    force.unref()
    try {
      // Stops accepting, answers 503 on kept-alive connections, and waits for every request in
      // flight — reads waiting for their group commit included, since each waits for its batch.
      // A kept-alive connection that was busy when the stop began turns idle once its answer is
      // sent, and would then hold the close for the keep-alive timeout (72 s, past the grace):
      // such connections are closed as soon as they are idle, never in the middle of an answer.
      const idle = setInterval(() => app.server.closeIdleConnections(), 50)
      idle.unref()
      await app.close().finally(() => clearInterval(idle))
      // No new job is claimed; running ones finish (or are aborted) before the database closes.
      await jobs.stop()
      await notifications.stop()
      await services.db.destroy()
      folderLock?.release()
      app.log.info({ event: 'stopped' }, 'parcours stopped')
      process.exit(0)
    } catch (e) {
      app.log.error({ event: 'stop_failed', err: { type: (e as Error).name } }, 'stop failed')
      process.exit(1)
    }
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

void main()
