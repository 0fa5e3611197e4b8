import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

/**
 * Lists the web build's chunks with their gzip size and what they hold (from dist/web-bundle.json,
 * written by the build), and checks what the first screens load: the entry chunk, the chunk of
 * the page and the chunks they import statically, and for a signed-in page the frame (app-layout)
 * and the French feature areas it waits for (My day the frame's only, other pages all of them). What a page fetches later (a chart when it comes into
 * view, a section once the browser is idle, the bell's list) is not counted. Exits 1 when a screen that must stay light
 * loads zod or more than its budget. `npx vite build && npx tsx scripts/web-bundle.ts [--modules]`
 */
type Chunk = { file: string; entry: boolean; imports: string[]; dynamicImports: string[]; modules: string[] }
const WEB = path.resolve('dist/web')
const { chunks } = JSON.parse(fs.readFileSync(path.resolve('dist/web-bundle.json'), 'utf8')) as { chunks: Chunk[] }
const byFile = new Map(chunks.map((c) => [c.file, c]))
const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(WEB, file)), { level: 9 }).length
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

/** The package a module belongs to, or its folder under web/src or common/. */
function owner(id: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)
  if (pkg) return pkg[1] as string
  return id
    .split('/')
    .slice(0, id.startsWith('web/src/pages/') ? 4 : 3)
    .join('/')
}

/** A chunk and everything it imports statically: what the browser loads before running it. */
function closure(files: string[]): Chunk[] {
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

const showModules = process.argv.includes('--modules')
for (const c of [...chunks].sort((a, b) => gzip(b.file) - gzip(a.file))) {
  const owners = new Map<string, number>()
  for (const m of c.modules) owners.set(owner(m), (owners.get(owner(m)) ?? 0) + 1)
  const top = [...owners].sort((a, b) => b[1] - a[1]).slice(0, 6)
  console.log(
    `${c.entry ? '*' : ' '} ${c.file.padEnd(48)} ${kb(gzip(c.file)).padStart(10)} gzip  ${c.modules.length} modules: ${top.map(([o, n]) => `${o} (${n})`).join(', ')}`,
  )
  if (showModules) for (const m of c.modules) console.log(`      ${m}`)
}

const entry = chunks.filter((c) => c.entry).map((c) => c.file)
const FRAME = ['web/src/components/app-layout.tsx', 'web/src/i18n/bundle.fr-frame.ts']
const ALL_AREAS = [...FRAME, 'web/src/i18n/bundle.fr-areas.ts']
const SCREENS = [
  { name: 'login', page: 'web/src/pages/login/login.page.tsx', budgetKB: 200, waitsFor: [] },
  { name: 'my-day', page: 'web/src/pages/casework/my-day.page.tsx', budgetKB: 200, waitsFor: FRAME },
  { name: 'case-overview', page: 'web/src/pages/accompaniments/case-view.page.tsx', budgetKB: null, waitsFor: ALL_AREAS },
]
const chunkOf = (module: string) => {
  const chunk = chunks.find((c) => c.modules.includes(module))
  if (!chunk) throw new Error(`no chunk holds ${module}`)
  return chunk.file
}
let failed = false
console.log()
for (const s of SCREENS) {
  const loaded = closure([...entry, chunkOf(s.page), ...s.waitsFor.map(chunkOf)])
  const size = loaded.reduce((n, c) => n + gzip(c.file), 0)
  const zod = loaded.flatMap((c) => c.modules.filter((m) => m.startsWith('node_modules/zod/')).map(() => c.file))
  const over = s.budgetKB !== null && size > s.budgetKB * 1024
  console.log(
    `${s.name.padEnd(14)} ${loaded.length} chunks, ${kb(size)} gzip${s.budgetKB ? ` (budget ${s.budgetKB} KB)` : ''}${zod.length ? `, zod in ${[...new Set(zod)].join(', ')}` : ', no zod'}`,
  )
  if ((s.budgetKB !== null && zod.length) || over) failed = true
}
process.exit(failed ? 1 : 0)
