import { useQuery } from '@tanstack/react-query'
import type { PersonSummary, Progress } from '../../../../common/contracts/progress.contracts'
import { api } from '../../api/client'

const base = (id: string) => `/api/accompaniments/${encodeURIComponent(id)}`

export function useProgress(id: string) {
  return useQuery({
    queryKey: ['accompaniments', id, 'progress'],
    queryFn: ({ signal }) => api.get<Progress>(`${base(id)}/progress`, { signal }),
  })
}

export function usePersonSummary(id: string) {
  return useQuery({
    queryKey: ['accompaniments', id, 'summary'],
    queryFn: ({ signal }) => api.get<PersonSummary>(`${base(id)}/summary`, { signal }),
    retry: false,
  })
}
