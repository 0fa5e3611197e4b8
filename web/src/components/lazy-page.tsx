import { type ComponentType, isValidElement, lazy, type LazyExoticComponent, type ReactNode } from 'react'

/** How to fetch each lazy component's module, so that a route's chunks can be asked for early. */
const loaders = new WeakMap<object, () => Promise<unknown>>()

/**
 * A component loaded on first use (React.lazy over a named export): pages, and the heavy parts
 * of a page (the charts, the case's tabs). A Suspense boundary above shows the accessible loading
 * state; a navigation keeps showing the current page until the next one's chunk has arrived
 * (the router changes pages in a transition).
 */
export function lazyNamed<K extends string, P extends object>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  // One fetch, whoever asks first (the early preload or React rendering the component).
  let pending: Promise<Record<K, ComponentType<P>>> | undefined
  const once = () => (pending ??= load().catch((error: unknown) => ((pending = undefined), Promise.reject(error))))
  const component = lazy(async () => ({ default: (await once())[name] }))
  loaders.set(component, once)
  return component
}

/** A page of the router. */
export const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazyNamed(load, name)

/**
 * Starts fetching the lazy components an element tree shows at once (a layout wrapped in
 * Suspense, a page): called for the first address's routes before React renders, so that the
 * frame's and the page's chunks load in parallel with the translations and the user's session
 * instead of one after the other.
 */
export function preloadElements(elements: ReactNode[]): void {
  const visit = (node: ReactNode) => {
    if (!isValidElement(node)) return
    void loaders
      .get(node.type as object)?.()
      .catch(() => undefined) // React shows the error when it renders
    const { children } = node.props as { children?: ReactNode }
    ;(Array.isArray(children) ? children : [children]).forEach(visit)
  }
  elements.forEach(visit)
}
