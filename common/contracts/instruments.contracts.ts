import { z } from 'zod'
import { ACCOMPANIMENT_KINDS } from './accompaniments.contracts'
import { LifeDomain, Perspective } from './desistance.contracts'

/**
 * Instruments are data: a versioned definition (sections of items) that admins can revise
 * without a release. Every label carries the four languages of the service, so that a person
 * and a worker can fill the same instrument in their own language.
 */
const label = (max: number) => z.string().trim().min(1).max(max)
export const Labels = z.object({ fr: label(500), nl: label(500), de: label(500), en: label(500) })
export type Labels = z.infer<typeof Labels>
export const LongLabels = z.object({ fr: label(2000), nl: label(2000), de: label(2000), en: label(2000) })

/** What an instrument is answered for: a case (with the person), or a contact at the line (the triage grid). */
export const INSTRUMENT_PURPOSES = ['case', 'contact'] as const
export const InstrumentPurpose = z.enum(INSTRUMENT_PURPOSES)
export type InstrumentPurpose = z.infer<typeof InstrumentPurpose>

/**
 * The kinds of case (whose client is the person concerned, a relative or a professional) an
 * instrument is answered on: a case's "new assessment" offers only its kind's instruments. Each
 * kind at most once; none at all means the instrument is offered on no case (retired).
 */
export const ClientKinds = z
  .array(z.enum(ACCOMPANIMENT_KINDS))
  .max(ACCOMPANIMENT_KINDS.length)
  .refine((kinds) => new Set(kinds).size === kinds.length, 'duplicate_kind')
export type ClientKinds = z.infer<typeof ClientKinds>

export const ITEM_TYPES = ['scale', 'choice', 'multi', 'text', 'date'] as const
export type ItemType = (typeof ITEM_TYPES)[number]

/** Keys name answers in stored answer sets: stable, short, URL- and JSON-safe. */
export const ItemKey = z.string().regex(/^[a-z][a-z0-9_-]{0,59}$/, 'invalid_key')
export const InstrumentCode = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'invalid_code')

/** Default bounds of a scale item when the definition does not say. */
export const SCALE_DEFAULT = { min: 1, max: 10 } as const
export const TEXT_MAX = 10_000

export const ItemOption = z.object({ key: ItemKey, label: Labels })

export const InstrumentItem = z.object({
  key: ItemKey,
  type: z.enum(ITEM_TYPES),
  label: Labels,
  help: LongLabels.optional(),
  options: z.array(ItemOption).min(2).max(40).optional(),
  min: z.number().int().min(0).max(10).optional(),
  max: z.number().int().min(0).max(10).optional(),
  perspectives: z.array(Perspective).min(1).max(2),
  comment: z.boolean().optional(),
  /** Which life domain the item speaks about: the overview plots scale items by domain. */
  domain: LifeDomain.optional(),
})
export type InstrumentItem = z.infer<typeof InstrumentItem>

export const InstrumentSection = z.object({
  key: ItemKey,
  title: Labels,
  description: LongLabels.optional(),
  items: z.array(InstrumentItem).min(1).max(60),
})
export type InstrumentSection = z.infer<typeof InstrumentSection>

export const InstrumentDefinition = z
  .object({
    title: Labels,
    description: LongLabels.optional(),
    sections: z.array(InstrumentSection).min(1).max(30),
  })
  .superRefine((def, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message })
    const sectionKeys = new Set<string>()
    // Item keys are unique across the whole instrument: answers are stored by item key.
    const itemKeys = new Set<string>()
    def.sections.forEach((section, s) => {
      if (sectionKeys.has(section.key)) issue(['sections', s, 'key'], 'duplicate_key')
      sectionKeys.add(section.key)
      section.items.forEach((item, i) => {
        const at = ['sections', s, 'items', i]
        if (itemKeys.has(item.key)) issue([...at, 'key'], 'duplicate_key')
        itemKeys.add(item.key)
        if (new Set(item.perspectives).size !== item.perspectives.length) issue([...at, 'perspectives'], 'duplicate_perspective')
        const choosing = item.type === 'choice' || item.type === 'multi'
        if (choosing && !item.options) issue([...at, 'options'], 'options_required')
        if (!choosing && item.options) issue([...at, 'options'], 'options_only_for_choice')
        if (item.options) {
          const keys = item.options.map((o) => o.key)
          keys.forEach((k, o) => {
            if (keys.indexOf(k) !== o) issue([...at, 'options', o, 'key'], 'duplicate_key')
          })
        }
        if (item.type !== 'scale') {
          if (item.min !== undefined) issue([...at, 'min'], 'only_for_scale')
          if (item.max !== undefined) issue([...at, 'max'], 'only_for_scale')
        } else if ((item.min ?? SCALE_DEFAULT.min) >= (item.max ?? SCALE_DEFAULT.max)) {
          issue([...at, 'max'], 'max_not_above_min')
        }
      })
    })
  })
export type InstrumentDefinition = z.infer<typeof InstrumentDefinition>

export const InstrumentVersionSummary = z.object({
  id: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
})
export const InstrumentVersionView = InstrumentVersionSummary.extend({
  instrument: z.string(),
  builtIn: z.boolean(),
  definition: InstrumentDefinition,
})
export type InstrumentVersionView = z.infer<typeof InstrumentVersionView>

export const InstrumentView = z.object({
  code: z.string(),
  builtIn: z.boolean(),
  purpose: InstrumentPurpose,
  /** The kinds of case it is offered on, in the order of ACCOMPANIMENT_KINDS. */
  clientKinds: ClientKinds,
  /** The instrument's own settings (its client kinds): sent back as If-Match to change them. */
  version: z.number().int(),
  createdAt: z.string(),
  /** The version new answer sets are given in. */
  latest: InstrumentVersionView,
  /** Every version, newest first, without definitions. */
  versions: z.array(InstrumentVersionSummary),
})
export type InstrumentView = z.infer<typeof InstrumentView>
export const InstrumentList = z.object({ items: z.array(InstrumentView) })

export const NewInstrumentInput = z.object({
  code: InstrumentCode,
  definition: InstrumentDefinition,
  purpose: InstrumentPurpose.default('case'),
  clientKinds: ClientKinds.default([...ACCOMPANIMENT_KINDS]),
})
export const ClientKindsInput = z.object({ clientKinds: ClientKinds })
export const NewVersionInput = z.object({ definition: InstrumentDefinition })
export const InstrumentParams = z.object({ code: InstrumentCode })
export const InstrumentVersionParams = z.object({ code: InstrumentCode, version: z.coerce.number().int().min(1).max(100_000) })

/** One answer: a scale point, a choice key, choice keys, a text or an ISO date. */
export const AnswerValue = z.union([z.number(), z.string().max(TEXT_MAX), z.array(z.string().max(60)).max(40)])
export type AnswerValue = z.infer<typeof AnswerValue>
export const ItemAnswer = z
  .object({
    worker: AnswerValue.nullable().optional(),
    person: AnswerValue.nullable().optional(),
    comment: z.string().max(TEXT_MAX).nullable().optional(),
  })
  .strict()
export type ItemAnswer = z.infer<typeof ItemAnswer>
/** Answers by item key; a set may be partial (a review filled over two sessions). */
export const Answers = z.record(z.string().max(60), ItemAnswer)
export type Answers = z.infer<typeof Answers>

const IsoDate = z.iso.date()

export const AssessmentInput = z.object({ instrument: InstrumentCode, takenOn: IsoDate, answers: Answers })
export const AssessmentUpdate = z.object({ takenOn: IsoDate, answers: Answers })

export const AssessmentView = z.object({
  id: z.uuid(),
  accompanimentId: z.uuid(),
  instrument: z.string(),
  instrumentVersionId: z.uuid(),
  instrumentVersion: z.number().int(),
  /** The newest version of the instrument: an older set says that a newer version exists. */
  latestVersion: z.number().int(),
  takenOn: z.string(),
  answers: Answers,
  createdBy: z.uuid(),
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Who made the last change (the author until someone else edits it): a staff member, not the client. */
  updatedBy: z.uuid(),
  updatedByName: z.string(),
  version: z.number().int(),
})
export type AssessmentView = z.infer<typeof AssessmentView>
/** One answer set with the definition of the version it was given in, to render it as it was. */
export const AssessmentDetail = AssessmentView.extend({ definition: InstrumentDefinition })
export type AssessmentDetail = z.infer<typeof AssessmentDetail>
/**
 * The list says which sets exist (date, author, version), not what they say: a set's answers are
 * read, and decrypted, only when it is opened.
 */
export const AssessmentSummary = AssessmentView.omit({ answers: true })
export type AssessmentSummary = z.infer<typeof AssessmentSummary>
export const AssessmentList = z.object({ items: z.array(AssessmentSummary) })
export const AssessmentListQuery = z.object({ instrument: InstrumentCode.optional() })
export const AssessmentParams = z.object({ id: z.uuid(), assessmentId: z.uuid() })
