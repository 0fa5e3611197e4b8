import { z } from 'zod'

/**
 * What an action-research study may ask for, one record per accompaniment. Every variable is
 * already generalised: there is no name, no free text, no exact date (a quarter at most), no birth
 * date (an age band) and no postcode (a province). The catalogue is closed: a study names
 * variables from it, and an extract holds those and a per-study pseudonym, nothing else.
 */
export const STUDY_VARIABLES = [
  /** Age when the case opened, in bands: under 18, 18–25, 26–35, 36–50, over 50. */
  'age_band',
  'gender',
  /** The province (or Brussels-Capital) of the person's postcode; "unknown" without one. */
  'province',
  'case_kind',
  'framework',
  'opened_quarter',
  'closed_quarter',
  /** How long a closed case lasted: under 3 months, 3–6, 6–12, 12–24, over 24. */
  'duration_band',
  'outcome',
  /** Sessions held over the case, in bands: 0, 1–5, 6–15, 16–30, over 30. */
  'sessions_held_band',
] as const
export const StudyVariable = z.enum(STUDY_VARIABLES)
export type StudyVariable = z.infer<typeof StudyVariable>

/**
 * The variables that, combined, could single a person out to someone who knows them (a teacher
 * who knows a 17-year-old from a small province went through the service). The k-anonymity check
 * runs over those of them a study asks for.
 */
export const QUASI_IDENTIFIERS = [
  'age_band',
  'gender',
  'province',
  'case_kind',
  'framework',
  'opened_quarter',
] as const satisfies readonly StudyVariable[]

export const AGE_BANDS = ['under_18', '18_25', '26_35', '36_50', 'over_50', 'unknown'] as const
export const DURATION_BANDS = ['under_3_months', '3_6_months', '6_12_months', '12_24_months', 'over_24_months', 'open'] as const
export const SESSION_BANDS = ['0', '1_5', '6_15', '16_30', 'over_30'] as const

/** k for the k-anonymity check: at least 5, configurable upward per study. */
export const DEFAULT_K = 5
