import { z } from 'zod'
import { CreateAccompaniment } from './accompaniments.contracts'
import { Answers } from './instruments.contracts'
import { Instant } from './shared.contracts'

export const CONTACT_CHANNELS = ['phone', 'email', 'walk_in', 'web_form', 'letter', 'other'] as const
export const CONTACT_DIRECTIONS = ['incoming', 'outgoing'] as const
/**
 * `undisclosed`: the caller left a way to reach them but did not say who they are (a web request
 * of "prefer not to say"); `anonymous`: no identity at all.
 */
export const CALLER_KINDS = ['relative', 'professional', 'person_concerned', 'undisclosed', 'anonymous'] as const
export const CALLER_SECTORS = [
  'school',
  'youth_service',
  'police',
  'prison_justice',
  'health',
  'social',
  'municipality',
  'religious_community',
  'other',
] as const
/** What the exchange led to; null on a contact means no decision yet (it waits in the intake queue). */
export const ORIENTATIONS = ['none', 'information_only', 'advice_case', 'accompaniment', 'referred'] as const
/** Set by hand for now; the triage grid will set it (seam: duty module). Ordered most urgent first. */
export const URGENCIES = ['immediate', '48h', 'week', 'none'] as const
export const CONTACT_STATUSES = ['draft', 'final'] as const
export type ContactChannel = (typeof CONTACT_CHANNELS)[number]
export type Urgency = (typeof URGENCIES)[number]

const text = (max: number) => z.string().trim().max(max)
const optionalText = (max: number) =>
  text(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))

/**
 * Who called and how to reach them, kept only when they agree (sealed; phone and e-mail are also
 * blind-indexed so that a repeat caller is recognised without reading anyone's identity).
 */
export const CallerIdentity = z.object({
  name: optionalText(200),
  phone: optionalText(40),
  email: optionalText(254),
  /** How and when they may be reached ("evenings, not on the landline"). */
  reach: optionalText(500),
})
export type CallerIdentity = z.output<typeof CallerIdentity>
/** The identity as stored and shown (no trimming on the way out). */
export const CallerView = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  reach: z.string().nullable(),
})

export const ThemeCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/)

export const ContactInput = z
  .object({
    channel: z.enum(CONTACT_CHANNELS),
    direction: z.enum(CONTACT_DIRECTIONS).default('incoming'),
    occurredAt: Instant,
    durationMinutes: z.number().int().min(0).max(1440).nullable().default(null),
    callerKind: z.enum(CALLER_KINDS),
    callerSector: z.enum(CALLER_SECTORS).nullable().default(null),
    /** Null unless the caller agreed that their identity be kept. */
    caller: CallerIdentity.nullable().default(null),
    /** The person the contact is about, when known and linked (POST /link does it on a final contact). */
    personId: z.uuid().nullable().default(null),
    /** The person concerned in the caller's words, when not identified. */
    personDescription: optionalText(2000),
    themes: z.array(ThemeCode).max(20).default([]),
    summary: optionalText(8000),
    orientation: z.enum(ORIENTATIONS).nullable().default(null),
    referredTo: optionalText(500),
    urgency: z.enum(URGENCIES).default('none'),
    /** The earlier contact this outgoing one answers (a call-back); finalising this one marks that one called back. */
    answersContactId: z.uuid().nullable().optional(),
  })
  .refine((c) => !c.answersContactId || c.direction === 'outgoing', { path: ['answersContactId'], message: 'only_outgoing' })
  .refine((c) => c.callerKind === 'professional' || c.callerSector === null, {
    path: ['callerSector'],
    message: 'only_for_professional',
  })
  .refine((c) => c.callerKind !== 'professional' || c.callerSector !== null, {
    path: ['callerSector'],
    message: 'required_for_professional',
  })
  .refine((c) => c.callerKind !== 'anonymous' || c.caller === null, { path: ['caller'], message: 'not_for_anonymous' })
  .refine((c) => c.orientation === 'referred' || c.referredTo === null, { path: ['referredTo'], message: 'only_when_referred' })
  .refine((c) => c.orientation !== 'referred' || c.referredTo !== null, { path: ['referredTo'], message: 'required_when_referred' })
  .refine((c) => new Set(c.themes).size === c.themes.length, { path: ['themes'], message: 'duplicate' })
export type ContactInput = z.output<typeof ContactInput>

export const ContactView = z.object({
  id: z.uuid(),
  status: z.enum(CONTACT_STATUSES),
  channel: z.enum(CONTACT_CHANNELS),
  direction: z.enum(CONTACT_DIRECTIONS),
  occurredAt: z.string(),
  durationMinutes: z.number().int().nullable(),
  callerKind: z.enum(CALLER_KINDS),
  callerSector: z.enum(CALLER_SECTORS).nullable(),
  caller: CallerView.nullable(),
  personId: z.uuid().nullable(),
  personDescription: z.string().nullable(),
  themes: z.array(z.string()),
  summary: z.string().nullable(),
  orientation: z.enum(ORIENTATIONS).nullable(),
  referredTo: z.string().nullable(),
  urgency: z.enum(URGENCIES),
  callbackOn: z.string().nullable(),
  callbackAssigneeId: z.uuid().nullable(),
  accompanimentId: z.uuid().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finalisedAt: z.string().nullable(),
  /** When a triage found immediate danger, and when a lead acknowledged it (null: not yet). */
  dangerAt: z.string().nullable(),
  dangerAcknowledgedAt: z.string().nullable(),
  version: z.number().int(),
  /** The earlier contact this one answers, when it is a call-back. */
  answersContactId: z.uuid().nullable(),
  /** When a finalised call-back answered this contact, and which contact it was (null when the viewer may not see it). */
  calledBackAt: z.string().nullable(),
  calledBackBy: z.uuid().nullable(),
})
export type ContactView = z.infer<typeof ContactView>

/** A line of a list or of the queue: what the exchange was, and the caller's name when it was kept. */
export const ContactSummary = ContactView.pick({
  id: true,
  status: true,
  channel: true,
  direction: true,
  occurredAt: true,
  callerKind: true,
  callerSector: true,
  personId: true,
  themes: true,
  orientation: true,
  urgency: true,
  callbackOn: true,
  callbackAssigneeId: true,
  accompanimentId: true,
  dangerAt: true,
  dangerAcknowledgedAt: true,
  version: true,
}).extend({ callerName: z.string().nullable() })
export type ContactSummary = z.infer<typeof ContactSummary>

export const ContactListQuery = z
  .object({
    status: z.enum(CONTACT_STATUSES).optional(),
    channel: z.enum(CONTACT_CHANNELS).optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'before_from' })
/** The list counts matching contacts up to this many: counting every match of a five-year line would read them all. */
export const CONTACT_COUNT_CAP = 1000
/** `total` is at most CONTACT_COUNT_CAP; `capped`: more contacts than that match (say "more than 1,000"). */
export const ContactList = z.object({ items: z.array(ContactSummary), total: z.number().int(), capped: z.boolean() })
export const ContactQueue = z.object({ items: z.array(ContactSummary) })
/**
 * The contact point on My day, for the person on duty now only: contacts in immediate danger not
 * yet acknowledged by a lead, and call-backs due by `today` (the Brussels date) not yet made.
 */
export const MyDayContacts = z.object({
  today: z.string(),
  danger: z.array(ContactSummary),
  callbacks: z.array(ContactSummary),
})

export const ContactHistoryEntry = z.object({
  at: z.string(),
  actorName: z.string().nullable(),
  /** What the change was: an edit, the finalising, a link to a person or case, a call-back set. */
  kind: z.enum(['updated', 'finalised', 'linked', 'callback', 'triage', 'danger_acknowledged', 'information_given', 'called_back']),
  changes: z.array(z.object({ field: z.string(), old: z.unknown(), new: z.unknown() })),
  version: z.number().int(),
})
export const ContactHistory = z.object({ items: z.array(ContactHistoryEntry) })

export const RepeatCallerQuery = z
  .object({ phone: optionalText(40), email: optionalText(254) })
  .refine((q) => q.phone !== null || q.email !== null, { path: ['phone'], message: 'phone_or_email_required' })
/**
 * Earlier contacts from the same phone or e-mail, found by blind index only. Those the caller may
 * not read are counted and dated, never identified (no id, no name).
 */
export const RepeatCallerResult = z.object({
  count: z.number().int(),
  items: z.array(
    z.object({
      id: z.uuid().nullable(),
      occurredAt: z.string(),
      channel: z.enum(CONTACT_CHANNELS),
      callerKind: z.enum(CALLER_KINDS),
      matchedBy: z.enum(['phone', 'email']),
      callerName: z.string().nullable(),
      readable: z.boolean(),
    }),
  ),
})

export const LinkContact = z
  .object({
    personId: z.uuid().nullable().default(null),
    /** An existing case the caller may change. */
    accompanimentId: z.uuid().nullable().default(null),
    /** Or a new case (an accompaniment or an advice case), opened by the accompaniments command. */
    newCase: CreateAccompaniment.nullable().default(null),
  })
  .refine((l) => !(l.accompanimentId && l.newCase), { path: ['newCase'], message: 'one_case_only' })
  .refine((l) => l.personId || l.accompanimentId || l.newCase, { path: ['personId'], message: 'nothing_to_link' })

export const CallbackInput = z.object({
  /** Null clears the call-back (done, or no longer needed). */
  dueDate: z.iso.date().nullable(),
  /** Defaults to the caller; otherwise an active intake, worker or lead. */
  assigneeId: z.uuid().nullable().default(null),
})
export const CallbackResult = z.object({ contact: ContactView, taskId: z.uuid().nullable() })

const Labels = z.object({ fr: text(120).min(1), nl: text(120).min(1), de: text(120).min(1), en: text(120).min(1) })
export const ThemeInput = z.object({
  code: ThemeCode,
  labels: Labels,
  active: z.boolean().default(true),
  position: z.number().int().min(0).max(999),
})
export const ThemeUpdate = ThemeInput.omit({ code: true })
export const ThemeParams = z.object({ code: ThemeCode })
export const ThemeView = z.object({
  code: z.string(),
  labels: Labels,
  active: z.boolean(),
  position: z.number().int(),
  version: z.number().int(),
})
export const ThemeList = z.object({ items: z.array(ThemeView) })

/** The triage grid filled on a contact: answers for the grid's latest version (named `answers.<item>.<field>`). */
export const ContactTriageInput = z.object({ answers: Answers })
/** A filling of the grid on a contact, with its outcome (the grid's own urgency words). */
export const ContactTriage = z.object({
  id: z.uuid(),
  instrumentVersionId: z.uuid(),
  answers: Answers,
  urgency: z.enum(['none', 'within_week', 'within_48h', 'immediate']),
  immediateDanger: z.boolean(),
  reasons: z.array(z.string()),
  recordedAt: z.string(),
})
export const ContactTriageState = z.object({ triage: ContactTriage.nullable() })
/** After a filling: the contact as it now is, the filling, and who was given the call-back when in danger. */
export const ContactTriageResult = z.object({ contact: ContactView, triage: ContactTriage, dutyUserId: z.uuid().nullable() })
