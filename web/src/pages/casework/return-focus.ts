import { useCallback, useRef } from 'react'

/**
 * Remembers the control that opened a dialog and gives focus back to it once the dialog is gone.
 * Our dialogs unmount when they close (and a read view may turn into an edit form on the way), so
 * Mantine's own focus return, which restores what was focused when *that* modal opened, cannot
 * be relied on.
 */
export function useReturnFocus() {
  const opener = useRef<HTMLElement | null>(null)
  const remember = useCallback(() => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
  }, [])
  const restore = useCallback(() => {
    const el = opener.current
    // After the modal's closing transition has removed its focus trap.
    window.setTimeout(() => el?.isConnected && el.focus(), 50)
  }, [])
  return { remember, restore }
}
