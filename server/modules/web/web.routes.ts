import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'

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

/** Serves the built web app: files under the web root, and index.html for client-side routes. */
export function webRoutes(webRoot: string | null) {
  const root = webRoot ? path.resolve(webRoot) : null
  let indexTemplate: string | null = null
  const index = () => {
    if (!root) return null
    if (indexTemplate === null && fs.existsSync(path.join(root, 'index.html'))) {
      indexTemplate = fs.readFileSync(path.join(root, 'index.html'), 'utf8')
    }
    return indexTemplate
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
        if (file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile() && !file.endsWith('index.html')) {
          const type = TYPES[path.extname(file)] ?? 'application/octet-stream'
          reply.header('Content-Type', type)
          reply.header('Cache-Control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
          return reply.send(fs.createReadStream(file))
        }
        const html = index()
        if (!html || path.extname(rel)) throw fail('resource.not_found')
        reply.header('Content-Type', TYPES['.html'])
        reply.header('Cache-Control', 'no-store')
        return reply.send(html.replaceAll('__CSP_NONCE__', request.cspNonce))
      },
    }),
  ]
}
