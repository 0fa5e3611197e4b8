import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ExceptionDecision, ExceptionInput, ExceptionStatus } from '../../../../common/contracts/exceptions.contracts'
import { api } from '../../api/client'

export function useLegalBases() {
  return useQuery({ queryKey: ['legal-bases'], queryFn: ({ signal }) => api.get('/api/legal-bases', { signal }), staleTime: 60_000 })
}

export function useRegister(status: ExceptionStatus | null) {
  return useQuery({
    queryKey: ['exceptions', status],
    queryFn: ({ signal }) => api.get('/api/exceptions', { query: status ? { status } : {}, signal }),
  })
}

export function useException(id: string | null) {
  return useQuery({
    queryKey: ['exceptions', 'one', id],
    queryFn: ({ signal }) => api.get('/api/exceptions/{exceptionId}', { path: { exceptionId: id ?? '' }, signal }),
    enabled: !!id,
  })
}

/** What an exception is about: a case, or a contact of the contact point. */
export type ExceptionSubject = { kind: 'case' | 'contact'; id: string }
const subjectKey = (s: ExceptionSubject) => [s.kind === 'case' ? 'accompaniments' : 'contacts', s.id, 'exceptions']

export function useSubjectExceptions(subject: ExceptionSubject) {
  return useQuery({
    queryKey: subjectKey(subject),
    queryFn: ({ signal }) =>
      subject.kind === 'case'
        ? api.get('/api/accompaniments/{id}/exceptions', { path: { id: subject.id }, signal })
        : api.get('/api/contacts/{id}/exceptions', { path: { id: subject.id }, signal }),
  })
}

export function useRecordException(subject: ExceptionSubject) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: ExceptionInput) =>
      subject.kind === 'case'
        ? api.post('/api/accompaniments/{id}/exceptions', { path: { id: subject.id }, body })
        : api.post('/api/exceptions', { body: { ...body, contactId: subject.id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: subjectKey(subject) }),
  })
}

export function useDecide() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: { id: string; version: number; decision: ExceptionDecision }) =>
      api.post('/api/exceptions/{exceptionId}/decision', { path: { exceptionId: v.id }, body: v.decision, ifMatch: v.version }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['exceptions'] }),
  })
}
