import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../../common/contracts/problem.contracts'
import { ROLES } from '../../../common/roles'
import { TRANSLATIONS } from './resources'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv)
  }
  return out
}

const locales = TRANSLATIONS as Record<string, Tree>
const flat = Object.fromEntries(Object.entries(locales).map(([l, tree]) => [l, flatten(tree)]))
const reference = [...flat.fr!.keys()].sort()

describe('locales', () => {
  it.each(Object.keys(locales))('%s has exactly the same keys as fr', (lang) => {
    expect([...flat[lang]!.keys()].sort()).toEqual(reference)
  })

  it.each(Object.keys(locales))('%s has no empty value', (lang) => {
    const empty = [...flat[lang]!.entries()].filter(([, v]) => v.trim() === '').map(([k]) => k)
    expect(empty).toEqual([])
  })

  it.each(Object.keys(locales))('%s keeps the same interpolation variables as fr', (lang) => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
    const differing = reference.filter((k) => vars(flat.fr!.get(k)!).join() !== vars(flat[lang]!.get(k)!).join())
    expect(differing).toEqual([])
  })

  it('translates every API error code and every role', () => {
    for (const code of ERROR_CODES) expect(flat.fr!.has(`errors.${code}`), code).toBe(true)
    for (const role of ROLES) {
      expect(flat.fr!.has(`roles.${role}`), role).toBe(true)
      expect(flat.fr!.has(`roleHelp.${role}`), role).toBe(true)
    }
  })

  it('has every literal key used in the web sources', () => {
    const src = fileURLToPath(new URL('..', import.meta.url))
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) walk(path)
        else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) files.push(path)
      }
    }
    walk(src)
    const keyPattern = /\bt\(\s*'([a-zA-Z][\w]*(?:\.[\w]+)+)'/g
    const ternaryPattern = /\bt\(\s*[^'()]+\?\s*'([\w.]+)'\s*:\s*'([\w.]+)'/g
    const missing = new Set<string>()
    const has = (k: string) => flat.fr!.has(k) || flat.fr!.has(`${k}_one`)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(keyPattern)) if (!has(m[1]!)) missing.add(m[1]!)
      for (const m of text.matchAll(ternaryPattern)) for (const k of [m[1]!, m[2]!]) if (!has(k)) missing.add(k)
      for (const m of text.matchAll(/label: '([a-z]+\.[\w.]+)'/g)) if (!has(m[1]!)) missing.add(m[1]!)
    }
    expect([...missing]).toEqual([])
  })
})
