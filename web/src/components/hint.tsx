import './hint.css'
import { type CSSProperties, cloneElement, type KeyboardEvent, type ReactElement, useId, useState } from 'react'

/**
 * A hint under a control (hint.css), in place of a tooltip where the first screen should stay
 * light. `describes`: the hint adds to the control's name and is its accessible description;
 * otherwise it repeats the name (an icon button's aria-label) and is hidden from screen readers.
 */
export function Hint({
  label,
  children,
  align = 'center',
  width,
  describes = false,
}: {
  label: string
  children: ReactElement<{ 'aria-describedby'?: string }>
  align?: 'center' | 'start' | 'end'
  /** In pixels: the hint wraps its words at this width. */
  width?: number
  describes?: boolean
}) {
  const id = useId()
  const [dismissed, setDismissed] = useState(false)
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !dismissed) setDismissed(true)
  }
  const reset = () => setDismissed(false)
  return (
    <span
      className={`hint hint--${align}${width ? ' hint--multiline' : ''}`}
      style={width ? ({ '--hint-width': `${width}px` } as CSSProperties) : undefined}
      data-dismissed={dismissed || undefined}
      onKeyDown={onKeyDown}
      onPointerLeave={reset}
      onBlur={reset}
    >
      {describes ? cloneElement(children, { 'aria-describedby': id }) : children}
      <span
        className="hint__label"
        id={describes ? id : undefined}
        role={describes ? 'tooltip' : undefined}
        aria-hidden={describes ? undefined : true}
      >
        {label}
      </span>
    </span>
  )
}
