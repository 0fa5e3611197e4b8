import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'

export const RECENT_KEY = ['me', 'recent'] as const

/** My recently viewed cases and persons, as the server shows them now (through the doors). */
export function useRecent(enabled: boolean) {
  return useQuery({ queryKey: RECENT_KEY, queryFn: ({ signal }) => api.get('/api/me/recent', { signal }), enabled, staleTime: 0 })
}

export function useClearRecent() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => api.delete('/api/me/recent'),
    onSuccess: () => queryClient.setQueryData(RECENT_KEY, { items: [] }),
  })
}
