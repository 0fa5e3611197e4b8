/**
 * GDPR art. 12(3): an answer "within one month of receipt", extendable "by two further months".
 * A month is counted to the same day of the next month; when that month is shorter, to its last
 * day (received on 31 January → due 28 or 29 February), the reading the EDPB's guidelines on the
 * right of access (01/2022, §160) give. Plain calendar days: no time zone plays a part here.
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(y, m - 1 + months, 1))
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d, last))
  return target.toISOString().slice(0, 10)
}

export const dueOn = (receivedOn: string) => addMonths(receivedOn, 1)
/** The furthest an extension may go: two further months after the first deadline. */
export const latestExtension = (receivedOn: string) => addMonths(receivedOn, 3)

const DAY = 86_400_000
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`)
/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((utc(to) - utc(from)) / DAY)
export const addDays = (day: string, days: number) => new Date(utc(day) + days * DAY).toISOString().slice(0, 10)
