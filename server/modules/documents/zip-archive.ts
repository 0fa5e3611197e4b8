import zlib from 'node:zlib'

/**
 * A strict reader of a zip archive's directory, enough to tell a real Word or OpenDocument file
 * from bytes that merely contain the right names. It reads the end-of-central-directory record
 * and the central directory, checks each entry's local header against them, and opens only the
 * small entries a type check needs, with a ceiling on what they may inflate to.
 *
 * Refused as not an archive of ours: anything truncated or with bytes before the first entry,
 * ZIP64, multi-disk or encrypted archives, methods other than stored and deflate, duplicate names,
 * entries whose bytes overlap (the "overlapping files" zip bomb), a declared size no deflate
 * stream can reach from its compressed size (deflate expands at most 1032 times), and a total
 * declared size over MAX_EXPANDED.
 */

export type ZipEntry = {
  name: string
  /** 0: stored, 8: deflated. */
  method: 0 | 8
  crc: number
  compressedSize: number
  size: number
  localOffset: number
  /** Where the entry's (compressed) bytes start and end in the archive. */
  dataStart: number
  dataEnd: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const MAX_ENTRIES = 10_000
const MAX_EXPANDED = 1024 * 1024 * 1024
const MAX_DEFLATE_RATIO = 1032

export class ZipArchive {
  private constructor(
    private readonly bytes: Buffer,
    /** In the order of their bytes in the archive: the first starts at offset 0. */
    readonly entries: readonly ZipEntry[],
  ) {}

  /** The archive's entries, or null when the bytes are not a well-formed archive within our limits. */
  static open(bytes: Buffer): ZipArchive | null {
    try {
      const entries = readDirectory(bytes)
      return entries ? new ZipArchive(bytes, entries) : null
    } catch {
      return null
    }
  }

  get(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name)
  }

  /** An entry's content, when it is at most `maxBytes` and inflates to exactly what was declared. */
  read(entry: ZipEntry, maxBytes: number): Buffer | null {
    if (entry.size > maxBytes) return null
    const data = this.bytes.subarray(entry.dataStart, entry.dataEnd)
    let content: Buffer
    try {
      content = entry.method === 0 ? data : zlib.inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) })
    } catch {
      return null
    }
    return content.length === entry.size && crc32(content) === entry.crc ? content : null
  }
}

function readDirectory(b: Buffer): ZipEntry[] | null {
  if (b.length < 22 || b.readUInt32LE(0) !== LOCAL) return null
  const end = findEnd(b)
  if (end < 0) return null
  const disk = b.readUInt16LE(end + 4)
  const directoryDisk = b.readUInt16LE(end + 6)
  const onDisk = b.readUInt16LE(end + 8)
  const count = b.readUInt16LE(end + 10)
  const directorySize = b.readUInt32LE(end + 12)
  const directoryStart = b.readUInt32LE(end + 16)
  // One disk, no ZIP64 markers, and the directory right before its end record.
  if (disk !== 0 || directoryDisk !== 0 || onDisk !== count || count === 0xffff || count > MAX_ENTRIES) return null
  if (directoryStart === 0xffffffff || directoryStart + directorySize !== end) return null

  const entries: ZipEntry[] = []
  const names = new Set<string>()
  let expanded = 0
  let at = directoryStart
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || b.readUInt32LE(at) !== CENTRAL) return null
    const flags = b.readUInt16LE(at + 8)
    const method = b.readUInt16LE(at + 10)
    const crc = b.readUInt32LE(at + 16)
    const compressedSize = b.readUInt32LE(at + 20)
    const size = b.readUInt32LE(at + 24)
    const nameLength = b.readUInt16LE(at + 28)
    const extraLength = b.readUInt16LE(at + 30)
    const commentLength = b.readUInt16LE(at + 32)
    const startDisk = b.readUInt16LE(at + 34)
    const localOffset = b.readUInt32LE(at + 42)
    const next = at + 46 + nameLength + extraLength + commentLength
    if (next > end) return null
    const name = b.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    if (flags & 0x0001 || startDisk !== 0 || (method !== 0 && method !== 8)) return null
    if ([compressedSize, size, localOffset].includes(0xffffffff)) return null
    if (method === 0 ? size !== compressedSize : size > compressedSize * MAX_DEFLATE_RATIO) return null
    expanded += size
    if (expanded > MAX_EXPANDED || names.has(name)) return null
    names.add(name)
    const local = localEntry(b, localOffset, name, compressedSize, directoryStart)
    if (!local) return null
    entries.push({ name, method: method as 0 | 8, crc, compressedSize, size, localOffset, ...local })
    at = next
  }
  if (at !== end) return null

  // Each entry's bytes lie after the previous entry's: none shares bytes with another.
  entries.sort((x, y) => x.localOffset - y.localOffset)
  if (entries[0]?.localOffset !== 0) return null
  for (let i = 1; i < entries.length; i++) if ((entries[i] as ZipEntry).localOffset < (entries[i - 1] as ZipEntry).dataEnd) return null
  return entries
}

/** The end-of-central-directory record: the last one whose comment reaches exactly the end of the bytes. */
function findEnd(b: Buffer): number {
  const lowest = Math.max(0, b.length - 22 - 0xffff)
  for (let at = b.length - 22; at >= lowest; at--)
    if (b.readUInt32LE(at) === EOCD && at + 22 + b.readUInt16LE(at + 20) === b.length) return at
  return -1
}

/** The local header of an entry must be there, name the same file, and its bytes end before the directory. */
function localEntry(b: Buffer, offset: number, name: string, compressedSize: number, directoryStart: number) {
  if (offset + 30 > directoryStart || b.readUInt32LE(offset) !== LOCAL) return null
  const nameLength = b.readUInt16LE(offset + 26)
  const extraLength = b.readUInt16LE(offset + 28)
  if (b.subarray(offset + 30, offset + 30 + nameLength).toString('utf8') !== name) return null
  const dataStart = offset + 30 + nameLength + extraLength
  const dataEnd = dataStart + compressedSize
  return dataEnd <= directoryStart ? { dataStart, dataEnd } : null
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
