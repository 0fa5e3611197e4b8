import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { CallbackInput, ContactInput, ContactView, LinkContact } from '../../../../common/contracts/contacts.contracts'
import type { Answers } from '../../../../common/contracts/instruments.contracts'
import { api } from '../../api/client'

export type ContactBody = z.input<typeof ContactInput>
export type LinkBody = z.input<typeof LinkContact>
export type CallbackBody = z.input<typeof CallbackInput>

export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: ['contacts', id],
    queryFn: ({ signal }) => api.get('/api/contacts/{id}', { path: { id: id as string }, signal }),
    enabled: Boolean(id),
  })
}

export function useContactHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['contacts', id, 'history'],
    queryFn: ({ signal }) => api.get('/api/contacts/{id}/history', { path: { id }, signal }),
    enabled,
  })
}

export function useQueue() {
  return useQuery({ queryKey: ['contacts', 'queue'], queryFn: ({ signal }) => api.get('/api/contacts/queue', { signal }) })
}

export function useContactList(query: { status?: 'draft' | 'final'; limit: number; offset: number }) {
  return useQuery({
    queryKey: ['contacts', 'list', query],
    queryFn: ({ signal }) => api.get('/api/contacts', { query, signal }),
  })
}

export function useThemes() {
  return useQuery({
    queryKey: ['contact-themes'],
    queryFn: ({ signal }) => api.get('/api/contact-themes', { signal }),
    staleTime: 5 * 60_000,
  })
}

/** Earlier contacts from the same phone or e-mail (the server compares blind indexes only). */
export function useRepeatCaller(phone: string, email: string) {
  const body = { phone: phone.trim() || null, email: email.trim() || null }
  return useQuery({
    queryKey: ['contacts', 'repeat', body],
    queryFn: ({ signal }) => api.post('/api/contacts/repeat-caller', { body, signal }),
    enabled: Boolean(body.phone || body.email),
  })
}

/** Creates the draft, or saves it (and a final contact) with If-Match: two people on one contact do not overwrite each other. */
export function useSaveContact() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ body, existing }: { body: ContactBody; existing?: ContactView }) =>
      existing
        ? api.put('/api/contacts/{id}', { path: { id: existing.id }, body, ifMatch: existing.version })
        : api.post('/api/contacts', { body }),
    onSuccess: (saved) => {
      client.setQueryData(['contacts', saved.id], saved)
      void client.invalidateQueries({ queryKey: ['contacts', 'queue'] })
      void client.invalidateQueries({ queryKey: ['contacts', 'list'] })
      void client.invalidateQueries({ queryKey: ['contacts', saved.id, 'history'] })
    },
  })
}

function useContactAction<V>(run: (contact: ContactView, vars: V) => Promise<ContactView>) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ contact, vars }: { contact: ContactView; vars: V }) => run(contact, vars),
    onSuccess: (saved) => {
      client.setQueryData(['contacts', saved.id], saved)
      void client.invalidateQueries({ queryKey: ['contacts'] })
      // My day lists the call-backs due: a call finalised or answered changes it.
      void client.invalidateQueries({ queryKey: ['my-day'] })
    },
  })
}

export const useFinalise = () =>
  useContactAction<void>((c) => api.post('/api/contacts/{id}/finalise', { path: { id: c.id }, ifMatch: c.version }))

export const useLink = () =>
  useContactAction<LinkBody>((c, body) => api.post('/api/contacts/{id}/link', { path: { id: c.id }, body, ifMatch: c.version }))

export const useCallback = () =>
  useContactAction<CallbackBody>(async (c, body) => {
    const r = await api.post('/api/contacts/{id}/callback', { path: { id: c.id }, body, ifMatch: c.version })
    return r.contact
  })

export function useContactTriage(id: string) {
  return useQuery({
    queryKey: ['contacts', id, 'triage'],
    queryFn: ({ signal }) => api.get('/api/contacts/{id}/triage', { path: { id }, signal }),
  })
}

export const useFillTriage = () =>
  useContactAction<{ answers: Answers }>(async (c, body) => {
    const r = await api.post('/api/contacts/{id}/triage', { path: { id: c.id }, body, ifMatch: c.version })
    return r.contact
  })

export const useAcknowledgeDanger = () =>
  useContactAction<void>((c) => api.post('/api/contacts/{id}/danger/acknowledge', { path: { id: c.id }, ifMatch: c.version }))
