import { useQuery } from '@tanstack/react-query'
import { api, isApiError } from '../../api/client'

export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: ['persons', id],
    queryFn: ({ signal }) => api.get('/api/persons/{id}', { path: { id: id ?? '' }, signal }),
    enabled: !!id,
  })
}

/** Missing, not visible, or not even a valid id: the page answers the same way. */
export function isUnavailable(error: unknown): boolean {
  if (!isApiError(error)) return false
  if (error.code === 'resource.not_found' || error.code === 'access.forbidden') return true
  return error.code === 'validation.failed' && error.fieldErrors.some((f) => f.field.startsWith('params.'))
}
