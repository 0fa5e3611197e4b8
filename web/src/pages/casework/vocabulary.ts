import type * as C from '../../../../common/contracts/case-sessions.contracts'

/** The lists of `common/contracts/case-sessions.contracts.ts`, repeated so the bundle does not pull in zod. */
type Same<T extends readonly string[]> = readonly T[number][]

export const SESSION_STATUSES = ['planned', 'held', 'cancelled', 'missed'] as const satisfies Same<typeof C.SESSION_STATUSES>
export const MODALITIES = ['office', 'phone', 'video', 'home_visit', 'prison', 'outreach'] as const satisfies Same<typeof C.MODALITIES>
export const PARTICIPANTS = ['client', 'relative', 'partner_professional', 'co_worker'] as const satisfies Same<typeof C.PARTICIPANTS>
export const ATTENDANCE = ['present', 'late', 'excused_absence', 'unexcused_absence'] as const satisfies Same<typeof C.ATTENDANCE>

export type SessionStatus = (typeof SESSION_STATUSES)[number]
export type Modality = (typeof MODALITIES)[number]
export type Participant = (typeof PARTICIPANTS)[number]
export type Attendance = (typeof ATTENDANCE)[number]

/** `2026-03-12T14:30` (local time, from a datetime-local input) → ISO 8601 with the local offset. */
export function localToIso(local: string): string | null {
  const date = new Date(local)
  if (!local || Number.isNaN(date.getTime())) return null
  const offset = -date.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0')
  return `${local.length === 16 ? `${local}:00` : local}${sign}${pad(offset / 60)}:${pad(offset % 60)}`
}

/** An ISO instant → the value a datetime-local input shows, in local time. */
export function isoToLocal(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}
