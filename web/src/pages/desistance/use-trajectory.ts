import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { TrajectoryEvent, TrajectoryInput } from './trajectory-vocabulary'

const key = (id: string) => ['accompaniments', id, 'trajectory'] as const

export function useTrajectory(id: string) {
  return useQuery({ queryKey: key(id), queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/trajectory', { path: { id }, signal }) })
}

/** Create, change (If-Match) or remove (If-Match) an event; the list reloads after each, and after a 412. */
export function useTrajectoryWrite(id: string) {
  const client = useQueryClient()
  const refresh = () => client.invalidateQueries({ queryKey: key(id) })
  const save = useMutation({
    mutationFn: (v: { event: TrajectoryEvent | null; body: TrajectoryInput }) =>
      v.event
        ? api.put('/api/accompaniments/{id}/trajectory/{eventId}', {
            path: { id, eventId: v.event.id },
            body: v.body,
            ifMatch: v.event.version,
          })
        : api.post('/api/accompaniments/{id}/trajectory', { path: { id }, body: v.body }),
    onSettled: refresh,
  })
  const remove = useMutation({
    mutationFn: (event: TrajectoryEvent) =>
      api.delete('/api/accompaniments/{id}/trajectory/{eventId}', { path: { id, eventId: event.id }, ifMatch: event.version }),
    onSettled: refresh,
  })
  return { save, remove }
}
