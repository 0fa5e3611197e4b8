import { Paper } from '@mantine/core'
import './stacked-table/stacked-table.css'
import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from 'react'

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
  const step = useNarrowing(ref, steps)
  const stacked = stack !== undefined && step === steps && steps > 0
  return (
    <Paper
      ref={ref}
      p={0}
      className={stacked ? `table-scroll table-stacked table-stacked-${stack}` : 'table-scroll'}
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {typeof children === 'function' ? children(folds && step >= 1) : children}
    </Paper>
  )
}

/**
 * How many narrowing steps the table needs (0 … steps): one more while it is wider than its card,
 * one fewer once the card has the width the step before needed. Measured before paint, so a phone
 * never sees the wide table first.
 */
function useNarrowing(ref: RefObject<HTMLDivElement | null>, steps: number): number {
  const [step, setStep] = useState(0)
  const needed = useRef<number[]>([])

  useLayoutEffect(() => {
    const box = ref.current
    const table = box?.querySelector('table')
    if (steps === 0 || !box || !table) return
    if (box.classList.contains('table-stacked')) labelCells(table)
    const measure = () => {
      if (step < steps && table.scrollWidth > box.clientWidth + 1) {
        needed.current[step] = table.scrollWidth
        setStep(step + 1)
      } else if (step > 0 && box.clientWidth >= (needed.current[step - 1] ?? Number.POSITIVE_INFINITY)) {
        setStep(step - 1)
      }
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    return () => observer.disconnect()
  })

  return Math.min(step, steps)
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
