import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../api/client'
import type { ResponseOf } from '../api/client'

type NameDisplay = ResponseOf<'/api/me/privacy-screen', 'get'>

const KEY = ['me', 'privacy-screen']

/**
 * The caller's privacy screen, kept on the server per user (`/api/me/privacy-screen`): every
 * person name on the page reads the same cached answer. Until it has arrived, names are masked:
 * a screen seen by others never flashes a name the user asked to hide.
 */
export function usePrivacyScreen() {
  const query = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get('/api/me/privacy-screen', { signal }), staleTime: 60_000 })
  return { masked: query.data?.masked ?? true, loaded: query.isSuccess, error: query.error, data: query.data }
}

/**
 * Turns the privacy screen on or off (null: back to the service's setting): the switch moves at
 * once, and back if the server refuses.
 */
export function useSetPrivacyScreen() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (masked: boolean | null) => api.put('/api/me/privacy-screen', { body: { masked } }),
    onMutate: async (masked) => {
      await client.cancelQueries({ queryKey: KEY })
      const before = client.getQueryData(KEY)
      client.setQueryData(KEY, (old: NameDisplay | undefined) =>
        old ? { ...old, own: masked !== null, masked: masked ?? old.serviceDefault === 'initials' } : old,
      )
      return { before }
    },
    onError: (_error, _masked, context) => client.setQueryData(KEY, context?.before),
    onSuccess: (data) => client.setQueryData(KEY, data),
  })
}

/** "J. D." for Julien Dubois; "J.-P. V. d. B." for Jean-Pierre Van den Berg. */
export function initialsOf(name: { firstName: string; lastName: string }): string {
  const initials = (part: string) =>
    part
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((word) =>
        word
          .split('-')
          .map((piece) => (piece ? `${Array.from(piece)[0]}.` : ''))
          .join('-'),
      )
      .join(' ')
  return [initials(name.firstName), initials(name.lastName)].filter(Boolean).join(' ')
}
