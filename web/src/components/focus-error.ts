import { useEffect, type RefObject } from 'react'

/**
 * A field in error carries `aria-invalid`; a group of radios or checkboxes in error cannot (Mantine
 * puts no attribute of ours on its group element), but points at its message by an id ending in
 * `-error`: its chosen or first box takes the focus instead.
 */
const GROUP = '[role="radiogroup"], [role="group"]'
const INVALID = `[aria-invalid="true"], :is(${GROUP})[aria-describedby$="-error"], :is(${GROUP})[aria-describedby*="-error "]`

/**
 * After a failed submit, bring the user to the problem: the first invalid field gets the focus
 * (its error is read with it); without one, the form's alert is scrolled into view.
 */
export function focusFirstError(form: HTMLElement | null): void {
  requestAnimationFrame(() => {
    if (!form) return
    const invalid = form.querySelector<HTMLElement>(INVALID)
    const target = invalid?.matches(GROUP) ? invalid.querySelector<HTMLElement>('input:checked, input:not(:disabled)') : invalid
    if (target) {
      target.focus()
      return
    }
    form.querySelector('[role="alert"]')?.scrollIntoView({ block: 'center', behavior: 'smooth' })
  })
}

/** Runs `focusFirstError` whenever a new server error arrives. */
export function useFocusOnError(form: RefObject<HTMLElement | null>, error: unknown): void {
  useEffect(() => {
    if (error) focusFirstError(form.current)
  }, [error, form])
}
