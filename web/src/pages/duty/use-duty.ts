import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { EmergencyPath, Half, OpeningHours } from '../../../../common/contracts/duty.contracts'
import { api } from '../../api/client'

export function useDutyNow() {
  return useQuery({ queryKey: ['duty', 'now'], queryFn: ({ signal }) => api.get('/api/duty/now', { signal }), refetchInterval: 60_000 })
}
export function useEmergencyPath() {
  return useQuery({ queryKey: ['duty', 'emergency-path'], queryFn: ({ signal }) => api.get('/api/duty/emergency-path', { signal }) })
}
export function useHours() {
  return useQuery({ queryKey: ['duty', 'hours'], queryFn: ({ signal }) => api.get('/api/duty/hours', { signal }) })
}
export function useRota(from: string, to: string) {
  return useQuery({
    queryKey: ['duty', 'rota', from, to],
    queryFn: ({ signal }) => api.get('/api/duty/rota', { query: { from, to }, signal }),
  })
}
export function useDutyStaff() {
  return useQuery({ queryKey: ['duty', 'staff'], queryFn: ({ signal }) => api.get('/api/duty/staff', { signal }), staleTime: 60_000 })
}

/**
 * The duty page's saves. Held by the page, not by the editors: an editor is keyed by the version
 * it edits and starts afresh when a save brings the next one, which would forget the save, and
 * with it the "Saved." that answers it.
 */
export type SaveDuty = ReturnType<typeof useSaveDuty>

export function useSaveDuty() {
  const client = useQueryClient()
  const done = () => client.invalidateQueries({ queryKey: ['duty'] })
  return {
    hours: useMutation({
      mutationFn: (v: { body: OpeningHours; version: number }) => api.put('/api/duty/hours', { body: v.body, ifMatch: v.version }),
      onSuccess: done,
    }),
    path: useMutation({
      mutationFn: (v: { body: EmergencyPath; version: number }) =>
        api.put('/api/duty/emergency-path', { body: v.body, ifMatch: v.version }),
      onSuccess: done,
    }),
    slot: useMutation({
      mutationFn: (v: { date: string; half: Half; userId: string | null; version: number }) =>
        api.put('/api/duty/rota/{date}/{half}', { path: { date: v.date, half: v.half }, body: { userId: v.userId }, ifMatch: v.version }),
      onSuccess: done,
    }),
  }
}
