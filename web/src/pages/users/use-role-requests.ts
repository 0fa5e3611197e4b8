import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { RoleRequestView } from '../../../../common/contracts/users.contracts'
import { api } from '../../api/client'

export const ROLE_REQUESTS_KEY = ['role-requests'] as const
export type RoleRequestList = { items: RoleRequestView[]; total: number }

/** Requests waiting for a second person, oldest first. */
export function usePendingRequests(limit: number, offset: number) {
  return useQuery({
    queryKey: [...ROLE_REQUESTS_KEY, 'pending', offset],
    queryFn: () => api.get('/api/role-requests', { query: { status: 'pending', limit, offset } }),
    placeholderData: keepPreviousData,
  })
}

/** Confirm, or refuse with a reason; the users list and the DPO's alerts change with it. */
export function useDecision() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ request, reason }: { request: RoleRequestView; reason?: string }) =>
      reason === undefined
        ? api.post('/api/role-requests/{id}/confirm', { path: { id: request.id }, ifMatch: request.version })
        : api.post('/api/role-requests/{id}/refuse', { path: { id: request.id }, body: { reason }, ifMatch: request.version }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ROLE_REQUESTS_KEY })
      void queryClient.invalidateQueries({ queryKey: ['users'] })
      void queryClient.invalidateQueries({ queryKey: ['dpo-alerts'] })
    },
  })
}
