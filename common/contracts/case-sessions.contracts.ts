import { z } from 'zod'
import { ClientNames } from './names.contracts'
import { Instant } from './shared.contracts'

export const SESSION_STATUSES = ['planned', 'held', 'cancelled', 'missed'] as const
export const MODALITIES = ['office', 'phone', 'video', 'home_visit', 'prison', 'outreach'] as const
export const PARTICIPANTS = ['client', 'relative', 'partner_professional', 'co_worker'] as const
/** For judicial cases: what the report to the mandating authority may say. */
export const ATTENDANCE = ['present', 'late', 'excused_absence', 'unexcused_absence'] as const

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))

export const CaseSessionInput = z.object({
  status: z.enum(SESSION_STATUSES).default('planned'),
  startsAt: Instant,
  durationMinutes: z.number().int().min(5).max(600).default(60),
  modality: z.enum(MODALITIES),
  place: optionalText(300),
  participants: z.array(z.enum(PARTICIPANTS)).max(4).default(['client']),
  attendance: z.enum(ATTENDANCE).nullable().default(null),
  notes: optionalText(50_000),
})

export const CaseSessionView = z.object({
  id: z.uuid(),
  accompanimentId: z.uuid(),
  status: z.enum(SESSION_STATUSES),
  startsAt: z.string(),
  durationMinutes: z.number().int(),
  modality: z.enum(MODALITIES),
  place: z.string().nullable(),
  participants: z.array(z.enum(PARTICIPANTS)),
  attendance: z.enum(ATTENDANCE).nullable(),
  notes: z.string().nullable(),
  workerId: z.uuid(),
  workerName: z.string(),
  version: z.number().int(),
})
export type CaseSessionView = z.infer<typeof CaseSessionView>
export const CaseSessionList = z.object({ items: z.array(CaseSessionView) })
export const SessionParams = z.object({ id: z.uuid(), sessionId: z.uuid() })
/** Whose sessions the calendar shows: mine, or (a lead's) those of every worker on my teams' cases. */
export const CALENDAR_SCOPES = ['mine', 'team'] as const
/**
 * A worker's calendar: sessions of the cases they work on, between two instants. A lead may ask
 * for `scope=team`, narrowed to one worker with `workerId` (issue 12); a worker filter means
 * nothing on one's own calendar, so it is refused there rather than silently ignored.
 */
export const CalendarQuery = z
  .object({ from: Instant, to: Instant, scope: z.enum(CALENDAR_SCOPES).default('mine'), workerId: z.uuid().optional() })
  .refine((q) => q.workerId === undefined || q.scope === 'team', { path: ['workerId'], message: 'team_scope_only' })
export const CalendarEntry = CaseSessionView.omit({ notes: true, place: true }).extend({ accompanimentCode: z.string() })
/** `clients`: the client of each session's case, by case id (issue 12). */
export const Calendar = z.object({ items: z.array(CalendarEntry), clients: ClientNames })

/** A case one may plan a session on from the calendar: open, and worked on by the caller (issue 12). */
export const PlannableCase = z.object({ id: z.uuid(), code: z.string() })
/** `clients`: each case's client, by case id, shown (or masked) as elsewhere on the calendar. */
export const PlannableCases = z.object({ items: z.array(PlannableCase), clients: ClientNames })
