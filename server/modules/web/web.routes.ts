import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { chooseEncoding, COMPRESSIBLE, PRECOMPRESSED } from './web.precompress'

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
}

/** Vite names what it emits under assets/ by content hash: a changed file gets a new name. */
const IMMUTABLE = 'public, max-age=31536000, immutable'

const isFile = (file: string) => {
  try {
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

/**
 * Serves the built web app: files under the web root, and index.html for client-side routes.
 * A compressible file is sent as the `.br` or `.gz` copy written beside it at build time
 * (web.precompress.ts), as the browser's Accept-Encoding allows. The page itself is never cached
 * nor precompressed: it carries a fresh CSP nonce on every response.
 */
export function webRoutes(webRoot: string | null) {
  const root = webRoot ? path.resolve(webRoot) : null
  // The page is read again when a build replaced it: a server left running across `npm run
  // build` (or a deploy that swaps the web root) would otherwise send the old page, whose
  // scripts the build deleted, and reloading could never recover. One stat per page load.
  let cached: { mtimeMs: number; size: number; html: string } | null = null
  const index = () => {
    if (!root) return null
    const file = path.join(root, 'index.html')
    let stat: fs.Stats
    try {
      stat = fs.statSync(file)
    } catch {
      return cached?.html ?? null
    }
    if (!cached || cached.mtimeMs !== stat.mtimeMs || cached.size !== stat.size) {
      cached = { mtimeMs: stat.mtimeMs, size: stat.size, html: fs.readFileSync(file, 'utf8') }
    }
    return cached.html
  }
  return [
    defineRoute({
      method: 'GET',
      path: '/*',
      summary: 'Web application',
      params: z.object({ '*': z.string().max(500) }),
      allow: 'public',
      hide: true,
      async handler({ params, request, reply }) {
        const rel = params['*']
        if (rel.startsWith('api/') || rel === 'api') throw fail('resource.not_found')
        if (!root) throw fail('resource.not_found')
        const file = path.resolve(root, rel)
        if (file.startsWith(root + path.sep) && isFile(file) && path.basename(file) !== 'index.html') {
          const ext = path.extname(file)
          reply.header('Content-Type', TYPES[ext] ?? 'application/octet-stream')
          reply.header('Cache-Control', rel.startsWith('assets/') ? IMMUTABLE : 'no-cache')
          let sent = file
          if (COMPRESSIBLE.has(ext)) {
            // Caches keep one copy per encoding, whichever this response carries.
            reply.header('Vary', 'Accept-Encoding')
            const available = PRECOMPRESSED.filter((p) => isFile(file + p.suffix))
            const encoding = chooseEncoding(
              request.headers['accept-encoding'],
              available.map((p) => p.encoding),
            )
            const chosen = available.find((p) => p.encoding === encoding)
            if (chosen) {
              sent = file + chosen.suffix
              reply.header('Content-Encoding', chosen.encoding)
            }
          }
          reply.header('Content-Length', fs.statSync(sent).size)
          return reply.send(fs.createReadStream(sent))
        }
        const html = index()
        if (!html || (path.extname(rel) && path.basename(rel) !== 'index.html')) throw fail('resource.not_found')
        reply.header('Content-Type', TYPES['.html'])
        reply.header('Cache-Control', 'no-store')
        return reply.send(html.replaceAll('__CSP_NONCE__', request.cspNonce))
      },
    }),
  ]
}
