import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, qs } from '../../api/client'
import type { AccompanimentView, Dashboard } from '../../api/types'

export function useCaseloadDashboard(teamId: string | null) {
  return useQuery({
    queryKey: ['dashboard', teamId],
    queryFn: ({ signal }) => api.get<Dashboard>(`/api/dashboard/caseload${qs({ teamId })}`, { signal }),
    enabled: !!teamId,
  })
}

export type ClosureToDecide = Dashboard['awaitingClosure'][number]

/** Approve or refuse a closure from the version the dashboard showed; a stale version answers 412. */
export function useClosureDecision() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { closure: ClosureToDecide; approve: boolean; note: string }) =>
      api.post<AccompanimentView>(
        `/api/accompaniments/${encodeURIComponent(v.closure.id)}/closure/decision`,
        { approve: v.approve, note: v.note.trim() || null },
        { ifMatch: v.closure.version },
      ),
    onSettled: async () => {
      await Promise.all([client.invalidateQueries({ queryKey: ['dashboard'] }), client.invalidateQueries({ queryKey: ['accompaniments'] })])
    },
  })
}
