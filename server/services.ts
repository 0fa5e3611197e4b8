import path from 'node:path'
import type { Config } from './config'
import { openDatabase } from './db/database'
import { withStartupLock } from './db/locks'
import { migrate } from './db/migrate'
import { installBuiltInInstruments } from './modules/instruments/instruments.commands'
import type { Services } from './http/context'
import { ReadBatcher } from './http/read-batcher'
import { Codec } from './security/codec'
import { ContactIndex } from './security/contact-index'
import { documentStoreFor } from './security/document-store'
import { DenialLimiter } from './security/denial-limiter'
import { loadMasterKeyring } from './security/master-key'
import { NameIndex } from './security/name-index'
import { reindexNames } from './security/name-reindex'
import { loadStableKeys } from './security/stable-keys'
import { hasAnyUser, seedDemo } from './seed/demo.seed'
import { configureServiceTimeZone } from './time/service-day'

export type Started = {
  services: Services
  generatedKey: string | null
  reindexed: number | null
  /** Migrations this start applied (none when another instance or an earlier start did). */
  migrations: string[]
  /** Whether this start created the demo data (asked for, and the database had no user). */
  seeded: boolean
  close: () => Promise<void>
}

/**
 * The composition root: database, keys and codec, built once and handed to the app. Every
 * start-up write runs under the start-up lock, so that instances started together on one
 * database (replicas, the CLI beside the server) do each step once and in order.
 */
export async function createServices(config: Config, options: { seedDemo?: boolean } = {}): Promise<Started> {
  configureServiceTimeZone(config.timeZone)
  const keyring = loadMasterKeyring(config)
  const master = keyring.current
  const { db, kind } = openDatabase(config.database)
  try {
    const started = await withStartupLock(config.database, async () => {
      const migrations = await migrate(db, kind)
      // Keys whose products are stored (search indexes, audit pseudonyms) outlive master-key rotations.
      const stable = await loadStableKeys(db, keyring)
      const services: Services = {
        db,
        kind,
        config,
        codec: new Codec(master.key, { previous: keyring.previous }),
        names: new NameIndex(stable['name-index']),
        contactIndex: new ContactIndex(stable['contact-index']),
        auditKey: stable['audit-pseudonyms'],
        // PostgreSQL: a batch reads while the one before it commits (ADR 0004); SQLite has one connection.
        reads: new ReadBatcher(db, { inFlight: kind === 'postgres' ? 3 : 1 }),
        documents: documentStoreFor(db, kind, path.join(config.dataDir, 'documents')),
        denials: new DenialLimiter(config.denialsPerMinute),
      }
      await installBuiltInInstruments(db)
      // Removes temporary and unreferenced document content left by a crash (ADR 0008).
      await services.documents.init()
      // Search keys made by an older name index match nothing: they are made again before serving.
      const reindex = await reindexNames(db, services.codec, services.names)
      const seeded = !!options.seedDemo && !(await hasAnyUser(services))
      if (seeded) await seedDemo(services)
      return { services, migrations, reindexed: reindex?.reindexed ?? null, seeded }
    })
    return {
      generatedKey: master.generated ? master.file : null,
      ...started,
      close: () => db.destroy(),
    }
  } catch (e) {
    await db.destroy().catch(() => undefined)
    throw e
  }
}
