import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SMALL_CELL_THRESHOLD,
  marginEquations,
  type PublishedCount,
  smallCellThreshold,
  suppressList,
  suppressTable,
  type SuppressedTable,
} from './indicators.suppression'

/** A seeded generator, so that a failing table can be printed and replayed. */
function mulberry32(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Exact rationals: the check below must not share the module's floating-point elimination. */
type Q = [bigint, bigint]
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b))
const q = (n: bigint, d = 1n): Q => {
  if (d < 0n) [n, d] = [-n, -d]
  const g = gcd(n, d) || 1n
  return [n / g, d / g]
}
const sub = (a: Q, b: Q): Q => q(a[0] * b[1] - b[0] * a[1], a[1] * b[1])
const mul = (a: Q, b: Q): Q => q(a[0] * b[0], a[1] * b[1])
const div = (a: Q, b: Q): Q => q(a[0] * b[1], a[1] * b[0])

function rank(matrix: Q[][]): number {
  const m = matrix.map((r) => [...r])
  let r = 0
  const width = m[0]?.length ?? 0
  for (let c = 0; c < width && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c]![0] !== 0n)
    if (p < 0) continue
    ;[m[r], m[p]] = [m[p]!, m[r]!]
    for (let i = r + 1; i < m.length; i++) {
      const f = div(m[i]![c]!, m[r]![c]!)
      if (f[0] !== 0n) m[i] = m[i]!.map((x, j) => sub(x, mul(f, m[r]![j]!)))
    }
    r++
  }
  return r
}

/** The hidden cells a reader can recompute exactly from the published table, by exact rank. */
function recoverable(counts: number[][], published: SuppressedTable): string[] {
  const rows = counts.length
  const columns = counts[0]!.length
  const grid: PublishedCount[][] = [
    ...published.cells.map((row, i) => [...row, published.rowTotals[i]!]),
    [...published.columnTotals, published.total],
  ]
  const unknowns: string[] = []
  grid.forEach((row, i) => row.forEach((c, j) => 'below' in c && unknowns.push(`${i},${j}`)))
  const equations = marginEquations(rows, columns).map((eq) => unknowns.map((u) => q(BigInt(eq.get(u) ?? 0))))
  const base = rank(equations)
  return unknowns.filter((_, k) => rank([...equations, unknowns.map((__, j) => q(j === k ? 1n : 0n))]) === base)
}

const value = (c: PublishedCount) => ('count' in c ? c.count : null)

describe('small-cell suppression', () => {
  it('hides a small count in a list, and a second one so that the total does not give it away', () => {
    const out = suppressList([12, 3, 40])
    expect(out.counts.map(value)).toEqual([null, null, 40])
    expect(out.total).toEqual({ count: 55 })
    expect(out.counts[1]).toEqual({ below: DEFAULT_SMALL_CELL_THRESHOLD })
    expect(out).toMatchObject({ primary: 1, secondary: 1 })
  })

  it('publishes zeros and counts at the threshold, and hides a total under it', () => {
    expect(suppressList([0, 10, 25]).counts.map(value)).toEqual([0, 10, 25])
    const small = suppressList([2, 3])
    expect(small.total).toEqual({ below: 10 })
    expect(small.counts.map(value)).toEqual([null, null])
  })

  it('protects a cell in a two-way table against its row and its column', () => {
    const counts = [
      [25, 4, 30],
      [18, 22, 40],
      [11, 35, 12],
    ]
    const out = suppressTable(counts)
    expect(value(out.cells[0]![1]!)).toBeNull()
    expect(recoverable(counts, out)).toEqual([])
    expect(out.secondary).toBeGreaterThanOrEqual(3)
  })

  it('never lets a hidden cell be recomputed from the margins (2,000 random tables, exact arithmetic)', () => {
    const random = mulberry32(20261202)
    for (let n = 0; n < 2000; n++) {
      const rows = 1 + Math.floor(random() * 6)
      const columns = 1 + Math.floor(random() * 5)
      // Mostly small counts, so that many tables have several cells under the threshold.
      const counts = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => (random() < 0.15 ? 0 : Math.floor(random() ** 2 * 60))),
      )
      const threshold = random() < 0.8 ? 10 : 15
      const out = suppressTable(counts, threshold)
      const context = JSON.stringify({ counts, threshold })
      expect(recoverable(counts, out), context).toEqual([])
      // Every count under the threshold (other than zero) is hidden; every published count is true.
      counts.forEach((row, i) =>
        row.forEach((c, j) => {
          const shown = value(out.cells[i]![j]!)
          if (c > 0 && c < threshold) expect(shown, context).toBeNull()
          if (shown !== null) expect(shown, context).toBe(c)
        }),
      )
      out.rowTotals.forEach((t, i) => {
        const sum = counts[i]!.reduce((a, b) => a + b, 0)
        if (sum > 0 && sum < threshold) expect(value(t), context).toBeNull()
        if (value(t) !== null) expect(value(t), context).toBe(sum)
      })
    }
  })

  it('accepts a threshold raised by configuration, never one lowered under 10', () => {
    expect(smallCellThreshold()).toBe(10)
    expect(smallCellThreshold(20)).toBe(20)
    expect(() => smallCellThreshold(5)).toThrow(RangeError)
    expect(() => suppressTable([[3]], 5)).toThrow(RangeError)
    expect(suppressList([12, 14, 30], 15).counts.map(value)).toEqual([null, null, 30])
  })

  it('refuses what is not a table of counts', () => {
    expect(() => suppressTable([[1, 2], [3]])).toThrow(RangeError)
    expect(() => suppressTable([[-1]])).toThrow(RangeError)
    expect(() => suppressTable([[1.5]])).toThrow(RangeError)
  })
})
