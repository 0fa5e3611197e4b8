import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ReferralDeclineReason, ReferralOutcome } from '../../../../common/contracts/referrals.contracts'
import { api } from '../../api/client'

const KEY = ['partner', 'referrals']

export function usePortalReferrals() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get('/api/partner/referrals', { signal }) })
}

export function usePortalReferral(id: string) {
  return useQuery({
    queryKey: [...KEY, id],
    queryFn: ({ signal }) => api.get('/api/partner/referrals/{referralId}', { path: { referralId: id }, signal }),
    retry: false,
  })
}

export function usePartnerOrganisation() {
  return useQuery({ queryKey: ['partner', 'organisation'], queryFn: ({ signal }) => api.get('/api/partner/organisation', { signal }) })
}

export type PortalStep =
  | { step: 'accept' }
  | { step: 'progress' }
  | { step: 'decline'; reason: string; reasonCode: ReferralDeclineReason | null }
  | { step: 'complete'; outcome: ReferralOutcome }

/** A partner's step on a referral, with the version it was read at (If-Match). */
export function usePortalStep(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (v: PortalStep & { version: number }) => {
      const path = { referralId: id }
      if (v.step === 'accept' || v.step === 'progress') {
        if (v.step === 'accept')
          return api.post('/api/partner/referrals/{referralId}/accept', { path, body: {} as never, ifMatch: v.version })
        return api.post('/api/partner/referrals/{referralId}/progress', { path, body: {} as never, ifMatch: v.version })
      }
      if (v.step === 'decline')
        return api.post('/api/partner/referrals/{referralId}/decline', {
          path, // A missing code is sent as is: the server names the field.
          body: { reason: v.reason, reasonCode: v.reasonCode as ReferralDeclineReason },
          ifMatch: v.version,
        })
      return api.post('/api/partner/referrals/{referralId}/complete', { path, body: { outcome: v.outcome }, ifMatch: v.version })
    },
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  })
}

export function usePortalFeedback(id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (note: string) => api.post('/api/partner/referrals/{referralId}/feedback', { path: { referralId: id }, body: { note } }),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  })
}
