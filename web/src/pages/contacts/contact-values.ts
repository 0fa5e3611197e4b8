import type { z } from 'zod'
import type { ContactInput, ContactView } from '../../../../common/contracts/contacts.contracts'

export type ContactBody = z.input<typeof ContactInput>

/** What the form edits: every field as text or a list, so that inputs stay controlled. */
export type Values = {
  channel: ContactBody['channel']
  direction: 'incoming' | 'outgoing'
  occurredAt: string
  durationMinutes: string
  callerKind: ContactBody['callerKind']
  callerSector: string
  identityAgreed: boolean
  name: string
  phone: string
  email: string
  reach: string
  personDescription: string
  themes: string[]
  summary: string
  orientation: string
  referredTo: string
  urgency: NonNullable<ContactBody['urgency']>
}

/** `YYYY-MM-DDTHH:mm` in the browser's time zone, as a datetime-local input takes it. */
export function localInput(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function emptyValues(now = new Date()): Values {
  return {
    channel: 'phone',
    direction: 'incoming',
    occurredAt: localInput(now.toISOString()),
    durationMinutes: '',
    callerKind: 'relative',
    callerSector: '',
    identityAgreed: false,
    name: '',
    phone: '',
    email: '',
    reach: '',
    personDescription: '',
    themes: [],
    summary: '',
    orientation: '',
    referredTo: '',
    urgency: 'none',
  }
}

export function valuesOf(c: z.infer<typeof ContactView>): Values {
  return {
    channel: c.channel,
    direction: c.direction,
    occurredAt: localInput(c.occurredAt),
    durationMinutes: c.durationMinutes === null ? '' : String(c.durationMinutes),
    callerKind: c.callerKind,
    callerSector: c.callerSector ?? '',
    identityAgreed: c.caller !== null,
    name: c.caller?.name ?? '',
    phone: c.caller?.phone ?? '',
    email: c.caller?.email ?? '',
    reach: c.caller?.reach ?? '',
    personDescription: c.personDescription ?? '',
    themes: c.themes,
    summary: c.summary ?? '',
    orientation: c.orientation ?? '',
    referredTo: c.referredTo ?? '',
    urgency: c.urgency,
  }
}

/** The request body: the identity only when the caller agreed (and never for an anonymous caller). */
export function bodyOf(v: Values, personId: string | null): ContactBody {
  const identity = v.identityAgreed && v.callerKind !== 'anonymous'
  const date = new Date(v.occurredAt)
  return {
    channel: v.channel,
    direction: v.direction,
    occurredAt: Number.isNaN(date.getTime()) ? v.occurredAt : date.toISOString(),
    durationMinutes: v.durationMinutes === '' ? null : Number(v.durationMinutes),
    callerKind: v.callerKind,
    callerSector: v.callerKind === 'professional' && v.callerSector ? (v.callerSector as ContactBody['callerSector']) : null,
    caller: identity ? { name: v.name || null, phone: v.phone || null, email: v.email || null, reach: v.reach || null } : null,
    personId,
    personDescription: v.personDescription || null,
    themes: v.themes,
    summary: v.summary || null,
    orientation: (v.orientation || null) as ContactBody['orientation'],
    referredTo: v.orientation === 'referred' ? v.referredTo || null : null,
    urgency: v.urgency,
  }
}
