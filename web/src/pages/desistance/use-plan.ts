import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { PlanInput } from '../../../../common/contracts/plans.contracts'

export const planKey = (id: string) => ['accompaniments', id, 'plan'] as const

export function usePlan(id: string) {
  return useQuery({ queryKey: planKey(id), queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/plan', { path: { id }, signal }) })
}

export function usePlanHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...planKey(id), 'versions'],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/plan/versions', { path: { id }, signal }),
    enabled,
  })
}

export function usePlanVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: [...planKey(id), 'versions', version],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/plan/versions/{version}', { path: { id, version: version ?? 0 }, signal }),
    enabled: version !== null && version > 0,
    // A saved version never changes.
    staleTime: Infinity,
  })
}

/** Saves on top of `version`; a 412 means someone saved in between, and is left to the screen to explain. */
export function useSavePlan(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { version: number; body: PlanInput }) =>
      api.put('/api/accompaniments/{id}/plan', { path: { id }, body: v.body, ifMatch: v.version }),
    onSuccess: async (plan) => {
      client.setQueryData(planKey(id), plan)
      await client.invalidateQueries({ queryKey: [...planKey(id), 'versions'] })
    },
  })
}
