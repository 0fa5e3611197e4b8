import { useQuery } from '@tanstack/react-query'
import { api, isApiError } from '../api/client'
import type { Me } from '../api/types'
import type { Permission } from '../../../common/permissions'

export const ME_KEY = ['me'] as const
/** Set when an API call answered 401: the login page then says that the session has ended. */
export const SESSION_ENDED_KEY = ['ui', 'sessionEnded'] as const

/** The signed-in user, or `null` when there is no session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get('/api/me', { quiet401: true })
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null
    throw e
  }
}

export const ME_STALE_MS = 60_000

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: ME_STALE_MS })
}

export function can(me: Me | null | undefined, ability: Permission): boolean {
  return !!me && me.sessionState === 'active' && (me.abilities as readonly string[]).includes(ability)
}

/** The first page the user may open, in the order of the navigation. */
export function homePath(me: Me): string {
  if (me.sessionState === 'mfa_enrolment') return '/mfa/enrol'
  if (me.sessionState === 'mfa_pending') return '/login'
  // A partner's staff reach nothing of Parcours but the referrals addressed to them.
  if (can(me, 'referral.partner')) return '/portal'
  if (can(me, 'my_day.read')) return '/my-day'
  if (can(me, 'person.search')) return '/persons'
  if (can(me, 'user.manage')) return '/admin/users'
  if (can(me, 'audit.read')) return '/audit'
  // A researcher reaches nothing but the studies they are named on.
  if (can(me, 'study.read')) return '/studies'
  return '/account'
}
