import { Paper } from '@mantine/core'
import './stacked-table/stacked-table.css'
import { type ReactNode, type RefObject, useLayoutEffect, useRef, useState } from 'react'

/**
 * A wide table scrolls sideways inside its card. The scrolling region is focusable and named,
 * so that keyboard users can scroll it too.
 *
 * With `stack`, a table that does not fit its card is drawn instead as one block per row: the
 * row's heading, then each cell under its column's name (`figures`: side by side, two or more a
 * line; `fields`: one a line, for cells that hold inputs). Whether it fits is measured,
 * not guessed from the screen's width, because the same table needs 692 px in French and 780 in
 * German, and some have one column per configurable theme.
 */
export function ScrollTable({ label, stack, children }: { label: string; stack?: 'figures' | 'fields'; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const stacked = useStacked(ref, stack !== undefined)
  return (
    <Paper
      ref={ref}
      p={0}
      className={stacked ? `table-scroll table-stacked table-stacked-${stack}` : 'table-scroll'}
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {children}
    </Paper>
  )
}

/**
 * Stacks when the table is wider than its card, and lays it out again when the card grows to the
 * width the table needed. Measured before paint, so a phone never sees the wide table first.
 */
function useStacked(ref: RefObject<HTMLDivElement | null>, enabled: boolean): boolean {
  const [stacked, setStacked] = useState(false)
  const needed = useRef(0)

  useLayoutEffect(() => {
    const box = ref.current
    const table = box?.querySelector('table')
    if (!enabled || !box || !table) return
    if (stacked) labelCells(table)
    const measure = () => {
      if (!stacked && table.scrollWidth > box.clientWidth + 1) {
        needed.current = table.scrollWidth
        setStacked(true)
      } else if (stacked && box.clientWidth >= needed.current) {
        setStacked(false)
      }
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    return () => observer.disconnect()
  })

  return enabled && stacked
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
