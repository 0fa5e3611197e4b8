import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

/**
 * What the first screens of the web build load before they can paint, from dist/web-bundle.json
 * (written by the build): the entry chunk, the chunk of the page and the chunks they import
 * statically, and for a signed-in page the frame (app-layout) and the French feature areas it
 * waits for (My day the frame's only, a case overview its own: bundle.fr-case.ts). What a page fetches later (a
 * chart when it comes into view, a section once the browser is idle, the bell's list) is not
 * counted. Used by scripts/web-bundle.ts and e2e/web-bundle.e2e.test.ts.
 */
export type Chunk = { file: string; entry: boolean; imports: string[]; dynamicImports: string[]; modules: string[] }
export type ScreenLoad = { name: string; budgetKB: number | null; chunks: Chunk[]; gzipBytes: number; zodIn: string[] }

const FRAME = ['web/src/components/app-layout.tsx', 'web/src/i18n/bundle.fr-frame.ts']
const CASE_AREAS = [...FRAME, 'web/src/i18n/bundle.fr-case.ts']
const SCREENS = [
  { name: 'login', page: 'web/src/pages/login/login.page.tsx', budgetKB: 200, waitsFor: [] },
  { name: 'my-day', page: 'web/src/pages/casework/my-day.page.tsx', budgetKB: 200, waitsFor: FRAME },
  { name: 'case-overview', page: 'web/src/pages/accompaniments/case-view.page.tsx', budgetKB: null, waitsFor: CASE_AREAS },
]

export function readBuild(root = path.resolve('dist')) {
  const { chunks } = JSON.parse(fs.readFileSync(path.join(root, 'web-bundle.json'), 'utf8')) as { chunks: Chunk[] }
  const byFile = new Map(chunks.map((c) => [c.file, c]))
  const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(root, 'web', file)), { level: 9 }).length

  /** A chunk and everything it imports statically: what the browser loads before running it. */
  const closure = (files: string[]): Chunk[] => {
    const seen = new Map<string, Chunk>()
    const visit = (f: string) => {
      const c = byFile.get(f)
      if (!c || seen.has(f)) return
      seen.set(f, c)
      c.imports.forEach(visit)
    }
    files.forEach(visit)
    return [...seen.values()]
  }
  const chunkOf = (module: string) => {
    const chunk = chunks.find((c) => c.modules.includes(module))
    if (!chunk) throw new Error(`no chunk holds ${module}`)
    return chunk.file
  }
  const entry = chunks.filter((c) => c.entry).map((c) => c.file)
  const screens = (): ScreenLoad[] =>
    SCREENS.map((s) => {
      const loaded = closure([...entry, chunkOf(s.page), ...s.waitsFor.map(chunkOf)])
      return {
        name: s.name,
        budgetKB: s.budgetKB,
        chunks: loaded,
        gzipBytes: loaded.reduce((n, c) => n + gzip(c.file), 0),
        zodIn: [...new Set(loaded.filter((c) => c.modules.some((m) => m.startsWith('node_modules/zod/'))).map((c) => c.file))],
      }
    })
  return { chunks, gzip, screens }
}
