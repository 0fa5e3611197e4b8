import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { Dashboard } from '../../api/types'

export function useCaseloadDashboard(teamId: string | null) {
  return useQuery({
    queryKey: ['dashboard', teamId],
    queryFn: ({ signal }) => api.get('/api/dashboard/caseload', { query: { teamId: teamId ?? '' }, signal }),
    enabled: !!teamId,
  })
}

export type ClosureToDecide = Dashboard['awaitingClosure'][number]

/** Approve or refuse a closure from the version the dashboard showed; a stale version answers 412. */
export function useClosureDecision() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { closure: ClosureToDecide; approve: boolean; note: string }) =>
      api.post('/api/accompaniments/{id}/closure/decision', {
        path: { id: v.closure.id },
        body: { approve: v.approve, note: v.note.trim() || null },
        ifMatch: v.closure.version,
      }),
    onSettled: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: ['dashboard'] }), client.invalidateQueries({ queryKey: ['accompaniments'] })])
    },
  })
}
