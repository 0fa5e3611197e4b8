import { z } from 'zod'
import { MyDayContacts } from './contacts.contracts'
import { ClientNames } from './names.contracts'

/** `cancelled`: closed with its case by the lead's decision (issue 12), recorded on the timeline. */
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

export const TaskInput = z.object({
  title: z.string().trim().min(1).max(300),
  dueDate: z.iso.date(),
  /** A time of day ("14:30", 24 h, the service's local time); null: any time that day. */
  dueTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time')
    .nullable()
    .default(null),
  /** Defaults to the caller; otherwise one of the case's workers or its lead. */
  assigneeId: z.uuid().nullable().default(null),
})
/** A task changed: all of it, from the version the caller saw; reassigned only to one of the case's workers. */
export const TaskUpdate = z.object({
  title: z.string().trim().min(1).max(300),
  dueDate: z.iso.date(),
  dueTime: TaskInput.shape.dueTime,
  assigneeId: z.uuid(),
})
export const TaskStatusBody = z.object({ status: z.enum(['open', 'done']) })
export const TaskParams = z.object({ id: z.uuid(), taskId: z.uuid() })

export const TaskView = z.object({
  id: z.uuid(),
  accompanimentId: z.uuid(),
  accompanimentCode: z.string(),
  title: z.string(),
  dueDate: z.string(),
  dueTime: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  assigneeId: z.uuid(),
  overdue: z.boolean(),
  version: z.number().int(),
})
export type TaskView = z.infer<typeof TaskView>
export const TaskList = z.object({ items: z.array(TaskView) })

/**
 * Derived, not stored, so never stale: a judicial mandate ending soon, a report to the authority
 * due (from the agreed rhythm and the last report sent), a progress review due (from the service's
 * rhythm and the last review). A date in the past means it is late.
 */
export const REMINDER_TYPES = ['mandate_end', 'report_due', 'review_due'] as const
export const Reminder = z.object({
  type: z.enum(REMINDER_TYPES),
  accompanimentId: z.uuid(),
  accompanimentCode: z.string(),
  date: z.string(),
})
/** A partner organisation whose charter is to be renewed within 30 days, or overdue (lead and admin). */
export const CharterRenewal = z.object({
  organisationId: z.uuid(),
  name: z.string(),
  renewOn: z.string(),
  overdue: z.boolean(),
})
export const MyDay = z.object({
  date: z.string(),
  sessionsToday: z.array(
    z.object({
      id: z.uuid(),
      accompanimentId: z.uuid(),
      accompanimentCode: z.string(),
      startsAt: z.string(),
      durationMinutes: z.number().int(),
      modality: z.string(),
      status: z.string(),
    }),
  ),
  overdueTasks: z.array(TaskView),
  dueThisWeek: z.array(TaskView),
  reminders: z.array(Reminder),
  charterRenewals: z.array(CharterRenewal).optional(),
  contactPoint: MyDayContacts.optional(),
  /** Cases assigned to me that I have not opened yet ("new case for you"), oldest first. */
  newCases: z.array(z.object({ accompanimentId: z.uuid(), accompanimentCode: z.string(), status: z.string() })),
  /** The client of every case above, by case id. */
  clients: ClientNames,
})
