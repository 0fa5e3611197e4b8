import { DUTY_TIME_ZONE } from '../../../common/contracts/duty.contracts'

const format = new Intl.DateTimeFormat('en-CA', { timeZone: DUTY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today's date in Brussels (YYYY-MM-DD): a consent that expires on a day holds until that day's end there. */
export function brusselsToday(now = new Date()): string {
  return format.format(now)
}
