/**
 * Today in the service's calendar (Brussels), as the server counts days (`server/time/service-day.ts`):
 * a period "to today" must end where the server's day ends, whatever zone the browser is set to
 * (between midnight in Brussels and midnight UTC, a UTC browser's date is still yesterday's).
 */
export function serviceToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}
