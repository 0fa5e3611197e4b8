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

export function useCaseExceptions(caseId: string) {
  return useQuery({
    queryKey: ['accompaniments', caseId, 'exceptions'],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/exceptions', { path: { id: caseId }, signal }),
  })
}

export function useRecordException(caseId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: ExceptionInput) => api.post('/api/accompaniments/{id}/exceptions', { path: { id: caseId }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['accompaniments', caseId, 'exceptions'] }),
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
