import { Paper } from '@mantine/core'
import type { ReactNode } from 'react'

/**
 * A wide table scrolls sideways inside its card. The scrolling region is focusable and named,
 * so that keyboard users can scroll it too.
 */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Paper p={0} className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </Paper>
  )
}
