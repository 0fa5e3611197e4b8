import { AFTERNOON_FROM, DUTY_TIME_ZONE, type Half, type OpeningHours, type Span } from '../../../common/contracts/duty.contracts'

/** A moment as the line lives it: the local date, time and ISO weekday in Brussels. */
export type LocalMoment = { date: string; time: string; weekday: number }

const FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: DUTY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
})
const WEEKDAY = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 } as const

/** The Brussels wall clock at an instant (summer and winter time from the time-zone database). */
export function brussels(at: Date): LocalMoment {
  const parts = Object.fromEntries(FORMAT.formatToParts(at).map((p) => [p.type, p.value]))
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: WEEKDAY[parts.weekday as keyof typeof WEEKDAY],
  }
}

/** The ISO weekday of a calendar date (1 Monday … 7 Sunday). */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay()
  return d === 0 ? 7 : d
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** The spans the line is open on a date: a dated exception replaces the weekday's hours. */
export function spansOn(hours: OpeningHours, date: string): Span[] {
  const exception = hours.exceptions.find((e) => e.date === date)
  const spans = exception ? exception.spans : (hours.weekly.find((d) => d.weekday === weekdayOf(date))?.spans ?? [])
  return [...spans].sort((a, b) => a.opens.localeCompare(b.opens))
}

/** Open from `opens` included to `closes` excluded. */
export function isOpenAt(hours: OpeningHours, at: LocalMoment): boolean {
  return spansOn(hours, at.date).some((s) => s.opens <= at.time && at.time < s.closes)
}

/** The next moment the line opens after `at` (within a year), or null when it never does. */
export function nextOpening(hours: OpeningHours, at: LocalMoment): { date: string; time: string } | null {
  for (let i = 0; i <= 366; i++) {
    const date = addDays(at.date, i)
    const span = spansOn(hours, date).find((s) => i > 0 || s.opens > at.time)
    if (span) return { date, time: span.opens }
  }
  return null
}

/** Which halves of a day its spans open: the morning before 13:00, the afternoon from 13:00. */
export function openHalves(spans: Span[]): Record<Half, boolean> {
  return { am: spans.some((s) => s.opens < AFTERNOON_FROM), pm: spans.some((s) => s.closes > AFTERNOON_FROM) }
}

export function halfOf(time: string): Half {
  return time < AFTERNOON_FROM ? 'am' : 'pm'
}
