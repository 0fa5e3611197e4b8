import { serviceToday } from '../../time/service-day'

/**
 * Today's date for the service (YYYY-MM-DD, in its time zone, Brussels by default): a consent that
 * expires on a day holds until that day's end there. One helper for every "today": see
 * server/time/service-day.ts.
 */
export function brusselsToday(now = new Date()): string {
  return serviceToday(now)
}
