import { z } from 'zod'
import { RECIPIENT_KINDS } from '../vocabulary'
import { Labels } from './instruments.contracts'

/**
 * The confidentiality-exception register. Confidentiality is the rule; when a worker must disclose
 * (danger to life, a legal duty), the decision is recorded: the situation, its legal basis, what was
 * disclosed to whom and when, by whom, and the lead's validation or refusal. The situation, the
 * recipient's name, what was disclosed and a refusal's reason are sealed.
 */
export { RECIPIENT_KINDS, type RecipientKind } from '../vocabulary'
export const EXCEPTION_STATUSES = ['pending', 'validated', 'refused'] as const
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number]

const Text = (max: number) => z.string().trim().min(1).max(max)

export const ExceptionInput = z.object({
  situation: Text(5000),
  legalBasisId: z.uuid(),
  recipientKind: z.enum(RECIPIENT_KINDS),
  recipientName: Text(300),
  disclosed: Text(5000),
  /** When the disclosure was made (it is often recorded afterwards). */
  disclosedAt: z.iso.datetime({ offset: true }).max(35),
})
export type ExceptionInput = z.infer<typeof ExceptionInput>
/** An exception about a contact (the contact point's record of a call), not a case. */
export const ContactExceptionInput = ExceptionInput.extend({ contactId: z.uuid() })

export const ExceptionDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('validated') }),
  z.object({ decision: z.literal('refused'), reason: Text(2000) }),
])
export type ExceptionDecision = z.infer<typeof ExceptionDecision>

/** What the register lists: who, when, on which basis, to what kind of recipient — no sealed text. */
export const ExceptionSummary = z.object({
  id: z.uuid(),
  accompanimentId: z.uuid().nullable(),
  contactId: z.uuid().nullable(),
  legalBasisId: z.uuid(),
  legalBasisCode: z.string(),
  recipientKind: z.enum(RECIPIENT_KINDS),
  disclosedAt: z.string(),
  status: z.enum(EXCEPTION_STATUSES),
  recordedBy: z.uuid(),
  recordedByName: z.string(),
  recordedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int(),
})
export type ExceptionSummary = z.infer<typeof ExceptionSummary>
export const ExceptionView = ExceptionSummary.extend({
  situation: z.string(),
  recipientName: z.string(),
  disclosed: z.string(),
  refusalReason: z.string().nullable(),
})
export type ExceptionView = z.infer<typeof ExceptionView>
export const ExceptionList = z.object({ items: z.array(ExceptionSummary) })
export const CaseExceptionList = z.object({ items: z.array(ExceptionView) })
export const ExceptionListQuery = z.object({
  status: z.enum(EXCEPTION_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
export const ExceptionParams = z.object({ exceptionId: z.uuid() })

/** The legal bases a disclosure may rest on, kept by the DPO. */
export const LegalBasisCode = z.string().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'invalid_code')
export const LegalBasisInput = z.object({
  code: LegalBasisCode,
  label: Labels,
  /** The text it rests on, as the DPO words it (article, law, decision). */
  reference: z.string().trim().max(300),
  active: z.boolean(),
})
export const LegalBasisView = LegalBasisInput.extend({
  id: z.uuid(),
  /** Shipped with Parcours as a starting point: to be checked by the DPO and the service's counsel. */
  shippedDefault: z.boolean(),
  updatedAt: z.string(),
  version: z.number().int(),
})
export type LegalBasisView = z.infer<typeof LegalBasisView>
export const LegalBasisList = z.object({ items: z.array(LegalBasisView) })
export const LegalBasisParams = z.object({ basisId: z.uuid() })
