import { z } from 'zod'
import { ACCOMPANIMENT_KINDS, RELATIONSHIPS, STATUSES } from './accompaniments.contracts'

/** How a relative takes part in the client's accompaniment. */
export const INVOLVEMENTS = ['informed', 'participates', 'support_person', 'own_accompaniment'] as const
/** Whether the client agreed that this relative be involved. */
export const CONSENTS = ['given', 'refused', 'not_asked'] as const

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((s) => (s === '' ? null : s))

export const CaseRelativeInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    relationship: z.enum(RELATIONSHIPS),
    /** A registered person (e.g. a parent who is accompanied in their own right). */
    personId: z.uuid().nullable().default(null),
    involvement: z.enum(INVOLVEMENTS),
    consent: z.enum(CONSENTS),
    consentOn: z.iso.date().nullable().default(null),
    note: text(2000),
    endedOn: z.iso.date().nullable().default(null),
  })
  .refine((r) => r.consent !== 'given' || r.consentOn !== null, { path: ['consentOn'], message: 'required_when_given' })

export const LinkedCase = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: z.enum(ACCOMPANIMENT_KINDS),
  status: z.enum(STATUSES),
})

export const CaseRelativeView = z.object({
  id: z.uuid(),
  name: z.string(),
  relationship: z.enum(RELATIONSHIPS),
  personId: z.uuid().nullable(),
  involvement: z.enum(INVOLVEMENTS),
  consent: z.enum(CONSENTS),
  consentOn: z.string().nullable(),
  note: z.string().nullable(),
  endedOn: z.string().nullable(),
  /** The relative's own cases that the caller may see; others are not mentioned. */
  linkedCases: z.array(LinkedCase),
  createdBy: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type CaseRelativeView = z.infer<typeof CaseRelativeView>

export const CaseRelatives = z.object({
  items: z.array(CaseRelativeView),
  /**
   * Cases about the same concerned person that the caller may see: for the concerned person's
   * case, the relatives' and professionals' cases about them; for those, the concerned person's.
   */
  relatedCases: z.array(LinkedCase.extend({ relationship: z.enum(RELATIONSHIPS).nullable() })),
})
export type CaseRelatives = z.infer<typeof CaseRelatives>

export const RelativeParams = z.object({ id: z.uuid(), relativeId: z.uuid() })
