import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { CaseRelativeInput, CaseRelativeView } from '../../../../common/contracts/case-relatives.contracts'
import { api } from '../../api/client'

export type RelativeBody = z.input<typeof CaseRelativeInput>

export function useRelatives(id: string) {
  return useQuery({
    queryKey: ['accompaniments', id, 'relatives'],
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/relatives', { path: { id }, signal }),
  })
}

/** Adds a relative, or changes one with If-Match: two workers editing the same entry do not overwrite each other. */
export function useSaveRelative(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ body, existing }: { body: RelativeBody; existing?: CaseRelativeView }) =>
      existing
        ? api.put('/api/accompaniments/{id}/relatives/{relativeId}', {
            path: { id, relativeId: existing.id },
            body,
            ifMatch: existing.version,
          })
        : api.post('/api/accompaniments/{id}/relatives', { path: { id }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['accompaniments', id, 'relatives'] }),
  })
}
