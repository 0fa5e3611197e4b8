/**
 * "Today" for the service: the calendar day on the wall clocks of the office (Europe/Brussels
 * unless PARCOURS_TIME_ZONE says otherwise), not in UTC. Overdue tasks, reminders and My day
 * change at local midnight: a task due on the 1st is late from 00:00 on the 2nd in Brussels,
 * which is 23:00 (winter) or 22:00 (summer) UTC on the 1st. Summer and winter time come from the
 * time-zone database.
 */

export const DEFAULT_TIME_ZONE = 'Europe/Brussels'

/** A time-zone name Intl knows ("Europe/Brussels"); Intl throws a RangeError on any other. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name })
    return true
  } catch {
    return false
  }
}

let zone = DEFAULT_TIME_ZONE

/** Set once at start-up from the configuration (config.timeZone). */
export function configureServiceTimeZone(name: string): void {
  if (!isTimeZone(name)) throw new RangeError(`unknown time zone: ${name}`)
  zone = name
}

export function serviceTimeZone(): string {
  return zone
}

const formats = new Map<string, Intl.DateTimeFormat>()
function partsIn(timeZone: string, at: Date): Record<string, number> {
  let f = formats.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
    formats.set(timeZone, f)
  }
  return Object.fromEntries(f.formatToParts(at).map((p) => [p.type, Number(p.value)]))
}

const pad = (n: number) => String(n).padStart(2, '0')

/** The service's date (YYYY-MM-DD) at an instant: `now` as a Date or an ISO string (ctx.now()). */
export function serviceToday(now: Date | string = new Date(), timeZone = zone): string {
  const p = partsIn(timeZone, typeof now === 'string' ? new Date(now) : now)
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)}`
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(timeZone: string, ms: number): number {
  const p = partsIn(timeZone, new Date(ms))
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000
}

/** The instant (ISO, UTC) the local day `date` starts: its midnight on the service's clocks. */
export function serviceDayStart(date: string, timeZone = zone): string {
  return serviceWallTime(date, '00:00', timeZone)
}

/**
 * The instant (ISO, UTC) the service's clocks read `time` (HH:MM) on `date`: "10:00 on the 3rd"
 * is 09:00Z in winter and 08:00Z in summer. Only the hour between 02:00 and 03:00 on the two
 * nights the clocks change is ambiguous or missing; no office books it, and no caller relies on
 * which of its readings comes back.
 */
export function serviceWallTime(date: string, time: string, timeZone = zone): string {
  const [y = NaN, m = NaN, d = NaN] = date.split('-').map(Number)
  const [hh = NaN, mm = NaN] = time.split(':').map(Number)
  const wall = Date.UTC(y, m - 1, d, hh, mm)
  // The offset at the guessed instant can differ from the one at midnight when the clocks change
  // in between: the second pass takes the offset that holds at the instant found.
  const first = wall - offsetAt(timeZone, wall)
  const instant = wall - offsetAt(timeZone, first)
  return new Date(instant).toISOString()
}

/** The local day `date` as instants: from its midnight included to the next midnight excluded. */
export function serviceDayBounds(date: string, timeZone = zone): { from: string; to: string } {
  const next = new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
  return { from: serviceDayStart(date, timeZone), to: serviceDayStart(next, timeZone) }
}

/**
 * `serviceToday` for many instants (a study's 100,000 cases): the zone's offset looked up once per
 * UTC day, since it is the same all that day unless the clocks change on it (then each instant is
 * asked as `serviceToday` does). Intl's formatting, per instant, was most of an extract's time.
 */
export function serviceDays(timeZone = zone): (at: string) => string {
  const offsets = new Map<string, number | null>()
  return (at) => {
    const utcDay = at.slice(0, 10)
    let offset = offsets.get(utcDay)
    if (offset === undefined) {
      const first = offsetAt(timeZone, Date.parse(`${utcDay}T00:00:00.000Z`))
      const last = offsetAt(timeZone, Date.parse(`${utcDay}T23:59:59.000Z`))
      offset = first === last ? first : null
      offsets.set(utcDay, offset)
    }
    const ms = Date.parse(at)
    if (offset === null || !Number.isFinite(ms)) return serviceToday(at, timeZone)
    return new Date(ms + offset).toISOString().slice(0, 10)
  }
}
