import { useMediaQuery } from '@mantine/hooks'

/**
 * Whether a media query matches, read at the first render (no server rendering here): read after
 * it, a phone would draw the wide layout once, then the narrow one. For layouts that render one
 * arrangement or the other, so that each label is in the page once (CSS hiding keeps both).
 */
export function useMedia(query: string): boolean {
  return useMediaQuery(query, undefined, { getInitialValueInEffect: false }) ?? false
}
