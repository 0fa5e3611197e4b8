import { z } from 'zod'
import { TIMELINE_KINDS } from '../timeline'
import { ClientNames } from './names.contracts'
import { TIMELINE_EVENT_TYPES } from '../vocabulary'

export const ACCOMPANIMENT_KINDS = ['concerned', 'relative', 'professional'] as const
export const CONCERNED_STATUSES = ['known', 'unknown', 'anonymous'] as const
export const RELATIONSHIPS = [
  'parent',
  'partner',
  'sibling',
  'child',
  'other_family',
  'friend',
  'teacher',
  'youth_worker',
  'social_worker',
  'police',
  'prison_staff',
  'health_professional',
  'other_professional',
] as const
export const STATUSES = ['intake', 'active', 'suspended', 'closing', 'closed'] as const
export const FRAMEWORKS = ['voluntary', 'judicial'] as const
export const MEASURES = ['probation_condition', 'conditional_release', 'electronic_monitoring', 'youth_protection', 'other'] as const
export const AUTHORITY_KINDS = ['justice_house', 'judge', 'youth_court', 'other'] as const
export const OUTCOMES = ['goals_reached', 'person_withdrew', 'moved_away', 'mandate_ended', 'referred_elsewhere', 'other'] as const
export type AccompanimentStatus = (typeof STATUSES)[number]
export type ClosureOutcome = (typeof OUTCOMES)[number]
/** A case's primary worker, and its co-workers. */
export const WORKER_ROLES = ['primary', 'co'] as const
export { TIMELINE_EVENT_TYPES }
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number]

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))

export const Framework = z
  .object({
    framework: z.enum(FRAMEWORKS),
    measure: z.enum(MEASURES).nullable().default(null),
    authorityKind: z.enum(AUTHORITY_KINDS).nullable().default(null),
    /** The mandating authority: justice house and probation officer, judge, youth court. */
    authority: optionalText(300),
    conditions: optionalText(4000),
    reporting: optionalText(2000),
    mandateStart: z.iso.date().nullable().default(null),
    mandateEnd: z.iso.date().nullable().default(null),
    /** How often the authority expects a report; with the last report sent, when the next is due. */
    reportEveryMonths: z.number().int().min(1).max(24).nullable().default(null),
  })
  .refine((f) => f.framework === 'voluntary' || f.measure !== null, { path: ['measure'], message: 'required_for_judicial' })
  .refine((f) => !(f.mandateStart && f.mandateEnd && f.mandateEnd < f.mandateStart), { path: ['mandateEnd'], message: 'before_start' })

export const CreateAccompaniment = z
  .object({
    kind: z.enum(ACCOMPANIMENT_KINDS),
    personId: z.uuid(),
    concernedPersonId: z.uuid().nullable().default(null),
    concernedStatus: z.enum(CONCERNED_STATUSES).default('known'),
    relationship: z.enum(RELATIONSHIPS).nullable().default(null),
    teamId: z.uuid(),
    primaryWorkerId: z.uuid().nullable().default(null),
    summary: optionalText(4000),
    framework: Framework.default({
      framework: 'voluntary',
      measure: null,
      authorityKind: null,
      authority: null,
      conditions: null,
      reporting: null,
      mandateStart: null,
      mandateEnd: null,
      reportEveryMonths: null,
    }),
  })
  .refine((a) => a.kind === 'concerned' || a.relationship !== null, { path: ['relationship'], message: 'required_for_kind' })
  .refine((a) => a.kind !== 'concerned' || a.concernedPersonId === null, {
    path: ['concernedPersonId'],
    message: 'only_for_relative_or_professional',
  })

/** What a case's workers may change after opening it: the situation and the framework. */
export const UpdateAccompaniment = z.object({
  summary: optionalText(4000),
  framework: Framework,
})

export const AccompanimentSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(ACCOMPANIMENT_KINDS),
  status: z.enum(STATUSES),
  framework: z.enum(FRAMEWORKS),
  teamId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  primaryWorkerId: z.uuid().nullable(),
  updatedAt: z.string(),
  /** How the caller sees it: assigned, team lead, or a break-the-glass grant. */
  access: z.enum(['assigned', 'lead', 'emergency']),
  /** When the client was erased (crypto-shredded): the case stays in lists as a counted shell, without a name. */
  erasedAt: z.string().nullable(),
})

export const AccompanimentView = AccompanimentSummary.extend({
  concernedPersonId: z.uuid().nullable(),
  concernedStatus: z.enum(CONCERNED_STATUSES),
  relationship: z.enum(RELATIONSHIPS).nullable(),
  workers: z.array(z.object({ userId: z.uuid(), name: z.string(), role: z.enum(WORKER_ROLES) })),
  summary: z.string().nullable(),
  framework: z.enum(FRAMEWORKS),
  judicial: z.object({
    measure: z.enum(MEASURES).nullable(),
    authorityKind: z.enum(AUTHORITY_KINDS).nullable(),
    authority: z.string().nullable(),
    conditions: z.string().nullable(),
    reporting: z.string().nullable(),
    mandateStart: z.string().nullable(),
    mandateEnd: z.string().nullable(),
    reportEveryMonths: z.number().int().nullable(),
  }),
  closureOutcome: z.enum(OUTCOMES).nullable(),
  closureReason: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  /** Processing restricted (art. 18): only its team's lead still reads it, and nothing changes it. */
  restricted: z.boolean(),
})
export type AccompanimentView = z.infer<typeof AccompanimentView>

export const AccompanimentListQuery = z.object({
  status: z.enum(STATUSES).optional(),
  kind: z.enum(ACCOMPANIMENT_KINDS).optional(),
  framework: z.enum(FRAMEWORKS).optional(),
  /** A case code, typed as leniently as in the person search ("a-7k3m 9qx2"); a pseudonym, never a name. */
  code: z
    .string()
    .trim()
    .max(20)
    .regex(/^A[-\s]?[0-9A-Z]{4}[-\s]?[0-9A-Z]{4}$/i)
    .transform((c) => {
      const raw = c.toUpperCase().replace(/[-\s]/g, '').slice(1)
      const fix = (x: string) => x.replace(/O/g, '0').replace(/[IL]/g, '1')
      return `A-${fix(raw.slice(0, 4))}-${fix(raw.slice(4))}`
    })
    .optional(),
  /** Cases this user works on (primary or co-worker). */
  workerId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export const AccompanimentList = z.object({ items: z.array(AccompanimentSummary), total: z.number().int() })
/**
 * The caseload searched by the client's name as well: a POST body, so that the name never appears
 * in a URL or an access log. The name is matched as the person search matches it (spelling,
 * accents, beginnings from three letters), among the persons the caller may open only.
 */
export const AccompanimentSearchBody = AccompanimentListQuery.extend({ name: z.string().trim().min(1).max(200).optional() })

export const AssignBody = z.object({
  primaryWorkerId: z.uuid(),
  coWorkerIds: z.array(z.uuid()).max(10).default([]),
})

export const StatusBody = z.object({ to: z.enum(['active', 'suspended']), reason: optionalText(2000) })
export const ClosureRequestBody = z.object({ outcome: z.enum(OUTCOMES), reason: z.string().trim().min(1).max(2000) })
/**
 * What becomes of the case's open tasks and planned sessions when the lead approves its closure:
 * cancelled with it, handed over to a worker of the team, or kept as they are, on a closed case
 * (the default, as before this choice existed). Whichever it is, the closure's line on the
 * timeline counts them: nothing of the case disappears silently.
 */
export const FOLLOW_UPS = ['keep', 'cancel', 'hand_over'] as const
export const ClosureDecisionBody = z
  .object({
    approve: z.boolean(),
    note: optionalText(2000),
    openTasks: z.enum(FOLLOW_UPS).default('keep'),
    plannedSessions: z.enum(FOLLOW_UPS).default('keep'),
    handOverTo: z.uuid().nullable().default(null),
  })
  .refine((d) => d.approve || d.note !== null, { path: ['note'], message: 'required_when_refusing' })
  .refine((d) => !(d.openTasks === 'hand_over' || d.plannedSessions === 'hand_over') || d.handOverTo !== null, {
    path: ['handOverTo'],
    message: 'required_for_hand_over',
  })

/** What the lead sees before deciding on a closure: the request, and what is still open on the case. */
export const ClosureContext = z.object({
  status: z.enum(STATUSES),
  outcome: z.enum(OUTCOMES).nullable(),
  reason: z.string().nullable(),
  requestedAt: z.string().nullable(),
  requestedBy: z.object({ userId: z.string(), name: z.string().nullable() }).nullable(),
  lastSession: z.object({ id: z.uuid(), startsAt: z.string(), modality: z.string(), workerName: z.string().nullable() }).nullable(),
  openTasks: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      dueDate: z.string(),
      assigneeId: z.uuid(),
      assigneeName: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  plannedSessions: z.array(
    z.object({ id: z.uuid(), startsAt: z.string(), modality: z.string(), workerId: z.uuid(), workerName: z.string().nullable() }),
  ),
  mandate: z.object({
    framework: z.enum(FRAMEWORKS),
    measure: z.enum(MEASURES).nullable(),
    mandateStart: z.string().nullable(),
    mandateEnd: z.string().nullable(),
    /** The mandate's end date is past: a judicial case may close without waiting for it. */
    ended: z.boolean(),
  }),
  reports: z.object({
    everyMonths: z.number().int().nullable(),
    count: z.number().int(),
    lastSentAt: z.string().nullable(),
    /** When the next report to the authority is due, from the agreed rhythm; null without one. */
    nextDue: z.string().nullable(),
    overdue: z.boolean(),
  }),
  /** Workers of the case's team to whom open tasks and planned sessions may be handed over. */
  handOverTo: z.array(z.object({ userId: z.uuid(), name: z.string() })),
  version: z.number().int(),
})
export type ClosureContext = z.infer<typeof ClosureContext>
export const ReopenBody = z.object({ reason: z.string().trim().min(1).max(2000) })

export const BreakGlassBody = z.object({ reason: z.string().trim().min(15).max(1000) })
export const GrantView = z.object({
  id: z.uuid(),
  accompanimentId: z.uuid(),
  accompanimentCode: z.string(),
  userId: z.uuid(),
  userName: z.string(),
  reason: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  active: z.boolean(),
})
export const GrantList = z.object({ items: z.array(GrantView) })

export const TimelineEvent = z.object({
  /** A line's id, or `<kind>:<row id>` for an event read from the case's tables. */
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  type: z.string(),
  /** The filter this event belongs to (status, assignment, sessions, tasks…). */
  kind: z.enum(TIMELINE_KINDS),
  data: z.record(z.string(), z.unknown()).nullable(),
  note: z.string().nullable(),
})
export const Timeline = z.object({ items: z.array(TimelineEvent) })
/** `kinds=status,tasks`: only events of these kinds (all when absent). */
export const TimelineQuery = z.object({
  kinds: z
    .string()
    .max(200)
    .transform((s, c) => {
      const kinds = s
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean)
      for (const k of kinds) {
        if (!(TIMELINE_KINDS as readonly string[]).includes(k)) {
          c.addIssue({ code: 'custom', message: 'unknown_kind' })
          return z.NEVER
        }
      }
      return kinds as (typeof TIMELINE_KINDS)[number][]
    })
    .optional(),
})

const Count = z.object({ key: z.string(), count: z.number().int() })
/** The team lead's view of a team's caseload. */
export const Dashboard = z.object({
  teamId: z.uuid(),
  open: z.number().int(),
  byStatus: z.array(Count),
  byKind: z.array(Count),
  byFramework: z.array(Count),
  byWorker: z.array(z.object({ userId: z.uuid().nullable(), name: z.string().nullable(), count: z.number().int() })),
  /** `version` lets the lead decide a closure from the dashboard with If-Match. */
  awaitingClosure: z.array(
    z.object({ id: z.uuid(), code: z.string(), outcome: z.string().nullable(), updatedAt: z.string(), version: z.number().int() }),
  ),
  unassigned: z.number().int(),
  unassignedCases: z.array(z.object({ id: z.uuid(), code: z.string(), createdAt: z.string() })),
  mandatesEndingSoon: z.number().int(),
  mandatesEnding: z.array(z.object({ id: z.uuid(), code: z.string(), mandateEnd: z.string() })),
  /** Open tasks past their due date on the team's open cases: codes and dates only, never the (sealed) title. */
  overdueTasks: z.object({
    total: z.number().int(),
    byWorker: z.array(z.object({ userId: z.uuid(), name: z.string().nullable(), count: z.number().int() })),
    items: z.array(
      z.object({
        id: z.uuid(),
        accompanimentId: z.uuid(),
        accompanimentCode: z.string(),
        dueDate: z.string(),
        assigneeId: z.uuid(),
        assigneeName: z.string().nullable(),
      }),
    ),
  }),
  /** The client of every case listed above, by case id (issue 12). */
  clients: ClientNames,
})
export type Dashboard = z.infer<typeof Dashboard>
export const DashboardQuery = z.object({ teamId: z.uuid() })

/** What a document is, from a fixed list (the web translates `documents.category.<value>`). */
export const DOCUMENT_CATEGORIES = ['identity', 'judicial', 'report', 'correspondence', 'consent', 'other'] as const
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number]
export const DocumentView = z.object({
  id: z.uuid(),
  accompanimentId: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  category: z.enum(DOCUMENT_CATEGORIES),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  version: z.number().int(),
})
/** At upload, the category travels in the query string (the body is the file); "other" if absent. */
export const DocumentUploadQuery = z.object({ category: z.enum(DOCUMENT_CATEGORIES).default('other') })
export const DocumentCategoryBody = z.object({ category: z.enum(DOCUMENT_CATEGORIES) })
export const DocumentList = z.object({ items: z.array(DocumentView) })
export const DocumentParams = z.object({ id: z.uuid(), documentId: z.uuid() })

/** One case on a person's page: what tells it apart and who works on it, never its content. */
export const PersonCase = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(ACCOMPANIMENT_KINDS),
  status: z.enum(STATUSES),
  framework: z.enum(FRAMEWORKS),
  /** The person is the case's client, or the person concerned by a relative's or professional's case. */
  role: z.enum(['client', 'concerned']),
  workers: z.array(z.object({ userId: z.uuid(), name: z.string(), role: z.enum(WORKER_ROLES) })),
  openedAt: z.string(),
  updatedAt: z.string(),
  access: z.enum(['assigned', 'lead', 'emergency']),
})
/** The cases of a person the caller may see, and only whether others exist (no count, no detail). */
export const PersonCaseList = z.object({ items: z.array(PersonCase), othersExist: z.boolean() })
