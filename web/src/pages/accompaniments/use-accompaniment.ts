import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { api } from '../../api/client'
import { forgetNewCase } from '../casework/use-casework'
import { accompanimentQuery, forgetPrefetch, isStartUpFetch, isStartUpRead } from './accompaniment-query'

export function useAccompaniment(id: string | undefined) {
  const client = useQueryClient()
  const options = accompanimentQuery(id ?? '')
  const query = useQuery({
    ...options,
    queryFn: async (context) => {
      const view = await accompanimentQuery(id ?? '').queryFn(context)
      forgetNewCase(client, view.id)
      return view
    },
    enabled: !!id,
    // Read at start-up for a link opened cold: not read again at once (unless changed since).
    refetchOnMount: (q) => !isStartUpRead(id ?? '', q.state),
    retryOnMount: !isStartUpFetch(id ?? ''),
  })
  const settled = query.isSuccess || query.isError
  useEffect(() => {
    if (settled && id) forgetPrefetch(id)
  }, [settled, id])
  return query
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
