import { type ReactNode, Suspense, useEffect, useRef, useState } from 'react'

/**
 * Shows its children only once their place comes near the viewport (or, with `orIdle`, once the
 * browser is idle after the first paint, whichever is first): heavy parts lower on a page (charts,
 * sections with their own chunk and requests) do not hold back its first paint. The placeholder
 * keeps `minHeight`, so the page does not jump. Charts, hidden from assistive technology beside
 * their table, wait for the viewport; sections with content wait at most for the idle time, so
 * that a keyboard user tabbing down finds them.
 */
export function InView({ minHeight, orIdle = false, children }: { minHeight: number; orIdle?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null)
  const [shown, setShown] = useState(false)
  useEffect(() => {
    if (shown) return
    const show = () => setShown(true)
    const el = ref.current
    if (!el || typeof IntersectionObserver === 'undefined') return show()
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show(), { rootMargin: '200px' })
    observer.observe(el)
    // Safari has no requestIdleCallback: a short delay stands in for it there.
    const idle = !orIdle
      ? undefined
      : 'requestIdleCallback' in window
        ? window.requestIdleCallback(show, { timeout: 2000 })
        : setTimeout(show, 500)
    return () => {
      observer.disconnect()
      if (typeof idle === 'number') window.cancelIdleCallback?.(idle)
      else if (idle !== undefined) clearTimeout(idle)
    }
  }, [shown, orIdle])
  if (shown) return <Suspense fallback={<div style={{ minHeight }} />}>{children}</Suspense>
  return <div ref={ref} style={{ minHeight }} />
}
