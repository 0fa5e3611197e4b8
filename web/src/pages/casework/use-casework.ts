import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { MyDay, TaskView } from '../../api/types'

const base = (id: string) => `/api/accompaniments/${encodeURIComponent(id)}`

export function useMyDay() {
  return useQuery({ queryKey: ['my-day'], queryFn: ({ signal }) => api.get('/api/my-day', { signal }) })
}

/**
 * The server counts a case as opened when it is read, and "new case for you" drops it. My day's
 * cached copy follows at once (coming back to My day shows no stale notice while it refetches),
 * and is marked stale so that the next visit asks the server again.
 */
export function forgetNewCase(client: QueryClient, caseId: string) {
  const day = client.getQueryData<MyDay>(['my-day'])
  if (!day?.newCases.some((c) => c.accompanimentId === caseId)) return
  client.setQueryData<MyDay>(['my-day'], { ...day, newCases: day.newCases.filter((c) => c.accompanimentId !== caseId) })
  void client.invalidateQueries({ queryKey: ['my-day'], refetchType: 'none' })
}

export function useSessions(id: string) {
  return useQuery({
    queryKey: ['accompaniments', id, 'sessions'],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/sessions', { path: { id }, signal }),
  })
}

export function useTasks(id: string) {
  return useQuery({
    queryKey: ['accompaniments', id, 'tasks'],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/tasks', { path: { id }, signal }),
  })
}

export function useDocuments(id: string) {
  return useQuery({
    queryKey: ['accompaniments', id, 'documents'],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/documents', { path: { id }, signal }),
  })
}

export const documentUrl = (id: string, documentId: string) => `${base(id)}/documents/${encodeURIComponent(documentId)}`

/** Tick a task done (or open again); My day and the case's list both refresh. */
export function useTaskStatus() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { task: TaskView; done: boolean }) =>
      api.post('/api/accompaniments/{id}/tasks/{taskId}/status', {
        path: { id: v.task.accompanimentId, taskId: v.task.id },
        body: { status: v.done ? 'done' : 'open' },
        ifMatch: v.task.version,
      }),
    onSettled: async (_d, _e, v) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['my-day'] }),
        client.invalidateQueries({ queryKey: ['accompaniments', v.task.accompanimentId, 'tasks'] }),
      ])
    },
  })
}
