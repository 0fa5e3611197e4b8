import type { Language } from '../../../common/roles'

/**
 * An iCalendar (RFC 5545) document of a worker's sessions, for their own calendar application.
 * Each event carries the case's code and the kind of session only: never a name, a place or a note,
 * since a calendar application copies it to devices and servers outside the service.
 */
export type FeedSession = { id: string; code: string; status: string; startsAt: string; durationMinutes: number | null; modality: string }

const KIND: Record<string, Record<Language, string>> = {
  office: { fr: 'Entretien au bureau', nl: 'Gesprek op kantoor', de: 'Gespräch im Büro', en: 'Office session' },
  phone: { fr: 'Entretien téléphonique', nl: 'Telefonisch gesprek', de: 'Telefongespräch', en: 'Phone session' },
  video: { fr: 'Entretien en visioconférence', nl: 'Videogesprek', de: 'Videogespräch', en: 'Video session' },
  home_visit: { fr: 'Visite à domicile', nl: 'Huisbezoek', de: 'Hausbesuch', en: 'Home visit' },
  prison: { fr: 'Entretien en prison', nl: 'Gesprek in de gevangenis', de: 'Gespräch im Gefängnis', en: 'Prison visit' },
  outreach: { fr: 'Travail de rue', nl: 'Outreach', de: 'Aufsuchende Arbeit', en: 'Outreach' },
}

const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '')
/** Lines longer than 75 octets are folded (RFC 5545 §3.1); codes and labels rarely need it. */
function fold(line: string): string {
  const out: string[] = []
  let rest = line
  while (Buffer.byteLength(rest) > 75) {
    let cut = 74
    while (Buffer.byteLength(rest.slice(0, cut)) > 74) cut--
    out.push(rest.slice(0, cut))
    rest = ` ${rest.slice(cut)}`
  }
  out.push(rest)
  return out.join('\r\n')
}
const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n')

export function icsOf(sessions: readonly FeedSession[], language: Language, now: string, host: string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Parcours//Calendar feed//EN', 'CALSCALE:GREGORIAN', 'X-WR-CALNAME:Parcours']
  for (const s of sessions) {
    const end = new Date(Date.parse(s.startsAt) + (s.durationMinutes ?? 60) * 60_000).toISOString()
    const kind = KIND[s.modality]?.[language] ?? s.modality
    lines.push(
      'BEGIN:VEVENT',
      `UID:${s.id}@${host}`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART:${stamp(s.startsAt)}`,
      `DTEND:${stamp(end)}`,
      `SUMMARY:${escape(`${s.code} – ${kind}`)}`,
      `STATUS:${s.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    )
  }
  lines.push('END:VCALENDAR')
  return `${lines.map(fold).join('\r\n')}\r\n`
}
