import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import { api } from '../../api/client'
import type * as Sessions from '../../../../common/contracts/case-sessions.contracts'

export type CalendarEntry = z.infer<typeof Sessions.CalendarEntry>

/** My sessions between two instants; the previous week stays on screen while the next one loads. */
export function useCalendar(from: Date, to: Date) {
  const range = { from: from.toISOString(), to: to.toISOString() }
  return useQuery({
    queryKey: ['calendar', range.from, range.to],
    queryFn: ({ signal }) => api.get('/api/calendar', { query: range, signal }),
    placeholderData: keepPreviousData,
  })
}

/** Local midnight of the Monday of the week holding `day` (weeks start on Monday in Belgium). */
export function mondayOf(day: Date): Date {
  const d = new Date(day.getFullYear(), day.getMonth(), day.getDate())
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7))
  return d
}

export function addDays(day: Date, n: number): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + n)
}

/** `YYYY-MM-DD` of a local date: the key sessions are grouped by, and what `useFormat().date` reads. */
export function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
