import { z } from 'zod'
import { Answers, Labels } from './instruments.contracts'
import { SEVERITY_DIMENSIONS, SEVERITY_LEVELS, URGENCIES } from '../triage'

/**
 * The contact point's line: its opening hours (per weekday, with dated exceptions), the on-duty
 * rota (who answers which half-day) and the emergency path (ordered steps in four languages).
 * None of it is about a person concerned: it is the service's own configuration.
 */
export const DUTY_TIME_ZONE = 'Europe/Brussels'

/** ISO weekdays: 1 is Monday, 7 is Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
export const HALVES = ['am', 'pm'] as const
export type Half = (typeof HALVES)[number]
/** The afternoon starts at 13:00 local time: a slot covers its half of the opening hours. */
export const AFTERNOON_FROM = '13:00'

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time')
const IsoDate = z.iso.date()

/** One opening span of a day; a day may have two (a lunch break). */
export const Span = z
  .object({ opens: Clock, closes: Clock })
  .refine((s) => s.opens < s.closes, { path: ['closes'], message: 'not_after_opens' })
export type Span = z.infer<typeof Span>

export const WeekdayHours = z.object({ weekday: z.number().int().min(1).max(7), spans: z.array(Span).max(3) })
/** A dated exception: closed all day (no spans), or open on other hours. */
export const HoursException = z.object({
  date: IsoDate,
  spans: z.array(Span).max(3),
  note: z.string().trim().max(200).optional(),
})
export type HoursException = z.infer<typeof HoursException>

const HoursShape = z.object({
  weekly: z.array(WeekdayHours).max(7),
  exceptions: z.array(HoursException).max(400),
})
export const OpeningHours = HoursShape.superRefine((h, ctx) => {
  const seen = new Set<number>()
  h.weekly.forEach((d, i) => {
    if (seen.has(d.weekday)) ctx.addIssue({ code: 'custom', path: ['weekly', i, 'weekday'], message: 'duplicate_weekday' })
    seen.add(d.weekday)
    overlaps(d.spans).forEach((s) => ctx.addIssue({ code: 'custom', path: ['weekly', i, 'spans', s, 'opens'], message: 'overlap' }))
  })
  const dates = new Set<string>()
  h.exceptions.forEach((e, i) => {
    if (dates.has(e.date)) ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'date'], message: 'duplicate_date' })
    dates.add(e.date)
    overlaps(e.spans).forEach((s) => ctx.addIssue({ code: 'custom', path: ['exceptions', i, 'spans', s, 'opens'], message: 'overlap' }))
  })
})
export type OpeningHours = z.infer<typeof OpeningHours>

/** Indexes of spans that start before the previous one (in time order) closes. */
function overlaps(spans: Span[]): number[] {
  const order = spans.map((s, i) => [s, i] as const).sort((a, b) => a[0].opens.localeCompare(b[0].opens))
  return order.flatMap(([s, i], k) => (k > 0 && s.opens < (order[k - 1]?.[0].closes ?? '') ? [i] : []))
}

export const OpeningHoursView = HoursShape.extend({
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
})
export type OpeningHoursView = z.infer<typeof OpeningHoursView>

export const RotaQuery = z.object({ from: IsoDate, to: IsoDate })
export const RotaSlotParams = z.object({ date: IsoDate, half: z.enum(HALVES) })
/** Who is on duty on a half-day (null: nobody), and the number they answer on. */
export const RotaSlotInput = z.object({
  userId: z.uuid().nullable(),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+0-9 ()./-]*$/, 'invalid_phone')
    .nullable()
    .optional(),
})
export const RotaSlotView = z.object({
  date: z.string(),
  half: z.enum(HALVES),
  userId: z.uuid().nullable(),
  displayName: z.string().nullable(),
  phone: z.string().nullable(),
  version: z.number().int(),
})
export type RotaSlotView = z.infer<typeof RotaSlotView>
/**
 * A day of the rota as the opening hours make it: whether the line is open in each half (a span
 * that starts before 13:00 opens the morning, one that ends after it the afternoon), and the note
 * of the dated exception that changed the day's hours, if any.
 */
export const RotaDay = z.object({
  date: z.string(),
  open: z.object({ am: z.boolean(), pm: z.boolean() }),
  note: z.string().nullable(),
})
export type RotaDay = z.infer<typeof RotaDay>
/** Slots with someone ever put on them, and every day of the range with its open half-days. */
export const RotaView = z.object({ items: z.array(RotaSlotView), days: z.array(RotaDay) })
/** Staff who may be put on the rota (intake, worker, lead), for the lead's picker. */
export const DutyStaff = z.object({ items: z.array(z.object({ id: z.uuid(), displayName: z.string() })) })

export const DutyNow = z.object({
  /** The local time in Brussels the answer was computed for. */
  localDate: z.string(),
  localTime: z.string(),
  open: z.boolean(),
  /** Today's opening spans (after dated exceptions). */
  today: z.array(Span),
  /** When the line opens next (local date and time), when it is closed now. */
  nextOpening: z.object({ date: z.string(), time: z.string() }).nullable(),
  onDuty: RotaSlotView.nullable(),
  next: RotaSlotView.nullable(),
})
export type DutyNow = z.infer<typeof DutyNow>

export const STEP_KINDS = ['call', 'note'] as const
export const CALLEES = ['police', 'on_duty_lead', 'judicial_liaison', 'other'] as const
const StepShape = z.object({
  kind: z.enum(STEP_KINDS),
  /** For a call: whom. The on-duty lead's number comes from the rota when the step has none. */
  callee: z.enum(CALLEES).nullable(),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+0-9 ()./-]*$/, 'invalid_phone')
    .nullable(),
  text: Labels,
})
export const EmergencyStep = StepShape.superRefine((s, ctx) => {
  if (s.kind === 'call' && !s.callee) ctx.addIssue({ code: 'custom', path: ['callee'], message: 'required_for_call' })
  if (s.kind === 'note' && (s.callee || s.phone)) ctx.addIssue({ code: 'custom', path: ['callee'], message: 'only_for_call' })
})
export type EmergencyStep = z.infer<typeof EmergencyStep>
export const EmergencyPath = z.object({ steps: z.array(EmergencyStep).min(1).max(20) })
export type EmergencyPath = z.infer<typeof EmergencyPath>
export const EmergencyPathView = EmergencyPath.extend({
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
})
export type EmergencyPathView = z.infer<typeof EmergencyPathView>

/** A filled triage grid, to read its outcome before the contact is saved. */
export const TriageInput = z.object({ answers: Answers })
export const TriageOutcomeView = z.object({
  instrumentVersionId: z.uuid(),
  version: z.number().int(),
  urgency: z.enum(URGENCIES),
  stated: z.enum(URGENCIES).nullable(),
  immediateDanger: z.boolean(),
  reasons: z.array(z.string()),
  severity: z.partialRecord(z.enum(SEVERITY_DIMENSIONS), z.enum(SEVERITY_LEVELS)),
})
