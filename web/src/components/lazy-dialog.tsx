import { type ReactNode, Suspense, useState } from 'react'
import { AppModal } from './app-modal'

/**
 * An `AppModal` whose content's code is fetched at its first opening (a form, lazyNamed): a
 * case's sections show lists, and the forms behind their buttons (date pickers, selects) no
 * longer load with the page. The modal mounts once that code has arrived, as the case's details
 * dialog does, so that its opening, focus trap and focus return are the same as for a modal that
 * was there all along. The buttons prefetch it when reached (`prefetchOnReach`).
 */
export function LazyDialog(props: { opened: boolean; onClose: () => void; title: string; size?: string; children: ReactNode }) {
  // Mounted from the first opening on, so that closing keeps the modal's exit and focus return.
  const [wanted, setWanted] = useState(props.opened)
  if (props.opened && !wanted) setWanted(true)
  if (!wanted) return null
  return (
    <Suspense fallback={null}>
      <AppModal {...props} />
    </Suspense>
  )
}

/** A button's handlers that start fetching a dialog's code when the pointer or the focus reaches it. */
export function prefetchOnReach(load: () => Promise<unknown>) {
  const prefetch = () => void load().catch(() => undefined)
  return { onPointerEnter: prefetch, onFocus: prefetch }
}
