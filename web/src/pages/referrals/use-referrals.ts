import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { ConsentInput, ReferralInput } from '../../../../common/contracts/referrals.contracts'
import { api } from '../../api/client'

export type ConsentBody = z.input<typeof ConsentInput>
export type ReferralBody = z.input<typeof ReferralInput>

/** What orientation is recorded on: a case, or a contact of the contact point that led to no case. */
export type Owner = { kind: 'case' | 'contact'; id: string }

/** The label of a shareable field: from a contact, identity and contact details are the caller's. */
export const sharedFieldKey = (owner: Owner, field: string) =>
  owner.kind === 'case' ? `referrals.fields.${field}` : `referrals.callerFields.${field}`

const ownerKey = (o: Owner) => [o.kind === 'case' ? 'accompaniments' : 'contacts', o.id]
const consentsKey = (o: Owner) => [...ownerKey(o), 'consents']
const referralsKey = (o: Owner) => [...ownerKey(o), 'referrals']

export function useConsents(owner: Owner) {
  return useQuery({
    queryKey: consentsKey(owner),
    queryFn: ({ signal }) =>
      owner.kind === 'case'
        ? api.get('/api/accompaniments/{id}/consents', { path: { id: owner.id }, signal })
        : api.get('/api/contacts/{id}/consents', { path: { id: owner.id }, signal }),
  })
}

export function useReferrals(owner: Owner) {
  return useQuery({
    queryKey: referralsKey(owner),
    queryFn: ({ signal }) =>
      owner.kind === 'case'
        ? api.get('/api/accompaniments/{id}/referrals', { path: { id: owner.id }, signal })
        : api.get('/api/contacts/{id}/referrals', { path: { id: owner.id }, signal }),
  })
}

/**
 * Every orientation write touches both lists (a withdrawal shreds the referrals sent under it).
 * Not awaited: a mutation waits for what its onSuccess returns, so the form would stay open until
 * both lists came back (seconds on a loaded server); it closes on the server's answer, and the
 * lists follow.
 */
function useRefresh(owner: Owner) {
  const client = useQueryClient()
  return () => {
    void client.invalidateQueries({ queryKey: consentsKey(owner) })
    void client.invalidateQueries({ queryKey: referralsKey(owner) })
  }
}

export function useRecordConsent(owner: Owner) {
  const onSuccess = useRefresh(owner)
  return useMutation({
    mutationFn: (body: ConsentBody) =>
      owner.kind === 'case'
        ? api.post('/api/accompaniments/{id}/consents', { path: { id: owner.id }, body: body as never })
        : api.post('/api/contacts/{id}/consents', { path: { id: owner.id }, body: body as never }),
    onSuccess,
  })
}

/** Attaches the signed form to a consent (If-Match): stored sealed as a case document. */
export function useAttachConsentForm(caseId: string) {
  const onSuccess = useRefresh({ kind: 'case', id: caseId })
  return useMutation({
    mutationFn: (v: { id: string; version: number; file: File }) =>
      api.upload('/api/accompaniments/{id}/consents/{consentId}/form', v.file, {
        path: { id: caseId, consentId: v.id },
        ifMatch: v.version,
      } as never),
    onSuccess,
  })
}

export function useWithdrawConsent(owner: Owner) {
  const onSuccess = useRefresh(owner)
  return useMutation({
    mutationFn: (v: { id: string; version: number }) =>
      api.post('/api/consents/{consentId}/withdraw', { path: { consentId: v.id }, body: {} as never, ifMatch: v.version }),
    onSuccess,
  })
}

export function useCreateReferral(owner: Owner) {
  const onSuccess = useRefresh(owner)
  return useMutation({
    mutationFn: (body: ReferralBody) =>
      owner.kind === 'case'
        ? api.post('/api/accompaniments/{id}/referrals', { path: { id: owner.id }, body: body as never })
        : api.post('/api/contacts/{id}/referrals', { path: { id: owner.id }, body: body as never }),
    onSuccess,
  })
}

export function useUpdateReferral(owner: Owner) {
  const onSuccess = useRefresh(owner)
  return useMutation({
    mutationFn: (v: { id: string; version: number; body: ReferralBody }) =>
      api.put('/api/referrals/{referralId}', { path: { referralId: v.id }, body: v.body as never, ifMatch: v.version }),
    onSuccess,
  })
}

export function useReferralStep(owner: Owner) {
  const onSuccess = useRefresh(owner)
  return useMutation({
    mutationFn: (v: { id: string; version: number } & ({ step: 'send'; consentId: string } | { step: 'stop' })) =>
      v.step === 'send'
        ? api.post('/api/referrals/{referralId}/send', { path: { referralId: v.id }, body: { consentId: v.consentId }, ifMatch: v.version })
        : api.post('/api/referrals/{referralId}/stop', { path: { referralId: v.id }, body: {} as never, ifMatch: v.version }),
    onSuccess,
  })
}

export function useServiceFeedback(owner: Owner) {
  const onSuccess = useRefresh(owner)
  return useMutation({
    mutationFn: (v: { id: string; note: string }) =>
      api.post('/api/referrals/{referralId}/feedback', { path: { referralId: v.id }, body: { note: v.note } }),
    onSuccess,
  })
}
