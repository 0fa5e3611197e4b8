import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

/** What is worth compressing: text. Images and fonts (png, woff2) are compressed already. */
export const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.txt', '.map'])

/** The encodings written beside each file at build time, best first (Accept-Encoding decides). */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const

/**
 * Writes `file.br` and `file.gz` beside every compressible file under `dir`, at the highest
 * levels: this runs once per build, so the time spent here is paid once, not per request.
 * `index.html` is left alone: it gets a per-request CSP nonce, so its bytes differ on every
 * response. A compressed copy that is not smaller than the file is not kept.
 */
export function precompressDir(dir: string): { files: number; bytes: number; br: number; gzip: number } {
  const totals = { files: 0, bytes: 0, br: 0, gzip: 0 }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    if (!COMPRESSIBLE.has(path.extname(file)) || entry.name === 'index.html') continue
    const data = fs.readFileSync(file)
    const br = zlib.brotliCompressSync(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    })
    const gzip = zlib.gzipSync(data, { level: zlib.constants.Z_BEST_COMPRESSION })
    totals.files++
    totals.bytes += data.length
    if (br.length < data.length) {
      fs.writeFileSync(file + '.br', br)
      totals.br += br.length
    }
    if (gzip.length < data.length) {
      fs.writeFileSync(file + '.gz', gzip)
      totals.gzip += gzip.length
    }
  }
  return totals
}

/**
 * The encoding to send for an Accept-Encoding header, among those the server has: the client's
 * highest q-value wins, ties go to the server's order (brotli first); `q=0` refuses an encoding,
 * also through `*;q=0`. Null means the file is sent as it is.
 */
export function chooseEncoding(header: string | undefined, available: readonly string[]): string | null {
  if (!header) return null
  const weights = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    const weight = q === undefined ? 1 : Number(q)
    weights.set(name, Number.isFinite(weight) ? weight : 0)
  }
  let best: string | null = null
  let bestWeight = 0
  for (const encoding of available) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0
    if (weight > bestWeight) {
      best = encoding
      bestWeight = weight
    }
  }
  return best
}
