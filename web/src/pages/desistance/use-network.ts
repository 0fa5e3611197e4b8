import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type * as Network from '../../../../common/contracts/network.contracts'
import { api, isApiError } from '../../api/client'

export type Tie = Network.Tie
export type NetworkSnapshot = Network.NetworkSnapshotView
export type NetworkComparison = Network.NetworkComparison
export type SnapshotInput = z.input<typeof Network.NetworkSnapshotInput>

const key = (id: string) => ['accompaniments', id, 'network']

/** Snapshots of the case, newest first. */
export function useNetwork(id: string) {
  return useQuery({
    queryKey: key(id),
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/network', { path: { id }, signal }),
  })
}

export function useNetworkComparison(id: string, from: string | null, to: string | null) {
  return useQuery({
    queryKey: [...key(id), 'compare', from, to],
    queryFn: ({ signal }) =>
      api.get('/api/accompaniments/{id}/network/compare', { path: { id }, query: { from: from ?? '', to: to ?? '' }, signal }),
    enabled: !!from && !!to && from !== to,
  })
}

/** Take a new snapshot, or correct one (`snapshot` given: If-Match on its version). */
export function useSaveSnapshot(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { snapshot: NetworkSnapshot | null; body: SnapshotInput }) =>
      v.snapshot
        ? api.put('/api/accompaniments/{id}/network/{snapshotId}', {
            path: { id, snapshotId: v.snapshot.id },
            body: v.body,
            ifMatch: v.snapshot.version,
          })
        : api.post('/api/accompaniments/{id}/network', { path: { id }, body: v.body }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(id) }),
    // Someone saved first (412): reload, so that the next attempt starts from their version.
    onError: (e) => {
      if (isApiError(e, 'version.mismatch')) void client.invalidateQueries({ queryKey: key(id) })
    },
  })
}
