import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { ConsentInput, ReferralInput } from '../../../../common/contracts/referrals.contracts'
import { api } from '../../api/client'

export type ConsentBody = z.input<typeof ConsentInput>
export type ReferralBody = z.input<typeof ReferralInput>

const consentsKey = (caseId: string) => ['accompaniments', caseId, 'consents']
const referralsKey = (caseId: string) => ['accompaniments', caseId, 'referrals']

export function useConsents(caseId: string) {
  return useQuery({
    queryKey: consentsKey(caseId),
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/consents', { path: { id: caseId }, signal }),
  })
}

export function useReferrals(caseId: string) {
  return useQuery({
    queryKey: referralsKey(caseId),
    queryFn: ({ signal }) => api.get('/api/accompaniments/{id}/referrals', { path: { id: caseId }, signal }),
  })
}

/** Every orientation write touches both lists (a withdrawal shreds the referrals sent under it). */
function useRefresh(caseId: string) {
  const client = useQueryClient()
  return async () => {
    await client.invalidateQueries({ queryKey: consentsKey(caseId) })
    await client.invalidateQueries({ queryKey: referralsKey(caseId) })
  }
}

export function useRecordConsent(caseId: string) {
  const onSuccess = useRefresh(caseId)
  return useMutation({
    mutationFn: (body: ConsentBody) => api.post('/api/accompaniments/{id}/consents', { path: { id: caseId }, body: body as never }),
    onSuccess,
  })
}

/** Attaches the signed form to a consent (If-Match): stored sealed as a case document. */
export function useAttachConsentForm(caseId: string) {
  const onSuccess = useRefresh(caseId)
  return useMutation({
    mutationFn: (v: { id: string; version: number; file: File }) =>
      api.upload('/api/accompaniments/{id}/consents/{consentId}/form', v.file, {
        path: { id: caseId, consentId: v.id },
        ifMatch: v.version,
      } as never),
    onSuccess,
  })
}

export function useWithdrawConsent(caseId: string) {
  const onSuccess = useRefresh(caseId)
  return useMutation({
    mutationFn: (v: { id: string; version: number }) =>
      api.post('/api/consents/{consentId}/withdraw', { path: { consentId: v.id }, body: {} as never, ifMatch: v.version }),
    onSuccess,
  })
}

export function useCreateReferral(caseId: string) {
  const onSuccess = useRefresh(caseId)
  return useMutation({
    mutationFn: (body: ReferralBody) => api.post('/api/accompaniments/{id}/referrals', { path: { id: caseId }, body: body as never }),
    onSuccess,
  })
}

export function useUpdateReferral(caseId: string) {
  const onSuccess = useRefresh(caseId)
  return useMutation({
    mutationFn: (v: { id: string; version: number; body: ReferralBody }) =>
      api.put('/api/referrals/{referralId}', { path: { referralId: v.id }, body: v.body as never, ifMatch: v.version }),
    onSuccess,
  })
}

export function useReferralStep(caseId: string) {
  const onSuccess = useRefresh(caseId)
  return useMutation({
    mutationFn: (v: { id: string; version: number } & ({ step: 'send'; consentId: string } | { step: 'stop' })) =>
      v.step === 'send'
        ? api.post('/api/referrals/{referralId}/send', { path: { referralId: v.id }, body: { consentId: v.consentId }, ifMatch: v.version })
        : api.post('/api/referrals/{referralId}/stop', { path: { referralId: v.id }, body: {} as never, ifMatch: v.version }),
    onSuccess,
  })
}

export function useServiceFeedback(caseId: string) {
  const onSuccess = useRefresh(caseId)
  return useMutation({
    mutationFn: (v: { id: string; note: string }) =>
      api.post('/api/referrals/{referralId}/feedback', { path: { referralId: v.id }, body: { note: v.note } }),
    onSuccess,
  })
}
