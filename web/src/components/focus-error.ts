import { useEffect, type RefObject } from 'react'

/**
 * After a failed submit, bring the user to the problem: the first invalid field gets the focus
 * (its error is read with it); without one, the form's alert is scrolled into view.
 */
export function focusFirstError(form: HTMLElement | null): void {
  requestAnimationFrame(() => {
    if (!form) return
    const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]')
    if (invalid) {
      invalid.focus()
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
