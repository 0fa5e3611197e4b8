import { z } from 'zod'
import { DEFAULT_K, StudyVariable } from './study-variables.contracts'

/**
 * Issue 14, action research: a study registered by a team's lead, approved by the DPO. Its texts
 * describe research, not people; they are still bounded, since a free text is where a name would
 * slip in, and the variables come from the closed catalogue only (never names, free text, exact
 * birth dates or postcodes below the province).
 */
export const STUDY_STATUSES = ['draft', 'submitted', 'approved', 'refused', 'closed'] as const
export type StudyStatus = (typeof STUDY_STATUSES)[number]
export const STUDY_DECISIONS = ['approved', 'refused'] as const

/** At most this many researchers named on one study. */
export const MAX_STUDY_RESEARCHERS = 20

/** The highest k a study may ask: beyond it, a team's extract would keep next to nothing. */
export const STUDY_MAX_K = 50

const text = (max: number) => z.string().trim().min(1).max(max)

export const StudyInput = z.object({
  teamId: z.uuid(),
  title: text(200),
  question: text(2000),
  protocol: text(4000),
  approvingBody: text(200),
  approvalReference: text(100),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  variables: z.array(StudyVariable).min(1).max(20),
  researcherIds: z.array(z.uuid()).max(MAX_STUDY_RESEARCHERS).default([]),
  /** The k of the study's extracts: the service's floor (5) or more, as the study's ethics body asks. */
  k: z.number().int().min(DEFAULT_K).max(STUDY_MAX_K).default(DEFAULT_K),
})
export type StudyInput = z.infer<typeof StudyInput>

export const StudyDecisionInput = z.object({
  decision: z.enum(STUDY_DECISIONS),
  /** Required when refusing: the lead reads why. */
  note: z.string().trim().max(2000).default(''),
})

export const StudyPerson = z.object({ id: z.uuid(), displayName: z.string() })

export const StudyView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  teamId: z.uuid(),
  teamName: z.string(),
  title: z.string(),
  question: z.string(),
  protocol: z.string(),
  approvingBody: z.string(),
  approvalReference: z.string(),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  variables: z.array(StudyVariable),
  researchers: z.array(StudyPerson),
  status: z.enum(STUDY_STATUSES),
  createdBy: StudyPerson,
  createdAt: z.string(),
  decidedBy: StudyPerson.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  k: z.number().int(),
  closedBy: StudyPerson.nullable(),
  closedAt: z.string().nullable(),
})
export type StudyView = z.infer<typeof StudyView>

export const StudyList = z.object({ items: z.array(StudyView) })
export const StudyParams = z.object({ studyId: z.uuid() })
export const ResearcherList = z.object({ items: z.array(StudyPerson) })
