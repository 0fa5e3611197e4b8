import { useLayoutEffect, useRef } from 'react'
import { MAIN_ID } from './skip-link'

/**
 * Where the focus goes when a dialog closes and the control that opened it is gone (a row removed
 * by the dialog's own action): the heading of the section that held the opener, else the page's
 * heading, else the main region. A heading taken this way is made focusable by script only.
 */
function fallback(region: HTMLElement | null): HTMLElement | null {
  const heading = region?.isConnected ? region.querySelector<HTMLElement>('h2, h3, h4') : null
  const target = heading ?? document.querySelector<HTMLElement>(`#${MAIN_ID} h1`) ?? document.getElementById(MAIN_ID)
  if (target && target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
  return target
}

/**
 * Gives the focus back to the control that opened a dialog, however it closes (Escape, the close
 * button, Cancel, a successful submit) and whether the dialog is hidden or unmounted: Mantine's own
 * return only works for a modal that stays mounted, and most of ours are mounted when they open.
 * `marker` is set on the dialog's content, so that a focus still inside the closing dialog counts
 * as lost; a focus the closing action moved elsewhere on purpose (a new page's heading) is kept.
 */
export function useReturnFocus(opened: boolean, marker: string): void {
  const opener = useRef<HTMLElement | null>(null)
  useLayoutEffect(() => {
    if (!opened) return
    // Layout effect: runs before Mantine's focus trap (a timeout) moves the focus inside.
    const active = document.activeElement
    opener.current = active instanceof HTMLElement && active !== document.body ? active : null
    const region = opener.current?.closest<HTMLElement>('section, [role="region"], [role="tabpanel"]') ?? null
    return () => {
      const from = opener.current
      // After React has removed or hidden the dialog and the closing action has run its course.
      window.setTimeout(() => {
        const now = document.activeElement
        const lost = !now || now === document.body || !now.isConnected || now.closest(`[data-dialog="${marker}"]`) !== null
        if (!lost) return
        const target = from?.isConnected ? from : fallback(region)
        target?.focus()
      }, 0)
    }
  }, [opened, marker])
}
