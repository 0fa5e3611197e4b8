import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import { api } from '../../api/client'
import type * as Sessions from '../../../../common/contracts/case-sessions.contracts'

export type CalendarEntry = z.infer<typeof Sessions.CalendarEntry>

/** Whose week: mine, or (a lead's) my team's, of one worker or all. */
export type CalendarView = { scope: 'mine' } | { scope: 'team'; workerId: string | null }

/** My sessions (or my team's) between two instants; the previous week stays on screen while the next one loads. */
export function useCalendar(from: Date, to: Date, view: CalendarView = { scope: 'mine' }) {
  const range = { from: from.toISOString(), to: to.toISOString() }
  const query = view.scope === 'team' ? { ...range, scope: 'team' as const, ...(view.workerId ? { workerId: view.workerId } : {}) } : range
  return useQuery({
    queryKey: ['calendar', range.from, range.to, view],
    queryFn: ({ signal }) => api.get('/api/calendar', { query, signal }),
    placeholderData: keepPreviousData,
  })
}

/** The members of the teams I lead, for the team view's worker filter (each once, by name). */
export function useTeamWorkers(teamIds: string[]) {
  const results = useQueries({
    queries: teamIds.map((id) => ({
      queryKey: ['teams', id, 'members'],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get('/api/teams/{id}/members', { path: { id }, signal }),
    })),
  })
  const byId = new Map<string, string>()
  for (const r of results) for (const m of r.data?.items ?? []) byId.set(m.id, m.displayName)
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name))
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
