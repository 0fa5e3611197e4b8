import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import type { CaseSessionList, DocumentList, MyDay, TaskList, TaskView } from '../../api/types'

const base = (id: string) => `/api/accompaniments/${encodeURIComponent(id)}`

export function useMyDay() {
  return useQuery({ queryKey: ['my-day'], queryFn: ({ signal }) => api.get<MyDay>('/api/my-day', { signal }) })
}

export function useSessions(id: string) {
  return useQuery({
    queryKey: ['accompaniments', id, 'sessions'],
    queryFn: ({ signal }) => api.get<CaseSessionList>(`${base(id)}/sessions`, { signal }),
  })
}

export function useTasks(id: string) {
  return useQuery({
    queryKey: ['accompaniments', id, 'tasks'],
    queryFn: ({ signal }) => api.get<TaskList>(`${base(id)}/tasks`, { signal }),
  })
}

export function useDocuments(id: string) {
  return useQuery({
    queryKey: ['accompaniments', id, 'documents'],
    queryFn: ({ signal }) => api.get<DocumentList>(`${base(id)}/documents`, { signal }),
  })
}

export const documentUrl = (id: string, documentId: string) => `${base(id)}/documents/${encodeURIComponent(documentId)}`
export const casePath = base

/** Tick a task done (or open again); My day and the case's list both refresh. */
export function useTaskStatus() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { task: TaskView; done: boolean }) =>
      api.post<TaskView>(
        `${base(v.task.accompanimentId)}/tasks/${encodeURIComponent(v.task.id)}/status`,
        { status: v.done ? 'done' : 'open' },
        { ifMatch: v.task.version },
      ),
    onSettled: async (_d, _e, v) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['my-day'] }),
        client.invalidateQueries({ queryKey: ['accompaniments', v.task.accompanimentId, 'tasks'] }),
      ])
    },
  })
}
