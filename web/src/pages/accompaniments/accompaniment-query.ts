import type { QueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'

/** A case, as its overview asks for it; the start-up prefetch asks the same. */
export const accompanimentQuery = (id: string) => ({
  queryKey: ['accompaniments', id],
  queryFn: ({ signal }: { signal?: AbortSignal }) => api.get('/api/accompaniments/{id}', { path: { id }, signal }),
  retry: false,
})

/** How long a case fetched at start-up counts as the overview's own first read. */
const PREFETCH_FRESH_MS = 30_000
const prefetchedAt = new Map<string, number>()

/**
 * Asks for the case of a link opened cold at start-up (App.tsx), while the page's code is still on
 * its way, not after it: on a phone that saves the round trips of a request made once the page is
 * drawn. The overview then uses that answer rather than reading the case a second time (each read
 * is audited).
 */
export function prefetchAccompaniment(client: QueryClient, id: string): void {
  prefetchedAt.set(id, Date.now())
  void client.prefetchQuery(accompanimentQuery(id))
}

/**
 * Whether the case's data is the start-up read, unchanged since: the overview mounting then does
 * not read it again. Asked several times per mount (TanStack Query asks when it renders and when
 * it subscribes), so it answers the same until `forgetPrefetch`.
 */
export function isStartUpRead(
  id: string,
  state: { status: string; dataUpdatedAt: number; errorUpdatedAt: number; isInvalidated: boolean } | undefined,
): boolean {
  const at = prefetchedAt.get(id)
  if (at === undefined || !state || Date.now() - at >= PREFETCH_FRESH_MS) return false
  // A refusal counts too (TanStack Query marks a failed query invalidated): a case the worker may
  // not open is not asked for twice, since each denial is audited and counted.
  if (state.status === 'error') return state.errorUpdatedAt >= at
  return state.dataUpdatedAt >= at && !state.isInvalidated
}

/**
 * Whether the case was asked for at start-up and the overview has not had its answer yet. Decides
 * `retryOnMount`, which TanStack Query reads when the overview subscribes, not when it renders: a
 * refusal arriving between the two would otherwise be asked again (seen once under a loaded CI).
 * A request still in flight is shared, so this is safe whatever the answer's state.
 */
export function isStartUpFetch(id: string): boolean {
  const at = prefetchedAt.get(id)
  return at !== undefined && Date.now() - at < PREFETCH_FRESH_MS
}

/** Once the overview has its case, a later visit reads it again as usual. */
export function forgetPrefetch(id: string): void {
  prefetchedAt.delete(id)
}
