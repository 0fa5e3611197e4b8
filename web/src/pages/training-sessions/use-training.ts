import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'

/** The teams whose training log the user may read: their own; every team for the DPO. */
export function useTrainingTeams() {
  return useQuery({
    queryKey: ['training-teams'],
    queryFn: ({ signal }) => api.get('/api/training-sessions/teams', { signal }),
  })
}

/** Sessions per page of the training log. */
export const TRAINING_PAGE = 50

export function useTrainingSessions(teamId: string | null, year: number, offset = 0) {
  return useQuery({
    queryKey: ['training-sessions', teamId, year, offset],
    queryFn: ({ signal }) =>
      api.get('/api/training-sessions', { query: { teamId: teamId ?? '', year, limit: TRAINING_PAGE, offset }, signal }),
    enabled: !!teamId,
    placeholderData: keepPreviousData,
  })
}

/** The years a report or a log is asked for: this one and the five before it. */
export function recentYears(today = new Date()): number[] {
  const year = today.getFullYear()
  return Array.from({ length: 6 }, (_, i) => year - i)
}
