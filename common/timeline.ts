import { TIMELINE_EVENT_TYPES } from './vocabulary'

/**
 * A case's history mixes the lines written on its timeline (`accompaniment_events`) with events
 * read from the case's own tables when the history is asked for (a session recorded, a task
 * created or done, a plan version saved…): those tables already say who did what and when, so
 * nothing needs to be written twice and nothing done before this history existed is missing.
 * Derived events carry dates, ids and categories only, never a sealed value.
 */
export const DERIVED_EVENT_TYPES = [
  'session_recorded',
  'task_created',
  'task_done',
  'task_cancelled',
  'plan_version',
  'review',
  'assessment',
  'document_added',
  'report_sent',
  'relative_added',
  'relative_ended',
  'referral_expired',
] as const
export type DerivedEventType = (typeof DERIVED_EVENT_TYPES)[number]
export type HistoryEventType = (typeof TIMELINE_EVENT_TYPES)[number] | DerivedEventType

/** The filters of the case's history: every event belongs to exactly one kind. */
export const TIMELINE_KINDS = [
  'status',
  'assignment',
  'sessions',
  'tasks',
  'plans',
  'reviews',
  'documents',
  'reports',
  'relatives',
  'grants',
  'other',
] as const
export type TimelineKind = (typeof TIMELINE_KINDS)[number]

const KIND_OF: Record<HistoryEventType, TimelineKind> = {
  created: 'status',
  suspend: 'status',
  resume: 'status',
  request_closure: 'status',
  approve_closure: 'status',
  refuse_closure: 'status',
  reopen: 'status',
  assigned: 'assignment',
  break_glass: 'grants',
  details_changed: 'other',
  contact_linked: 'other',
  consent_recorded: 'other',
  consent_withdrawn: 'other',
  referral: 'other',
  session_recorded: 'sessions',
  task_created: 'tasks',
  task_done: 'tasks',
  task_cancelled: 'tasks',
  plan_version: 'plans',
  review: 'reviews',
  assessment: 'reviews',
  document_added: 'documents',
  document_removed: 'documents',
  report_sent: 'reports',
  relative_added: 'relatives',
  relative_ended: 'relatives',
  referral_expired: 'other',
}

/** The kind of an event; a type this version does not know (written by a later one) is `other`. */
export function kindOf(type: string): TimelineKind {
  return (KIND_OF as Record<string, TimelineKind | undefined>)[type] ?? 'other'
}

/** The event types of the given kinds. */
export function typesOf(kinds: readonly TimelineKind[]): HistoryEventType[] {
  return (Object.keys(KIND_OF) as HistoryEventType[]).filter((t) => kinds.includes(KIND_OF[t]))
}
