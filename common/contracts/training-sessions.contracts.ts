import { z } from 'zod'
import { PageQuery } from './shared.contracts'

/**
 * Issue 14: the team's training and awareness log. Sessions the service gave to schools,
 * professionals, associations or the public: who the audience was as a kind and an organisation,
 * never as persons. Figures about the service's own work, not about anyone it accompanies.
 */
export const TRAINING_AUDIENCES = [
  'school',
  'youth_service',
  'justice',
  'health_social',
  'police',
  'municipality',
  'association',
  'public',
  'other',
] as const
export type TrainingAudience = (typeof TRAINING_AUDIENCES)[number]

/** Why a text is refused: it names a case, a person, an id, an e-mail or a phone (never the value). */
export const TRAINING_TEXT_REFUSALS = [
  'contains_case_code',
  'contains_person_code',
  'contains_identifier',
  'contains_email',
  'contains_phone',
] as const

const text = (max: number) => z.string().trim().max(max)

export const TrainingSessionInput = z.object({
  teamId: z.uuid(),
  heldOn: z.iso.date(),
  audience: z.enum(TRAINING_AUDIENCES),
  title: text(200).min(1),
  /** The organisation or place (a school, an association, a town hall): never a person's name. */
  organisation: text(200).nullable().default(null),
  participants: z.number().int().min(0).max(100_000),
  /** Hours, by quarters of an hour. */
  hours: z
    .number()
    .min(0.25)
    .max(200)
    .refine((h) => Number.isInteger(h * 4), { message: 'quarter_hours' }),
  note: text(4000).nullable().default(null),
})
export type TrainingSessionInput = z.input<typeof TrainingSessionInput>

export const TrainingSessionParams = z.object({ sessionId: z.uuid() })

export const TrainingSessionQuery = PageQuery.extend({
  teamId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
})

export const TrainingSessionView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  teamId: z.uuid(),
  heldOn: z.iso.date(),
  audience: z.enum(TRAINING_AUDIENCES),
  title: z.string(),
  organisation: z.string().nullable(),
  participants: z.number().int(),
  hours: z.number(),
  note: z.string().nullable(),
  createdBy: z.object({ id: z.uuid(), displayName: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type TrainingSessionView = z.infer<typeof TrainingSessionView>

export const TrainingSessionList = z.object({
  items: z.array(TrainingSessionView),
  total: z.number().int().min(0),
})
export type TrainingSessionList = z.infer<typeof TrainingSessionList>

/** The teams whose log the caller may read: their own teams; every team for the DPO. */
export const TrainingTeams = z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) })
