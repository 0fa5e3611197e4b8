import { type RefObject, useLayoutEffect, useRef, useState } from 'react'

/**
 * How many narrowing steps a content needs (0 … steps) to fit its box: one more while it is wider
 * than the box, one fewer once the box has the width the step before needed. Measured before
 * paint, so a phone never sees the wide form first, and again whenever the box is resized.
 *
 * `width` gives the width the content needs as drawn now (undefined: nothing to measure yet).
 * `before`, when the last step can tell what the step before would need now without drawing it,
 * lets content that got narrower (a filter) widen again at once rather than at the next resize.
 */
export function useNarrowing(
  ref: RefObject<HTMLElement | null>,
  steps: number,
  width: (box: HTMLElement) => number | undefined,
  before?: (box: HTMLElement) => number | undefined,
): number {
  const [step, setStep] = useState(0)
  const needed = useRef<number[]>([])

  useLayoutEffect(() => {
    const box = ref.current
    if (steps === 0 || !box) return
    const measure = () => {
      const wanted = width(box)
      if (wanted === undefined) return
      const room = box.clientWidth
      if (step < steps && wanted > room + 1) {
        needed.current[step] = wanted
        setStep(step + 1)
        return
      }
      if (step === 0) return
      const previous = (step === steps ? before?.(box) : undefined) ?? needed.current[step - 1]
      if (previous !== undefined && previous <= room + 1) setStep(step - 1)
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    return () => observer.disconnect()
  })

  return Math.min(step, steps)
}
