import { describe, expect, it } from 'vitest'
import { evaluate, oursCases, synonameCases } from './name-eval'

/**
 * Recall (the right person among the five shown) and top-1 (the right person first) of the name
 * matcher on name variants the project did not write, and on our own Belgian, Turkish, Maghrebi
 * and Balkan variants, each case's person hidden among 200,000 synthetic persons, searched by a
 * caller who may open none of them. The bar: recall ≥ 95 %, top-1 ≥ 90 %. The held-out file was
 * split off before tuning and is only ever measured (name-eval/README.md).
 */
const REGISTER = 200_000
const report = (name: string, f: ReturnType<typeof evaluate>) =>
  process.stdout.write(
    `[name-eval] ${name}: ${f.queries} queries, recall ${f.recall} %, top-1 ${f.top1} %, shown ${f.shownMean}/query, compared ${f.comparedMean} (p95 ${f.comparedP95})\n` +
      f.misses
        .slice(0, 15)
        .map((m) => `    ${m}\n`)
        .join(''),
  )

describe('name matcher evaluation on a register of 200,000', { timeout: 600_000 }, () => {
  it('finds the held-out third-party variants: recall ≥ 95 %, top-1 ≥ 90 %', () => {
    const f = evaluate(synonameCases('synonames.heldout.tsv'), REGISTER)
    report('held-out (aleph synonames)', f)
    expect(f.shownMean).toBeLessThanOrEqual(5)
    expect(f.recall).toBeGreaterThanOrEqual(95)
    expect(f.top1).toBeGreaterThanOrEqual(90)
  })

  it('finds our own Belgian, Turkish, Maghrebi and Balkan variants: recall ≥ 95 %, top-1 ≥ 90 %', () => {
    const f = evaluate(oursCases(), REGISTER)
    report('ours (Parcours)', f)
    expect(f.recall).toBeGreaterThanOrEqual(95)
    expect(f.top1).toBeGreaterThanOrEqual(90)
  })

  it('reports the tuning set (measured, tuned on)', () => {
    const f = evaluate(synonameCases('synonames.tuning.tsv'), REGISTER)
    report('tuning (aleph synonames)', f)
    expect(f.queries).toBeGreaterThan(2000)
  })
})
