import fs from 'node:fs/promises'
import path from 'node:path'
import { openBytes, sealBytes } from './aead'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Document bytes on disk under the data folder, sealed with the person's data key: a copied
 * folder shows nothing, and erasing the key (crypto-shredding) makes them unreadable. Paths are
 * built from UUIDs only, never from a file name.
 */
export class DocumentStore {
  constructor(private readonly root: string) {}

  private file(accompanimentId: string, documentId: string): string {
    if (!UUID.test(accompanimentId) || !UUID.test(documentId)) throw new Error('invalid document path')
    return path.join(this.root, accompanimentId, `${documentId}.bin`)
  }

  async write(key: Buffer, accompanimentId: string, documentId: string, bytes: Buffer): Promise<void> {
    const file = this.file(accompanimentId, documentId)
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
    // Written aside then renamed, so a crash never leaves half a document under its name.
    await fs.writeFile(`${file}.tmp`, sealBytes(key, bytes, `documents:${documentId}`), { mode: 0o600 })
    await fs.rename(`${file}.tmp`, file)
  }

  async read(key: Buffer, accompanimentId: string, documentId: string): Promise<Buffer> {
    return openBytes(key, await fs.readFile(this.file(accompanimentId, documentId)), `documents:${documentId}`)
  }

  async remove(accompanimentId: string, documentId: string): Promise<void> {
    await fs.rm(this.file(accompanimentId, documentId), { force: true })
  }
}
