import { useQuery } from '@tanstack/react-query'
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
