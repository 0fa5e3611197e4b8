import { z } from 'zod'

/**
 * The network map (ecomap): who is around the person, taken as dated snapshots so that the
 * growth of a positive network — and the ties left behind — can be seen over months.
 */
export const TIE_KINDS = ['person', 'group', 'institution', 'online_community'] as const
export const TIE_RELATIONS = [
  'family',
  'partner',
  'friend',
  'peer',
  'professional',
  'school',
  'work',
  'faith',
  'community',
  'extremist_milieu',
  'other',
] as const
export const TIE_VALENCES = ['supportive', 'ambivalent', 'harmful'] as const
/** 1 weak, 2 medium, 3 strong. */
export const TIE_STRENGTHS = [1, 2, 3] as const
export const MAX_TIES = 200

export type TieKind = (typeof TIE_KINDS)[number]
export type TieRelation = (typeof TIE_RELATIONS)[number]
export type TieValence = (typeof TIE_VALENCES)[number]

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null))

/**
 * A tie keeps its id from one snapshot to the next (a new snapshot starts from a copy of the
 * latest), which is what lets two snapshots be compared. A tie sent without an id is new.
 */
export const TieInput = z.object({
  id: z.uuid().optional(),
  name: z.string().trim().min(1).max(120),
  kind: z.enum(TIE_KINDS),
  relation: z.enum(TIE_RELATIONS),
  strength: z.number().int().min(1).max(3),
  valence: z.enum(TIE_VALENCES),
  note: optionalText(2000),
})
export type TieInput = z.input<typeof TieInput>

export const NetworkSnapshotInput = z
  .object({
    takenOn: z.iso.date(),
    ties: z.array(TieInput).max(MAX_TIES),
    note: optionalText(10_000),
  })
  .superRefine((s, issues) => {
    const seen = new Set<string>()
    s.ties.forEach((tie, i) => {
      if (!tie.id) return
      if (seen.has(tie.id)) issues.addIssue({ code: 'custom', path: ['ties', i, 'id'], message: 'duplicate' })
      seen.add(tie.id)
    })
  })
export type NetworkSnapshotInput = z.input<typeof NetworkSnapshotInput>

export const Tie = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(TIE_KINDS),
  relation: z.enum(TIE_RELATIONS),
  strength: z.number().int().min(1).max(3),
  valence: z.enum(TIE_VALENCES),
  note: z.string().nullable(),
})
export type Tie = z.infer<typeof Tie>

export const NetworkSnapshotView = z.object({
  id: z.uuid(),
  accompanimentId: z.uuid(),
  takenOn: z.string(),
  ties: z.array(Tie),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type NetworkSnapshotView = z.infer<typeof NetworkSnapshotView>
export const NetworkSnapshotList = z.object({ items: z.array(NetworkSnapshotView) })
export const NetworkSnapshotParams = z.object({ id: z.uuid(), snapshotId: z.uuid() })
export const NetworkCompareQuery = z.object({ from: z.uuid(), to: z.uuid() })

const ByValence = z.object({ supportive: z.array(Tie), ambivalent: z.array(Tie), harmful: z.array(Tie) })
const Counts = z.object({ supportive: z.number().int(), ambivalent: z.number().int(), harmful: z.number().int() })
const TieState = z.object({ valence: z.enum(TIE_VALENCES), strength: z.number().int() })

export const NetworkComparison = z.object({
  from: z.object({ id: z.uuid(), takenOn: z.string() }),
  to: z.object({ id: z.uuid(), takenOn: z.string() }),
  /** Ties present in `to` and not in `from`, by their valence in `to`. */
  gained: ByValence,
  /** Ties present in `from` and gone from `to`, by their valence in `from`. */
  left: ByValence,
  /** Ties in both whose valence or strength moved; `better` means towards support (or a weaker harmful tie). */
  changed: z.array(z.object({ tie: Tie, before: TieState, after: TieState, direction: z.enum(['better', 'worse', 'neutral']) })),
  summary: z.object({
    supportiveGained: z.number().int(),
    ambivalentGained: z.number().int(),
    harmfulGained: z.number().int(),
    supportiveLost: z.number().int(),
    ambivalentLeft: z.number().int(),
    harmfulLeft: z.number().int(),
    changedBetter: z.number().int(),
    changedWorse: z.number().int(),
    before: Counts,
    after: Counts,
  }),
})
export type NetworkComparison = z.infer<typeof NetworkComparison>
