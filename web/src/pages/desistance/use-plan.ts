import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { PlanInput, PlanVersionSummary, PlanView } from '../../../../common/contracts/plans.contracts'

const base = (id: string) => `/api/accompaniments/${encodeURIComponent(id)}/plan`
export const planKey = (id: string) => ['accompaniments', id, 'plan'] as const

export function usePlan(id: string) {
  return useQuery({ queryKey: planKey(id), queryFn: ({ signal }) => api.get<PlanView>(base(id), { signal }) })
}

export function usePlanHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...planKey(id), 'versions'],
    queryFn: ({ signal }) => api.get<{ items: PlanVersionSummary[] }>(`${base(id)}/versions`, { signal }),
    enabled,
  })
}

export function usePlanVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: [...planKey(id), 'versions', version],
    queryFn: ({ signal }) => api.get<PlanView>(`${base(id)}/versions/${version}`, { signal }),
    enabled: version !== null && version > 0,
    // A saved version never changes.
    staleTime: Infinity,
  })
}

/** Saves on top of `version`; a 412 means someone saved in between, and is left to the screen to explain. */
export function useSavePlan(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { version: number; body: PlanInput }) => api.put<PlanView>(base(id), v.body, { ifMatch: v.version }),
    onSuccess: async (plan) => {
      client.setQueryData(planKey(id), plan)
      await client.invalidateQueries({ queryKey: [...planKey(id), 'versions'] })
    },
  })
}
