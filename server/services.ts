import path from 'node:path'
import type { Config } from './config'
import { openDatabase } from './db/database'
import { migrate } from './db/migrate'
import { installBuiltInInstruments } from './modules/instruments/instruments.commands'
import type { Services } from './http/context'
import { ReadBatcher } from './http/read-batcher'
import { Codec } from './security/codec'
import { documentStoreFor } from './security/document-store'
import { DenialLimiter } from './security/denial-limiter'
import { deriveKey, loadMasterKey } from './security/master-key'
import { NameIndex } from './security/name-index'
import { reindexNames } from './security/name-reindex'

/** The composition root: database, keys and codec, built once and handed to the app. */
export async function createServices(
  config: Config,
): Promise<{ services: Services; generatedKey: string | null; reindexed: number | null; close: () => Promise<void> }> {
  const master = loadMasterKey(config.masterKey)
  const { db, kind } = openDatabase(config.database)
  await migrate(db, kind)
  await installBuiltInInstruments(db)
  const services: Services = {
    db,
    kind,
    config,
    codec: new Codec(master.key),
    names: new NameIndex(deriveKey(master.key, 'name-index')),
    auditKey: deriveKey(master.key, 'audit-pseudonyms'),
    reads: new ReadBatcher(db),
    documents: documentStoreFor(db, kind, path.join(config.dataDir, 'documents')),
    denials: new DenialLimiter(config.denialsPerMinute),
  }
  await services.documents.init()
  // Search keys made by an older name index match nothing: they are made again before serving.
  const reindex = await reindexNames(db, services.codec, services.names)
  return {
    services,
    generatedKey: master.generated ? master.file : null,
    reindexed: reindex?.reindexed ?? null,
    close: () => db.destroy(),
  }
}
