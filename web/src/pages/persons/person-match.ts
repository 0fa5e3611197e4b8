import type { PersonSummary } from '../../api/types'

/** "BENALI, Mohammed" for a record the caller may open; "M. Benali" for anyone else. */
export function matchName(p: PersonSummary): string {
  return p.readable ? `${p.lastName.toUpperCase()}, ${p.firstName}` : `${p.initial}. ${p.lastName}`
}

/** What tells namesakes apart: "1998 · Liège", or null when neither is known. */
export function matchDetails(p: PersonSummary): string | null {
  const parts = [p.birthYear ? String(p.birthYear) : null, p.municipality].filter(Boolean)
  return parts.length ? parts.join(' · ') : null
}
