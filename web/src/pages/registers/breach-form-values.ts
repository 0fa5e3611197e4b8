import type { BREACH_STATUSES, BreachInput, BreachView, NOTIFICATION_DECISIONS } from '../../../../common/contracts/registers.contracts'

export type Notification = { decision: (typeof NOTIFICATION_DECISIONS)[number]; notifiedAt: string; reference: string; reason: string }
/** What the form holds: instants and counts as typed, turned into a `BreachInput` on submit. */
export type BreachForm = {
  discoveredAt: string
  nature: string[]
  description: string
  subjectCategories: string[]
  dataCategories: string[]
  personsAffected: number | string
  recordsAffected: number | string
  consequences: string
  measures: string
  authority: Notification
  persons: Notification
  status: (typeof BREACH_STATUSES)[number]
}

const pad = (n: number) => String(n).padStart(2, '0')
/** An instant as the date and time fields take it, on this computer's clock. */
function localInput(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}
/** Back to an instant with its offset; an incomplete value is sent as typed for the server to name. */
function instant(local: string): string {
  const d = new Date(local)
  return local && !Number.isNaN(d.getTime()) ? d.toISOString() : local
}
const notification = (n?: BreachView['authority']): Notification => ({
  decision: n?.decision ?? 'pending',
  notifiedAt: localInput(n?.notifiedAt ?? null),
  reference: n?.reference ?? '',
  reason: n?.reason ?? '',
})
export function formOf(b?: BreachView): BreachForm {
  return {
    discoveredAt: localInput(b?.discoveredAt ?? new Date().toISOString()),
    nature: b?.nature ?? [],
    description: b?.description ?? '',
    subjectCategories: b?.subjectCategories ?? [],
    dataCategories: b?.dataCategories ?? [],
    personsAffected: b?.personsAffected ?? '',
    recordsAffected: b?.recordsAffected ?? '',
    consequences: b?.consequences ?? '',
    measures: b?.measures ?? '',
    authority: notification(b?.authority),
    persons: notification(b?.persons),
    status: b?.status ?? 'open',
  }
}
const count = (v: number | string) => (v === '' ? null : Number(v))
const sent = (n: Notification) => ({
  decision: n.decision,
  notifiedAt: n.decision === 'notified' && n.notifiedAt ? instant(n.notifiedAt) : null,
  reference: n.decision === 'notified' && n.reference.trim() ? n.reference : null,
  reason: n.decision === 'not_required' && n.reason.trim() ? n.reason : null,
})
export function bodyOf(f: BreachForm) {
  return {
    ...f,
    discoveredAt: instant(f.discoveredAt),
    personsAffected: count(f.personsAffected),
    recordsAffected: count(f.recordsAffected),
    authority: sent(f.authority),
    persons: sent(f.persons),
  } as BreachInput
}

/** The fields the form shows: errors on any other are listed under it, so that none is lost. */
export const BREACH_FIELDS = [
  'discoveredAt',
  'nature',
  'description',
  'subjectCategories',
  'dataCategories',
  'personsAffected',
  'recordsAffected',
  'consequences',
  'measures',
  'authority',
  'persons',
  'status',
]
