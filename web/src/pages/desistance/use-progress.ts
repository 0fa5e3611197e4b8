import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'

export function useProgress(id: string) {
  return useQuery({
    queryKey: ['accompaniments', id, 'progress'],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/progress', { path: { id }, signal }),
  })
}

export function usePersonSummary(id: string) {
  return useQuery({
    queryKey: ['accompaniments', id, 'summary'],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/summary', { path: { id }, signal }),
    retry: false,
  })
}
