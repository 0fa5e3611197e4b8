import fs from 'node:fs'

/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and the
 * most inclusive time, over the samples between two moments (milliseconds from the profile's
 * start; the whole profile by default), so that a benchmark's seeding can be left out.
 *   npx tsx bench/cpu-profile.ts <file.cpuprofile> [top=25] [fromS] [toS]
 */
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number }

const [file, topArg, fromArg, toArg] = process.argv.slice(2)
if (!file) throw new Error('usage: bench/cpu-profile.ts <file.cpuprofile> [top] [fromS] [toS]')
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
const top = Number(topArg ?? 25)
const from = Number(fromArg ?? 0) * 1e6
const to = toArg ? Number(toArg) * 1e6 : Number.POSITIVE_INFINITY

const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const label = (n: Node) => {
  const url = n.callFrame.url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\//, '~/')
    .replace(/.*\/wt\/[^/]+\//, '')
  return `${n.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ''}`.trim()
}

const self = new Map<string, number>()
const total = new Map<string, number>()
let t = 0
let all = 0
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i] ?? 0
  if (t < from || t > to) return
  const dt = profile.timeDeltas[i + 1] ?? 0
  all += dt
  const n = byId.get(id) as Node
  self.set(label(n), (self.get(label(n)) ?? 0) + dt)
  const seen = new Set<string>()
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur) as Node)
    if (seen.has(l)) continue
    seen.add(l)
    total.set(l, (total.get(l) ?? 0) + dt)
  }
})
const show = (title: string, m: Map<string, number>) => {
  process.stdout.write(`${title} (of ${(all / 1000).toFixed(0)} ms sampled)\n`)
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(`${((100 * v) / all).toFixed(1).padStart(6)} %  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}\n`)
}
show('self time', self)
show('inclusive time', total)
process.stdout.write(`profile length ${(t / 1e6).toFixed(1)} s\n`)
