import { Paper } from '@mantine/core'
import './stacked-table/stacked-table.css'
import { type ReactNode, useRef } from 'react'
import { useNarrowing } from './use-narrowing'

/**
 * A wide table scrolls sideways inside its card. The scrolling region is focusable and named,
 * so that keyboard users can scroll it too.
 *
 * A table that does not fit its card can instead be drawn narrower, in up to two steps, each taken
 * only when the one before is wider than the card:
 * - children given as a function are first drawn `folded` (the table's own narrower arrangement:
 *   two facts a cell where there are several columns);
 * - with `stack`, the table is then drawn one block per row: the row's heading, then each cell
 *   under its column's name (`figures`: side by side, two or more a line; `fields`: one a line,
 *   for cells that hold inputs or sentences).
 * Whether it fits is measured, not guessed from the screen's width, because the same table needs
 * 692 px in French and 780 in German, and some have one column per configurable theme.
 */
export function ScrollTable({
  label,
  stack,
  children,
}: {
  label: string
  stack?: 'figures' | 'fields'
  children: ReactNode | ((folded: boolean) => ReactNode)
}) {
  const ref = useRef<HTMLDivElement>(null)
  const folds = typeof children === 'function'
  const steps = (folds ? 1 : 0) + (stack ? 1 : 0)
  const step = useNarrowing(ref, steps, tableWidth, unstackedWidth)
  const stacked = stack !== undefined && step === steps && steps > 0
  const folded = folds && step >= 1
  return (
    <Paper
      ref={ref}
      p={0}
      className={stacked ? `table-scroll table-stacked table-stacked-${stack}` : folded ? 'table-scroll table-folded' : 'table-scroll'}
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {typeof children === 'function' ? children(folded) : children}
    </Paper>
  )
}

/** The width the table needs as drawn; once stacked, its cells are given their columns' names. */
function tableWidth(box: HTMLElement): number | undefined {
  const table = box.querySelector('table')
  if (table && box.classList.contains('table-stacked')) labelCells(table)
  return table?.scrollWidth
}

/**
 * Once stacked, the width the table would need unstacked: measured with the stacking classes lifted
 * for the time of one layout, never painted.
 */
function unstackedWidth(box: HTMLElement): number | undefined {
  const table = box.querySelector('table')
  const stacking = [...box.classList].filter((c) => c.startsWith('table-stacked'))
  if (!table || stacking.length === 0) return undefined
  box.classList.remove(...stacking)
  const width = table.scrollWidth
  box.classList.add(...stacking)
  return width
}

/**
 * Gives each body cell its column's visible heading (`innerText` skips a heading's hidden long or
 * short form), which the stacked layout shows beside the figure. The table keeps its head, visually
 * hidden, so that a screen reader still announces each cell with its column.
 */
function labelCells(table: HTMLTableElement) {
  const headings = [...(table.tHead?.rows[0]?.cells ?? [])].map((c) => c.innerText.trim())
  for (const body of [...table.tBodies, ...(table.tFoot ? [table.tFoot] : [])]) {
    for (const row of body.rows) {
      let column = 0
      for (const cell of row.cells) {
        const heading = headings[column] ?? ''
        if (cell.tagName === 'TD' && cell.dataset.label !== heading) cell.dataset.label = heading
        column += cell.colSpan
      }
    }
  }
}
