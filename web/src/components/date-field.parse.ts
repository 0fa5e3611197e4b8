/**
 * What a person types in a date or time field, read the Belgian way (day first, 24-hour clock)
 * whatever the browser's own locale. The values handed back are the ISO strings the forms and the
 * API use: `YYYY-MM-DD`, `HH:mm`, and the local `YYYY-MM-DDTHH:mm`.
 */

/** How a date is shown in every date field: 01/12/2026. */
export const DATE_FORMAT = 'DD/MM/YYYY'

const pad = (n: number) => String(n).padStart(2, '0')

function validDate(y: number, m: number, d: number): string | null {
  // A four-digit year only: "01/12/20" typed on the way to "01/12/2026" must not become the year 20.
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= days ? `${y}-${pad(m)}-${pad(d)}` : null
}

/**
 * "1/12/2026", "01.12.2026", "01-12-2026" or "2026-12-01" → "2026-12-01"; anything else (including
 * a two-digit year or 31/02) → null. A time after an ISO date ("2026-12-01T14:30") is ignored here:
 * see `parseDateTime`.
 */
export function parseDate(text: string): string | null {
  const s = text.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s)
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  const dmy = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(s)
  if (dmy) return validDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]))
  return null
}

/** "14:30", "14h30", "14.30", "9:05" → "14:30" / "09:05"; "14h" → "14:00"; else null. */
export function parseTime(text: string): string | null {
  const m = /^(\d{1,2})\s*(?:[:.hH]\s*(\d{2})?)?$/.exec(text.trim())
  if (!m || (m[2] === undefined && !/[hH]$/.test(text.trim()))) return null
  const h = Number(m[1])
  const min = m[2] === undefined ? 0 : Number(m[2])
  return h <= 23 && min <= 59 ? `${pad(h)}:${pad(min)}` : null
}

/** "01/12/2026 14:30" or "2026-12-01T14:30" → "2026-12-01T14:30"; else null. */
export function parseDateTime(text: string): string | null {
  const s = text.trim()
  const m = /^(\S+)(?:\s+|T)(\S+)$/.exec(s)
  if (!m) return null
  const date = parseDate(m[1]!)
  const time = parseTime(m[2]!.slice(0, 5))
  return date && time ? `${date}T${time}` : null
}

/** "2026-12-01" → "01/12/2026" (what the field shows); '' for no value. */
export function showDate(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null
  return m ? `${m[3]}/${m[2]}/${m[1]}` : ''
}

/** A local date-time value split into the parts its two fields hold. */
export function splitDateTime(value: string | null | undefined): { date: string; time: string } {
  const m = value ? /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value) : null
  return m ? { date: m[1]!, time: m[2]! } : { date: '', time: '' }
}

/** Both parts, or '' while one of them is missing. */
export function joinDateTime(parts: { date: string; time: string }): string {
  return parts.date && parts.time ? `${parts.date}T${parts.time}` : ''
}
