import './hint.css'
import {
  type CSSProperties,
  cloneElement,
  type KeyboardEvent,
  type ReactElement,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react'

/**
 * A hint under a control (hint.css), in place of a tooltip where the first screen should stay
 * light. `describes`: the hint adds to the control's name and is its accessible description;
 * otherwise it repeats the name (an icon button's aria-label) and is hidden from screen readers.
 */
/** The least room, in pixels, between a hint and the screen's edge. */
const MARGIN = 8

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
  const labelRef = useRef<HTMLSpanElement>(null)
  // Placed by its side of the control, a hint can run past the screen's edge (the demo badge's,
  // 260 px from the middle of a phone's header); it is moved back inside before it shows.
  const place = () => {
    const label = labelRef.current
    if (!label) return
    label.style.setProperty('--hint-shift', '0px')
    const { left, right } = label.getBoundingClientRect()
    const edge = document.documentElement.clientWidth - MARGIN
    const shift = right > edge ? Math.max(edge - right, MARGIN - left) : left < MARGIN ? MARGIN - left : 0
    label.style.setProperty('--hint-shift', `${Math.round(shift)}px`)
  }
  // Hidden, it still takes its place, and one past the edge would let a phone's page scroll sideways.
  useLayoutEffect(place, [])
  useEffect(() => {
    window.addEventListener('resize', place)
    return () => window.removeEventListener('resize', place)
  }, [])
  return (
    <span
      className={`hint hint--${align}${width ? ' hint--multiline' : ''}`}
      style={width ? ({ '--hint-width': `${width}px` } as CSSProperties) : undefined}
      data-dismissed={dismissed || undefined}
      onKeyDown={onKeyDown}
      onPointerEnter={place}
      onFocus={place}
      onPointerLeave={reset}
      onBlur={reset}
    >
      {describes ? cloneElement(children, { 'aria-describedby': id }) : children}
      <span
        ref={labelRef}
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
