import type { Answers } from './contracts/instruments.contracts'

/**
 * The triage grid's reading, shared by the server and the web app. The grid itself is data (the
 * built-in instrument `triage-grid`, which an admin may revise); this reads the keys the built-in
 * defines. An item or option a revised version drops is simply not counted: the worker's own
 * urgency still stands, so a revision cannot make the outcome fail.
 */
export const TRIAGE_CODE = 'triage-grid'

export const URGENCIES = ['none', 'within_week', 'within_48h', 'immediate'] as const
export type Urgency = (typeof URGENCIES)[number]

export const SEVERITY_DIMENSIONS = [
  'violence_intent',
  'access_means',
  'travel_conflict_zone',
  'isolation',
  'minors_involved',
  'mental_health_crisis',
] as const
export type SeverityDimension = (typeof SEVERITY_DIMENSIONS)[number]
/** `unknown`: not known yet (asked, no answer); it raises nothing but is kept apart from `none`. */
export const SEVERITY_LEVELS = ['none', 'unknown', 'moderate', 'high'] as const
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number]

export type TriageReason =
  'urgency_stated' | 'intent_with_means' | 'travel_planned' | 'crisis_with_intent' | 'serious_dimension' | 'moderate_dimension'

export type TriageOutcome = {
  /** The urgency the contact is handled with: the worker's, raised by what the grid found. */
  urgency: Urgency
  /** What the worker chose, if anything. */
  stated: Urgency | null
  immediateDanger: boolean
  /** Why the urgency is what it is, strongest first (codes, translated by the web app). */
  reasons: TriageReason[]
  severity: Partial<Record<SeverityDimension, SeverityLevel>>
}

const rank = (u: Urgency) => URGENCIES.indexOf(u)
const max = (a: Urgency, b: Urgency) => (rank(a) >= rank(b) ? a : b)
const isUrgency = (v: unknown): v is Urgency => typeof v === 'string' && (URGENCIES as readonly string[]).includes(v)
const isLevel = (v: unknown): v is SeverityLevel => typeof v === 'string' && (SEVERITY_LEVELS as readonly string[]).includes(v)

/**
 * The outcome of a filled grid (the worker's answers). Rules, from the service's practice:
 * - the worker's stated urgency is never lowered;
 * - a serious intent or threat of violence with access to means (present or serious) is immediate
 *   danger;
 * - a serious mental-health crisis with an intent or threat of violence (present or serious) too;
 * - a planned travel to a conflict zone rated serious (imminent) calls for an answer within 48 h;
 * - any other dimension rated serious: within 48 h; rated present: within a week.
 */
export function triageOutcome(answers: Answers): TriageOutcome {
  const stated = isUrgency(answers.urgency?.worker) ? answers.urgency.worker : null
  const severity: TriageOutcome['severity'] = {}
  for (const d of SEVERITY_DIMENSIONS) {
    const v = answers[d]?.worker
    if (isLevel(v)) severity[d] = v
  }
  const atLeast = (d: SeverityDimension, level: 'moderate' | 'high') =>
    severity[d] === 'high' || (level === 'moderate' && severity[d] === 'moderate')
  const reasons: TriageReason[] = []
  let urgency: Urgency = stated ?? 'none'
  if (stated && stated !== 'none') reasons.push('urgency_stated')
  if (severity.violence_intent === 'high' && atLeast('access_means', 'moderate')) {
    urgency = 'immediate'
    reasons.push('intent_with_means')
  }
  if (severity.mental_health_crisis === 'high' && atLeast('violence_intent', 'moderate')) {
    urgency = 'immediate'
    reasons.push('crisis_with_intent')
  }
  if (severity.travel_conflict_zone === 'high') {
    urgency = max(urgency, 'within_48h')
    reasons.push('travel_planned')
  }
  const levels = Object.values(severity)
  if (levels.includes('high')) {
    urgency = max(urgency, 'within_48h')
    reasons.push('serious_dimension')
  } else if (levels.includes('moderate')) {
    urgency = max(urgency, 'within_week')
    reasons.push('moderate_dimension')
  }
  // Strongest first: the order the rules above are checked in is that order.
  return { urgency, stated, immediateDanger: urgency === 'immediate', reasons, severity }
}
