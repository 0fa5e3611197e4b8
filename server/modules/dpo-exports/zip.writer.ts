import zlib from 'node:zlib'

/**
 * A store-only ZIP archive (no compression, no dependency): a handful of files a DPO opens with
 * any archiver. Names are UTF-8 (general-purpose flag bit 11), so that "sœur.pdf" stays as written.
 * Sizes are those of ZIP without its 64-bit extension: an archive past 4 GiB is refused.
 */
export function zipStore(files: { name: string; bytes: Buffer }[], at = new Date()): Buffer {
  const time = ((at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1)) & 0xffff
  const date = (((at.getUTCFullYear() - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate()) & 0xffff
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8')
    const crc = zlib.crc32(file.bytes) >>> 0
    if (file.bytes.length >= 0xffffffff || offset >= 0xffffffff) throw new Error('archive too large for ZIP without ZIP64')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(0, 8)
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(file.bytes.length, 18)
    local.writeUInt32LE(file.bytes.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28)
    const header = Buffer.alloc(46)
    header.writeUInt32LE(0x02014b50, 0)
    header.writeUInt16LE(20, 4)
    header.writeUInt16LE(20, 6)
    header.writeUInt16LE(0x0800, 8)
    header.writeUInt16LE(0, 10)
    header.writeUInt16LE(time, 12)
    header.writeUInt16LE(date, 14)
    header.writeUInt32LE(crc, 16)
    header.writeUInt32LE(file.bytes.length, 20)
    header.writeUInt32LE(file.bytes.length, 24)
    header.writeUInt16LE(name.length, 28)
    header.writeUInt32LE(offset, 42)
    locals.push(local, name, file.bytes)
    central.push(header, name)
    offset += 30 + name.length + file.bytes.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** Reads back a store-only archive written by `zipStore` (tests, and a check before sealing). */
export function unzipStore(archive: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  let at = 0
  while (archive.readUInt32LE(at) === 0x04034b50) {
    const size = archive.readUInt32LE(at + 18)
    const nameLength = archive.readUInt16LE(at + 26)
    const extra = archive.readUInt16LE(at + 28)
    const name = archive.subarray(at + 30, at + 30 + nameLength).toString('utf8')
    const start = at + 30 + nameLength + extra
    const bytes = archive.subarray(start, start + size)
    if (zlib.crc32(bytes) >>> 0 !== archive.readUInt32LE(at + 14)) throw new Error('archive entry damaged')
    out.set(name, Buffer.from(bytes))
    at = start + size
  }
  return out
}
