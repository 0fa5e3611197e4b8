/**
 * Small-cell suppression: the one rule every indicator, extract summary and report goes through
 * before a count leaves the server.
 *
 * Primary suppression hides every count from 1 to threshold − 1 (zero is published: it tells
 * nothing about a person that the absence of a row would not). Secondary suppression then hides
 * further cells until no hidden cell can be recomputed from what is published: the table is read
 * with its row totals, column totals and grand total as a system of linear equations, and a hidden
 * cell is recoverable exactly when its unit vector lies in the row space of the equations restricted
 * to the hidden cells. While one is, the smallest published positive count in its row or column is
 * hidden too. Hiding everything is always safe (the true table scaled by two also fits), so the loop
 * ends.
 */

export const DEFAULT_SMALL_CELL_THRESHOLD = 10

/** A published count, or the fact that it is below the threshold. */
export type PublishedCount = { count: number } | { below: number }

export interface SuppressedTable {
  cells: PublishedCount[][]
  rowTotals: PublishedCount[]
  columnTotals: PublishedCount[]
  total: PublishedCount
  /** How many cells were hidden because they were small, and how many to protect them. */
  primary: number
  secondary: number
}

export interface SuppressedList {
  counts: PublishedCount[]
  total: PublishedCount
  primary: number
  secondary: number
}

/** The threshold may be raised by configuration, never lowered under the default. */
export function smallCellThreshold(configured?: number): number {
  if (configured === undefined) return DEFAULT_SMALL_CELL_THRESHOLD
  if (!Number.isInteger(configured) || configured < DEFAULT_SMALL_CELL_THRESHOLD)
    throw new RangeError(`the small-cell threshold is at least ${DEFAULT_SMALL_CELL_THRESHOLD}`)
  return configured
}

/** A list of counts and its total (one column of a table). */
export function suppressList(counts: readonly number[], threshold = DEFAULT_SMALL_CELL_THRESHOLD): SuppressedList {
  const table = suppressTable(
    counts.map((c) => [c]),
    threshold,
  )
  // In a one-column table each row total repeats its cell: count the list's own cells only.
  const published = [...table.cells.map((row) => row[0]!), table.total]
  const values = [...counts, counts.reduce((a, b) => a + b, 0)]
  const primary = values.filter((c) => c > 0 && c < threshold).length
  const hidden = published.filter((c) => 'below' in c).length
  return { counts: published.slice(0, -1), total: table.total, primary, secondary: hidden - primary }
}

/** A table of counts (rows × columns) published with its margins and grand total. */
export function suppressTable(counts: readonly (readonly number[])[], threshold = DEFAULT_SMALL_CELL_THRESHOLD): SuppressedTable {
  smallCellThreshold(threshold)
  const rows = counts.length
  const columns = counts[0]?.length ?? 0
  for (const row of counts) {
    if (row.length !== columns) throw new RangeError('every row has the same number of columns')
    for (const c of row) if (!Number.isInteger(c) || c < 0) throw new RangeError('counts are whole numbers, zero or more')
  }
  const grid = extendedGrid(counts)
  const hidden = grid.map((row) => row.map((v) => v > 0 && v < threshold))
  const primary = countHidden(hidden)
  for (;;) {
    const exposed = recoverableCell(grid, hidden)
    if (!exposed) break
    const complement = complementFor(grid, hidden, exposed)
    // No published cell left beside it: hide the whole table rather than publish a recoverable one.
    if (!complement) {
      for (const row of hidden) row.fill(true)
      break
    }
    hidden[complement[0]]![complement[1]] = true
  }
  const publish = (i: number, j: number): PublishedCount => (hidden[i]![j] ? { below: threshold } : { count: grid[i]![j]! })
  return {
    cells: Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => publish(i, j))),
    rowTotals: Array.from({ length: rows }, (_, i) => publish(i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => publish(rows, j)),
    total: publish(rows, columns),
    primary,
    secondary: countHidden(hidden) - primary,
  }
}

/** The counts with a totals column on the right and a totals row at the bottom. */
function extendedGrid(counts: readonly (readonly number[])[]): number[][] {
  const columns = counts[0]?.length ?? 0
  const grid = counts.map((row) => [...row, row.reduce((a, b) => a + b, 0)])
  const totals = Array.from({ length: columns + 1 }, (_, j) => grid.reduce((a, row) => a + row[j]!, 0))
  return [...grid, totals]
}

const countHidden = (hidden: boolean[][]) => hidden.reduce((a, row) => a + row.filter(Boolean).length, 0)

/**
 * The equations a reader can write: each row (totals row included) sums to its total, each column
 * (totals column included) sums to its total. Coefficients over the extended grid's cells.
 */
export function marginEquations(rows: number, columns: number): Map<string, number>[] {
  const equations: Map<string, number>[] = []
  for (let i = 0; i <= rows; i++) {
    const eq = new Map<string, number>()
    for (let j = 0; j < columns; j++) eq.set(`${i},${j}`, 1)
    eq.set(`${i},${columns}`, -1)
    equations.push(eq)
  }
  for (let j = 0; j <= columns; j++) {
    const eq = new Map<string, number>()
    for (let i = 0; i < rows; i++) eq.set(`${i},${j}`, 1)
    eq.set(`${rows},${j}`, -1)
    equations.push(eq)
  }
  return equations
}

/** A hidden cell that the published cells and the margins determine, if any. */
function recoverableCell(grid: number[][], hidden: boolean[][]): [number, number] | null {
  const unknowns: [number, number][] = []
  hidden.forEach((row, i) => row.forEach((h, j) => h && unknowns.push([i, j])))
  if (unknowns.length === 0) return null
  const index = new Map(unknowns.map(([i, j], k) => [`${i},${j}`, k]))
  const rows = grid.length - 1
  const columns = grid[0]!.length - 1
  const matrix = marginEquations(rows, columns)
    .map((eq) => {
      const line = new Array<number>(unknowns.length).fill(0)
      for (const [cell, c] of eq) {
        const k = index.get(cell)
        if (k !== undefined) line[k] = c
      }
      return line
    })
    .filter((line) => line.some((c) => c !== 0))
  const reduced = rowEchelon(matrix, unknowns.length)
  for (let k = 0; k < unknowns.length; k++) if (inRowSpace(reduced, k, unknowns.length)) return unknowns[k]!
  return null
}

const EPSILON = 1e-9

/** Gauss–Jordan elimination: the reduced rows and, for each, its pivot column. */
function rowEchelon(matrix: number[][], width: number): { rows: number[][]; pivots: number[] } {
  const rows = matrix.map((r) => [...r])
  const pivots: number[] = []
  let r = 0
  for (let col = 0; col < width && r < rows.length; col++) {
    let best = r
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![col]!) > Math.abs(rows[best]![col]!)) best = i
    if (Math.abs(rows[best]![col]!) < EPSILON) continue
    ;[rows[r], rows[best]] = [rows[best]!, rows[r]!]
    const pivot = rows[r]![col]!
    for (let j = 0; j < width; j++) rows[r]![j]! /= pivot
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue
      const f = rows[i]![col]!
      if (Math.abs(f) < EPSILON) continue
      for (let j = 0; j < width; j++) rows[i]![j]! -= f * rows[r]![j]!
    }
    pivots.push(col)
    r++
  }
  return { rows: rows.slice(0, r), pivots }
}

/** Whether the unit vector of column k reduces to zero against the reduced rows. */
function inRowSpace(reduced: { rows: number[][]; pivots: number[] }, k: number, width: number): boolean {
  const v = new Array<number>(width).fill(0)
  v[k] = 1
  reduced.pivots.forEach((col, r) => {
    const f = v[col]!
    if (Math.abs(f) < EPSILON) return
    for (let j = 0; j < width; j++) v[j]! -= f * reduced.rows[r]![j]!
  })
  return v.every((x) => Math.abs(x) < EPSILON)
}

/** The smallest published positive count in the cell's row or column (zeros only as a last resort). */
function complementFor(grid: number[][], hidden: boolean[][], [i, j]: [number, number]): [number, number] | null {
  const candidates: [number, number][] = []
  grid[i]!.forEach((_, jj) => jj !== j && !hidden[i]![jj] && candidates.push([i, jj]))
  grid.forEach((_, ii) => ii !== i && !hidden[ii]![j] && candidates.push([ii, j]))
  const rank = ([a, b]: [number, number]) => (grid[a]![b]! === 0 ? Number.MAX_SAFE_INTEGER : grid[a]![b]!)
  candidates.sort((x, y) => rank(x) - rank(y))
  return candidates[0] ?? null
}
