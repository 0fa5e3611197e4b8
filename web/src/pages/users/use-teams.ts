import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'

export const TEAMS_KEY = ['teams'] as const

export function useTeams(enabled = true) {
  return useQuery({ queryKey: TEAMS_KEY, queryFn: () => api.get('/api/teams'), enabled })
}
