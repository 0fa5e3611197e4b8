import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'

export const NOTIFICATIONS_KEY = ['notifications'] as const

/** The caller's latest notifications and unread count, refreshed every minute. */
export function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: ({ signal }) => api.get('/api/notifications', { signal }),
    refetchInterval: 60_000,
  })
}
