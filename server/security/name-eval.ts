import { readFileSync } from 'node:fs'
import path from 'node:path'
import { FIRST_NAMES, LAST_NAMES, rng } from '../seed/synthetic'
import { normalise } from './name-keys'
import { NameIndex, type NameField, partKeys } from './name-index'
import { eligibleByKeys, rankOpened, type OpenedNames } from './name-rank'
import { COMPARED, PRESELECTED } from './person-access'

/**
 * The evaluation of the name matcher (docs/adr/0009-name-matching.md): variant pairs from
 * name-eval/ registered one way and searched the other, among a synthetic register, through the
 * same keys, key scoring and ranking as `searchByName`. Only the database is replaced by an
 * in-memory index of the same keys, so that 200,000 persons fit in a unit test.
 */

const DIR = path.join(import.meta.dirname, 'name-eval')

/** One search to make: the person registered, and what the caller types. */
export type EvalCase = { registered: OpenedNames; query: string; source: string }

function rows(file: string): string[][] {
  return readFileSync(path.join(DIR, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'))
}

const SYLLABLES = [
  'ba',
  'ke',
  'lo',
  'mi',
  'nu',
  'ra',
  'so',
  'ti',
  'vo',
  'de',
  'ga',
  'fu',
  'ha',
  'zi',
  'pe',
  'wu',
  'ny',
  'tor',
  'lin',
  'mar',
]

/** Made-up family names, one per case, so that each case's person is the one right answer. */
function surnames(): () => string {
  const r = rng(4242)
  const used = new Set<string>()
  return () => {
    for (;;) {
      const s = Array.from({ length: 4 }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join('')
      if (used.has(s)) continue
      used.add(s)
      return s[0]!.toUpperCase() + s.slice(1)
    }
  }
}

/** Pairs of spellings from aleph-elasticsearch's synonames (one file: tuning or held out), as first names. */
export function synonameCases(file: 'synonames.tuning.tsv' | 'synonames.heldout.tsv'): EvalCase[] {
  const surname = surnames()
  return rows(file).map(([registered, queried]) => {
    const last = surname()
    return { registered: { firstName: registered!, lastName: last, otherNames: [] }, query: `${queried} ${last}`, source: file }
  })
}

/** Every ordered pair of spellings in our own groups; last names with a common first name, and both varied at once. */
export function oursCases(): EvalCase[] {
  const groups = rows('parcours.ours.tsv').map(([part, spellings]) => ({
    part: part as 'first' | 'last',
    spellings: spellings!.split('|'),
  }))
  const pairs = (s: string[]) => s.flatMap((a) => s.filter((b) => b !== a).map((b) => [a, b] as const))
  const surname = surnames()
  const out: EvalCase[] = []
  const firsts = groups.filter((g) => g.part === 'first').flatMap((g) => pairs(g.spellings))
  const lasts = groups.filter((g) => g.part === 'last').flatMap((g) => pairs(g.spellings))
  for (const [a, b] of firsts) {
    const last = surname()
    out.push({ registered: { firstName: a, lastName: last, otherNames: [] }, query: `${b} ${last}`, source: 'ours:first' })
  }
  lasts.forEach(([a, b], i) => {
    const first = FIRST_NAMES[i % FIRST_NAMES.length]!
    out.push({ registered: { firstName: first, lastName: a, otherNames: [] }, query: `${first} ${b}`, source: 'ours:last' })
    const [fa, fb] = firsts[i % firsts.length]!
    out.push({ registered: { firstName: fa, lastName: a, otherNames: [] }, query: `${fb} ${b}`, source: 'ours:both' })
  })
  return out
}

/** The keys as strings (the keyed hash changes nothing to which keys meet, and costs time here). */
class PlainIndex extends NameIndex {
  constructor() {
    super(Buffer.alloc(32))
  }
  override hash(field: NameField, k: string): string {
    return `${field}|${k}`
  }
}

/** Spellings of one name, across every file of the evaluation: a person named by any is the same name. */
function clusters(): (name: string) => string {
  const parent = new Map<string, string>()
  const key = (n: string) => normalise(n).replace(/[^a-z]/g, '')
  const find = (x: string): string => {
    const p = parent.get(x)
    if (p === undefined || p === x) return x
    const root = find(p)
    parent.set(x, root)
    return root
  }
  const union = (a: string, b: string) => parent.set(find(key(a)), find(key(b)))
  for (const file of ['synonames.tuning.tsv', 'synonames.heldout.tsv']) for (const [a, b] of rows(file)) union(a!, b!)
  for (const [, spellings] of rows('parcours.ours.tsv')) {
    const [head, ...rest] = spellings!.split('|')
    for (const other of rest) union(head!, other)
  }
  // The register asks about 400,000 names drawn from a few thousand: each is looked up once.
  const seen = new Map<string, string>()
  return (name) => {
    let root = seen.get(name)
    if (root === undefined) seen.set(name, (root = find(key(name))))
    return root
  }
}

export type Figures = {
  queries: number
  recall: number
  top1: number
  shownMean: number
  comparedMean: number
  comparedP95: number
  misses: string[]
}

/**
 * Registers `size` synthetic persons (names drawn from the synthetic lists and from every spelling
 * in the evaluation, never one case's registered or queried name) plus each case's person, then
 * searches every query as a caller who may open none of them (the strictest reading of ADR 0006).
 */
export function evaluate(cases: EvalCase[], size: number, seed = 9): Figures {
  const index = new PlainIndex()
  const persons: OpenedNames[] = []
  const cluster = clusters()
  const sameName = (n: OpenedNames) => `${cluster(n.firstName)}|${cluster(n.lastName)}`
  // One case per name: two cases naming the same person would each have two right answers.
  const seen = new Set<string>()
  cases = cases.filter((c) => !seen.has(sameName(c.registered)) && seen.add(sameName(c.registered)))
  // Nobody else in the register bears a spelling of a case's name: that would be the same name.
  const taken = new Set(cases.map((c) => sameName(c.registered)))
  const firstPool = [...FIRST_NAMES, ...cases.map((c) => c.registered.firstName)]
  const lastPool = [...LAST_NAMES, ...cases.map((c) => c.registered.lastName)]
  const r = rng(seed)
  while (persons.length < size) {
    const p = {
      firstName: firstPool[Math.floor(r() * firstPool.length)]!,
      lastName: lastPool[Math.floor(r() * lastPool.length)]!,
      otherNames: [],
    }
    if (!taken.has(sameName(p))) persons.push(p)
  }
  const targets = cases.map((c) => persons.push(c.registered) - 1)
  // The index of name_set_keys and person_name_sets, built per name part: the register has 200,000 persons but a
  // few thousand spellings, each keyed once; a key lists the groups of persons bearing a part
  // that has it (the same persons as a key-by-person index, found without keying each person).
  const byPart = new Map<string, number[]>()
  const bear = (field: NameField, part: string, i: number) => {
    const k = `${field}\u0000${part}`
    const list = byPart.get(k)
    if (list) list.push(i)
    else byPart.set(k, [i])
  }
  persons.forEach((p, i) => {
    bear('first', p.firstName, i)
    bear('last', p.lastName, i)
    for (const other of p.otherNames) bear('other', other, i)
  })
  const postings = new Map<string, number[][]>()
  for (const [k, ids] of byPart) {
    const [field, part] = k.split('\u0000') as [NameField, string]
    for (const key of partKeys(field, part)) {
      const h = index.hash(field, key)
      const groups = postings.get(h)
      if (groups) groups.push(ids)
      else postings.set(h, [ids])
    }
  }
  let found = 0
  let first = 0
  let shownTotal = 0
  const compared: number[] = []
  const misses: string[] = []
  cases.forEach((c, n) => {
    const query = index.query(c.query)
    // As the database does (person-access.search.ts): the matched keys of each person, the
    // PRESELECTED best by pre-score, then scored on those keys.
    const held = new Map<number, Set<string>>()
    for (const h of query.hashes)
      for (const ids of postings.get(h) ?? [])
        for (const i of ids) {
          const set = held.get(i)
          if (set) set.add(h)
          else held.set(i, new Set([h]))
        }
    const perWord = query.weightedPerWord
    const hashesPerWord = query.perWordAndField
    const pre = [...held].flatMap(([i, hs]) => {
      const points = query.preScore(hs, perWord)
      return points === null ? [] : [{ i, points, hs }]
    })
    pre.sort((a, b) => b.points - a.points || String(a.i).localeCompare(String(b.i)))
    const scored = pre.slice(0, PRESELECTED).flatMap(({ i, hs }) => {
      const s = query.score(hs)
      return s ? [{ personId: String(i), ...s, matched: query.coverage(hs, hashesPerWord) }] : []
    })
    const eligible = eligibleByKeys(scored, () => false).slice(0, COMPARED)
    compared.push(eligible.length)
    const opened = new Map(eligible.map((e) => [e.personId, { names: persons[Number(e.personId)]!, birthYear: null }]))
    const ranked = rankOpened(c.query, eligible, opened, null)
    const shown = ranked.slice(0, 5)
    if (process.env.EVAL_DEBUG && shown[0] && shown[0].personId !== String(targets[n]))
      process.stdout.write(
        `${c.query}: ${shown.map((s) => `${persons[Number(s.personId)]!.firstName} ${persons[Number(s.personId)]!.lastName} ${s.similarity.toFixed(3)}`).join(', ')}\n`,
      )
    shownTotal += shown.length
    const target = String(targets[n])
    const at = shown.findIndex((s) => s.personId === target)
    if (at >= 0) found++
    if (at === 0) first++
    else
      misses.push(
        `${c.source}: "${c.query}" for ${c.registered.firstName} ${c.registered.lastName} (${at < 0 ? `not shown: ${lostAt()}` : `shown ${at + 1} at ${shown[at]!.similarity.toFixed(3)} after ${describe(shown[0]!)}`})`,
      )
    function describe(x: (typeof ranked)[number]): string {
      const p = persons[Number(x.personId)]!
      return `${p.firstName} ${p.lastName} ${x.exact ? 'exact' : x.similarity.toFixed(3)}`
    }
    /** Where the person was lost: no key matched, not among the pre-selected, not compared, or not alike enough. */
    function lostAt(): string {
      const p = pre.findIndex((x) => String(x.i) === target)
      if (p < 0) return 'no key of every word'
      if (p >= PRESELECTED) return `pre-score ${pre[p]!.points} ranked ${p + 1} (${PRESELECTED}th has ${pre[PRESELECTED - 1]!.points})`
      if (!eligible.some((e) => e.personId === target)) {
        const all = eligibleByKeys(scored, () => false)
        const e = all.findIndex((x) => x.personId === target)
        const show = (x: (typeof all)[number]) =>
          `${persons[Number(x.personId)]!.firstName} ${persons[Number(x.personId)]!.lastName} ${x.score}/${x.matched.toFixed(2)}`
        return `pre-selected, not compared: ${e < 0 ? 'not eligible' : show(all[e]!)} after ${all.slice(0, 4).map(show).join(', ')}`
      }
      const r = ranked.findIndex((x) => x.personId === target)
      if (r < 0) return 'compared, not alike enough'
      const who = (x: (typeof ranked)[number]) =>
        `${persons[Number(x.personId)]!.firstName} ${persons[Number(x.personId)]!.lastName} ${x.exact ? 'exact' : x.similarity.toFixed(3)}`
      return `ranked ${r + 1} at ${ranked[r]!.similarity.toFixed(3)} after ${ranked.slice(0, 3).map(who).join(', ')}`
    }
  })
  compared.sort((a, b) => a - b)
  const pct = (x: number) => Math.round((x / cases.length) * 1000) / 10
  return {
    queries: cases.length,
    recall: pct(found),
    top1: pct(first),
    shownMean: Math.round((shownTotal / cases.length) * 100) / 100,
    comparedMean: Math.round((compared.reduce((a, b) => a + b, 0) / cases.length) * 10) / 10,
    comparedP95: compared[Math.floor(compared.length * 0.95)] ?? 0,
    misses,
  }
}
