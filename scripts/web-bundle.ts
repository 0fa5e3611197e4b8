import { readBuild } from './web-bundle.screens'

/**
 * Lists the web build's chunks with their gzip size and what they hold, and checks what the first
 * screens load (web-bundle.screens.ts says what counts). Exits 1 when a screen that must stay
 * light loads zod or more than its budget; e2e/web-bundle.e2e.test.ts checks the same in CI.
 * `npx vite build && npx tsx scripts/web-bundle.ts [--modules]`
 */
const { chunks, gzip, screens } = readBuild()
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

let failed = false
console.log()
for (const s of screens()) {
  const over = s.budgetKB !== null && s.gzipBytes > s.budgetKB * 1024
  console.log(
    `${s.name.padEnd(14)} ${s.chunks.length} chunks, ${kb(s.gzipBytes)} gzip${s.budgetKB ? ` (budget ${s.budgetKB} KB)` : ''}${s.zodIn.length ? `, zod in ${s.zodIn.join(', ')}` : ', no zod'}`,
  )
  if ((s.budgetKB !== null && s.zodIn.length) || over) failed = true
}
process.exit(failed ? 1 : 0)
