import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { forgetNewCase } from '../casework/use-casework'

export function useAccompaniment(id: string | undefined) {
  const client = useQueryClient()
  return useQuery({
    queryKey: ['accompaniments', id],
    queryFn: async ({ signal }) => {
      const view = await api.get('/api/accompaniments/{id}', { path: { id: id ?? '' }, signal })
      forgetNewCase(client, view.id)
      return view
    },
    enabled: !!id,
    retry: false,
  })
}

/** Keyed by the case's version: every change to the case brings its event. */
export function useTimeline(id: string, version: number) {
  return useQuery({
    queryKey: ['accompaniments', id, 'timeline', version],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/timeline', { path: { id }, signal }),
    placeholderData: keepPreviousData,
  })
}

export function useTeamMembers(teamId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['teams', teamId, 'members'],
    queryFn: ({ signal }) => api.get('/api/teams/{id}/members', { path: { id: teamId }, signal }),
    enabled,
  })
}
