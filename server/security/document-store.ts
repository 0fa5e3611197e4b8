import fs from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import type { Db, DbKind } from '../db/database'
import { openBytes } from './aead'
import { openChunk, sealedChunks } from './document-seal'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** Version 2 of a document file: this header, then records of a 4-byte length and a sealed chunk. */
const MAGIC = Buffer.from('PCD2', 'latin1')
/** Chunks of an upload not yet referenced by a row are an upload in flight until this old. */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000

export type DocumentRef = { accompanimentId: string; documentId: string }
/**
 * How a document's content opens: its own content key (chunked, version 2), or, for documents
 * stored before it, the person's data key (one sealed blob on disk).
 */
export type ContentKey = { content: Buffer } | { legacyPersonKey: Buffer }

/**
 * Where document bytes live, sealed: a copied folder or database dump shows nothing, and
 * erasing the person's key (crypto-shredding) makes them unreadable, the content key being
 * sealed with it in the document's row. Content is written before its row commits, under the
 * document's id only (never a file name), and removed again when the row does not commit.
 */
export interface DocumentStore {
  /** At start-up: removes what an interrupted upload left (temporary files, unreferenced content). */
  init(): Promise<void>
  /** Seals the stream in chunks under `key` and stores it; on any failure, nothing stays behind. */
  put(ref: DocumentRef, key: Buffer, source: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<void>
  /** Removes content whose row did not commit. */
  discard(ref: DocumentRef): Promise<void>
  /** The plaintext as a stream; the first chunk is opened before it resolves, so a missing or damaged document fails here. */
  open(ref: DocumentRef, key: ContentKey): Promise<Readable>
}

/** The store for the engine: on disk beside SQLite (one machine), in the database on PostgreSQL (every instance sees it; ADR 0008). */
export function documentStoreFor(db: Db, kind: DbKind, root: string): DocumentStore {
  const disk = new DiskDocumentStore(db, root)
  return kind === 'postgres' ? new DatabaseDocumentStore(db, disk) : disk
}

/** Opens chunks one by one, each at its place; the first before resolving, so that a missing or damaged document fails before any byte is sent. */
async function plaintext(ref: DocumentRef, key: Buffer, chunks: AsyncIterator<{ sealed: Buffer; last: boolean }>): Promise<Readable> {
  let index = 0
  const next = async () => {
    const { value, done } = await chunks.next()
    if (done) throw new Error('document content ends before its last chunk')
    return { plain: openChunk(key, ref.documentId, index++, value.last, value.sealed), last: value.last }
  }
  const first = await next()
  async function* all() {
    let current = first
    try {
      yield current.plain
      while (!current.last) {
        current = await next()
        yield current.plain
      }
    } finally {
      // A download cut short releases the file or the query all the same.
      await chunks.return?.()
    }
  }
  return Readable.from(all())
}

export class DiskDocumentStore implements DocumentStore {
  // A true private field: modules reach the store through ctx.services, never its database.
  readonly #db: Db
  constructor(
    db: Db,
    private readonly root: string,
  ) {
    this.#db = db
  }

  private file(ref: DocumentRef): string {
    if (!UUID.test(ref.accompanimentId) || !UUID.test(ref.documentId)) throw new Error('invalid document path')
    return path.join(this.root, ref.accompanimentId, `${ref.documentId}.bin`)
  }

  async init(): Promise<void> {
    const folders = await fs.readdir(this.root, { withFileTypes: true }).catch(() => [])
    for (const folder of folders) {
      if (!folder.isDirectory() || !UUID.test(folder.name)) continue
      const dir = path.join(this.root, folder.name)
      const names = await fs.readdir(dir)
      for (const name of names.filter((n) => n.endsWith('.tmp'))) await fs.rm(path.join(dir, name), { force: true })
      // A file whose row never committed (the process stopped in between) is unreadable
      // anyway, its content key having died with the upload: removed.
      const ids = names.filter((n) => n.endsWith('.bin')).map((n) => n.slice(0, -4))
      if (ids.length === 0) continue
      const known = new Set((await this.#db.selectFrom('documents').select('id').where('id', 'in', ids).execute()).map((r) => r.id))
      for (const id of ids) if (!known.has(id)) await fs.rm(path.join(dir, `${id}.bin`), { force: true })
    }
  }

  async put(ref: DocumentRef, key: Buffer, source: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<void> {
    const file = this.file(ref)
    const temporary = `${file}.tmp`
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
    // Written aside then renamed, so that no reader ever sees half a document under its name.
    const handle = await fs.open(temporary, 'wx', 0o600)
    try {
      await handle.write(MAGIC)
      const length = Buffer.alloc(4)
      for await (const sealed of sealedChunks(key, ref.documentId, source)) {
        length.writeUInt32BE(sealed.length)
        await handle.write(Buffer.concat([length, sealed]))
      }
      await handle.sync()
      await handle.close()
      await fs.rename(temporary, file)
    } catch (error) {
      await handle.close().catch(() => {})
      await fs.rm(temporary, { force: true })
      throw error
    }
  }

  async discard(ref: DocumentRef): Promise<void> {
    await fs.rm(this.file(ref), { force: true })
  }

  async open(ref: DocumentRef, key: ContentKey): Promise<Readable> {
    const file = this.file(ref)
    if ('legacyPersonKey' in key) {
      // Version 1: the whole document as one blob sealed with the person's key.
      return Readable.from([openBytes(key.legacyPersonKey, await fs.readFile(file), `documents:${ref.documentId}`)])
    }
    const handle = await fs.open(file, 'r')
    try {
      const { size } = await handle.stat()
      const header = Buffer.alloc(MAGIC.length)
      await handle.read(header, 0, header.length, 0)
      if (!header.equals(MAGIC)) throw new Error('not a version 2 document file')
      let position = MAGIC.length
      async function* records() {
        try {
          while (position < size) {
            const length = Buffer.alloc(4)
            await handle.read(length, 0, 4, position)
            const sealed = Buffer.alloc(length.readUInt32BE())
            const { bytesRead } = await handle.read(sealed, 0, sealed.length, position + 4)
            if (bytesRead !== sealed.length) throw new Error('document file cut short')
            position += 4 + sealed.length
            yield { sealed, last: position >= size }
          }
        } finally {
          await handle.close()
        }
      }
      return await plaintext(ref, key.content, records())
    } catch (error) {
      await handle.close().catch(() => {})
      throw error
    }
  }
}

/**
 * Chunks in the `document_chunks` table (migration 0016): every instance on the database sees
 * every document, and a database backup holds them (ADR 0008). Documents stored on disk before
 * are still read from there.
 */
export class DatabaseDocumentStore implements DocumentStore {
  readonly #db: Db
  constructor(
    db: Db,
    private readonly legacy: DiskDocumentStore,
  ) {
    this.#db = db
  }

  async init(): Promise<void> {
    await this.legacy.init()
    // Other instances may be uploading now: only chunks far older than any upload are abandoned.
    const before = new Date(Date.now() - ABANDONED_AFTER_MS).toISOString()
    await this.#db
      .deleteFrom('document_chunks')
      .where('stored_at', '<', before)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('documents').select('documents.id').whereRef('documents.id', '=', 'document_chunks.document_id'))),
      )
      .execute()
  }

  async put(ref: DocumentRef, key: Buffer, source: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<void> {
    let seq = 0
    try {
      // Each chunk in its own short statement: no transaction is held while the upload arrives.
      for await (const sealed of sealedChunks(key, ref.documentId, source)) {
        await this.#db
          .insertInto('document_chunks')
          .values({ document_id: ref.documentId, seq: seq++, sealed, stored_at: new Date().toISOString() })
          .execute()
      }
    } catch (error) {
      await this.discard(ref)
      throw error
    }
  }

  async discard(ref: DocumentRef): Promise<void> {
    await this.#db.deleteFrom('document_chunks').where('document_id', '=', ref.documentId).execute()
  }

  async open(ref: DocumentRef, key: ContentKey): Promise<Readable> {
    if ('legacyPersonKey' in key) return this.legacy.open(ref, key)
    const { n } = await this.#db
      .selectFrom('document_chunks')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('document_id', '=', ref.documentId)
      .executeTakeFirstOrThrow()
    const count = Number(n)
    const db = this.#db
    async function* records() {
      // A few chunks per query: one round trip per 1 MiB, one chunk's worth of memory per row.
      for (let from = 0; from < count; from += 16) {
        const rows = await db
          .selectFrom('document_chunks')
          .select(['seq', 'sealed'])
          .where('document_id', '=', ref.documentId)
          .where('seq', '>=', from)
          .where('seq', '<', from + 16)
          .orderBy('seq')
          .execute()
        for (const row of rows) yield { sealed: Buffer.from(row.sealed), last: Number(row.seq) === count - 1 }
      }
    }
    return plaintext(ref, key.content, records())
  }
}
