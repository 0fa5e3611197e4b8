import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { Period } from './indicators.period'

/** The teams whose indicators the user may read: a lead their own, the DPO every team. */
export function useIndicatorTeams() {
  return useQuery({
    queryKey: ['indicator-teams'],
    queryFn: ({ signal }) => api.get('/api/indicators/teams', { signal }),
  })
}

export function useIndicators(teamId: string | null, period: Period | null) {
  return useQuery({
    queryKey: ['indicators', teamId, period?.from, period?.to],
    queryFn: ({ signal }) =>
      api.get('/api/indicators', { query: { teamId: teamId ?? '', from: period?.from ?? '', to: period?.to ?? '' }, signal }),
    enabled: !!teamId && !!period,
    placeholderData: keepPreviousData,
  })
}
