import crypto from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { type EvalCase, evaluate, oursCases, synonameCases } from './name-eval'

/**
 * The name matcher among a register of 200,000 synthetic persons, searched by a caller who may
 * open none of them (docs/adr/0009-name-matching.md). The bar of issue 9 (recall ≥ 95 %, top-1
 * ≥ 90 %, at most five persons shown) is held on third-party variants set aside before any tuning
 * and never listed to tune on; `npm run name-eval` (scripts/name-eval.ts) prints every set's
 * figures. Our own Belgian, Turkish, Maghrebi and Balkan variants are held at what they were
 * measured to reach (a floor, so that a change that loses recall fails); known pairs must be found
 * first, and the held-out file must be the one split before tuning.
 */
const REGISTER = 200_000
/** Measured on 2026-12-03 with deletion keys and the ranking of ADR 0009 (npm run name-eval): the floor a change must keep. */
const OURS_RECALL_FLOOR = 91
const OURS_TOP1_FLOOR = 88.2
const report = (name: string, f: ReturnType<typeof evaluate>) =>
  process.stdout.write(
    `[name-eval] ${name}: ${f.queries} queries, recall ${f.recall} %, top-1 ${f.top1} %, shown ${f.shownMean}/query, compared ${f.comparedMean} (p95 ${f.comparedP95})\n`,
  )

const person = (firstName: string, lastName: string, query: string): EvalCase => ({
  registered: { firstName, lastName, otherNames: [] },
  query,
  source: 'known pairs',
})

describe('name matcher on a register of 200,000', { timeout: 600_000 }, () => {
  it('meets the bar on the held-out variants: recall ≥ 95 %, top-1 ≥ 90 %, at most five shown', () => {
    const f = evaluate(synonameCases('synonames.heldout.tsv'), REGISTER)
    report('held out (aleph synonames)', f)
    expect(f.queries).toBe(728)
    expect(f.shownMean).toBeLessThanOrEqual(5)
    expect(f.recall).toBeGreaterThanOrEqual(95)
    expect(f.top1).toBeGreaterThanOrEqual(90)
  })

  it('finds our own Belgian, Turkish, Maghrebi and Balkan variants at least as well as measured on 2026-12-03', () => {
    const f = evaluate(oursCases(), REGISTER)
    report('ours (Parcours)', f)
    expect(f.queries).toBe(644)
    expect(f.shownMean).toBeLessThanOrEqual(5)
    expect(f.recall).toBeGreaterThanOrEqual(OURS_RECALL_FLOOR)
    expect(f.top1).toBeGreaterThanOrEqual(OURS_TOP1_FLOOR)
  })

  it('finds known spelling variants, translations and nicknames first', () => {
    const f = evaluate(
      [
        person('Emre', 'Şahin', 'Emre Shahin'),
        person('Milan', 'Đorđević', 'Milan Djordjevic'),
        person('Lotte', 'Vandenberghe', 'Lotte Van den Berghe'),
        person('Mohammed', 'Xelotavi', 'Mohamed Xelotavi'),
        person('Pietro', 'Xelotavo', 'Pierre Xelotavo'),
        person('Philip', 'Xelotave', 'Phil Xelotave'),
        person('Anthony', 'Xelotava', 'Tony Xelotava'),
      ],
      REGISTER,
    )
    expect(f.misses).toEqual([])
  })

  it('keeps the held-out file as it was split before tuning', () => {
    const file = readFileSync(path.join(import.meta.dirname, 'name-eval', 'synonames.heldout.tsv'))
    expect(crypto.createHash('sha256').update(file).digest('hex')).toBe('ca20f3d33f8ff130ba340033a223bf0a95a8ea5c05e4b1a8031937a5e28299b6')
  })
})
