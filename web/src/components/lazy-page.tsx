import { type ComponentType, lazy, type LazyExoticComponent } from 'react'

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
  return lazy(async () => ({ default: (await load())[name] }))
}

/** A page of the router. */
export const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => lazyNamed(load, name)
