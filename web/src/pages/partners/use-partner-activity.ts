import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { OwnOrganisationUpdate, PartnerActivity } from '../../../../common/contracts/partner-activity.contracts'
import { api } from '../../api/client'

export type Activity = z.infer<typeof PartnerActivity>
export type OwnUpdate = z.infer<typeof OwnOrganisationUpdate>

/** The whole network's activity (leads and admins: the dashboard). */
export function useNetworkActivity(enabled: boolean) {
  return useQuery({
    queryKey: ['partners', 'activity'],
    queryFn: ({ signal }) => api.get('/api/partners/activity', { signal }),
    enabled,
  })
}

/** One organisation's activity (leads and admins, or that organisation's own staff). */
export function usePartnerActivity(id: string | undefined) {
  return useQuery({
    queryKey: ['partners', id, 'activity'],
    queryFn: ({ signal }) => api.get('/api/partners/{id}/activity', { path: { id: id as string }, signal }),
    enabled: Boolean(id),
  })
}

/** What a partner's staff may change of their own organisation, with its version. */
export function useOwnProfile() {
  return useQuery({
    queryKey: ['partner', 'organisation', 'profile'],
    queryFn: ({ signal }) => api.get('/api/partner/organisation/profile', { signal }),
  })
}

export function useSaveOwnProfile() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { body: OwnUpdate; version: number }) =>
      api.put('/api/partner/organisation/profile', { body: v.body, ifMatch: v.version }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['partner', 'organisation'] })
    },
  })
}
