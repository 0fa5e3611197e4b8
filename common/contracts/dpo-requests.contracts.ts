import { z } from 'zod'

/** GDPR art. 15–21: what a data subject may ask. */
export const DPO_REQUEST_KINDS = ['access', 'rectification', 'restriction', 'erasure', 'objection', 'portability'] as const
export type DpoRequestKind = (typeof DPO_REQUEST_KINDS)[number]
export const DPO_REQUEST_REQUESTERS = ['subject', 'legal_representative', 'lawyer', 'other_mandated'] as const
export type DpoRequestRequester = (typeof DPO_REQUEST_REQUESTERS)[number]
export const DPO_REQUEST_CHANNELS = ['letter', 'email', 'in_person', 'phone', 'other'] as const
export type DpoRequestChannel = (typeof DPO_REQUEST_CHANNELS)[number]
/** How the requester's identity (and mandate) was checked: art. 12(6). */
export const DPO_REQUEST_IDENTITY_CHECKS = ['id_document_seen', 'known_to_service', 'mandate_checked', 'not_yet_checked'] as const
export type DpoRequestIdentityCheck = (typeof DPO_REQUEST_IDENTITY_CHECKS)[number]
export const DPO_REQUEST_STATUSES = ['received', 'in_progress', 'decided', 'closed'] as const
export type DpoRequestStatus = (typeof DPO_REQUEST_STATUSES)[number]
export const DPO_REQUEST_DECISIONS = ['granted', 'partly_granted', 'refused'] as const
export type DpoRequestDecision = (typeof DPO_REQUEST_DECISIONS)[number]

export const DpoRequestParams = z.object({ requestId: z.uuid() })

export const DpoRequestInput = z.object({
  kind: z.enum(DPO_REQUEST_KINDS),
  /** The person Parcours holds, when the DPO found them; null while not (or never) found. */
  personId: z.uuid().nullable().default(null),
  requester: z.enum(DPO_REQUEST_REQUESTERS),
  channel: z.enum(DPO_REQUEST_CHANNELS),
  identityCheck: z.enum(DPO_REQUEST_IDENTITY_CHECKS),
  receivedOn: z.iso.date(),
  /** What was asked, in the requester's words or the DPO's summary (sealed). */
  details: z.string().trim().max(10_000).nullable().default(null),
})
export type DpoRequestInput = z.input<typeof DpoRequestInput>

/** The DPO's deadline warnings: days are the service's (Europe/Brussels). */
export { DPO_REQUEST_WARNING_DAYS } from '../vocabulary'
export const DpoRequestDeadline = z.enum(['overdue', 'due_soon', 'on_time', 'answered'])
export type DpoRequestDeadline = z.infer<typeof DpoRequestDeadline>

/** Who marked a rectification done through the normal screens, and when (null until then). */
export const DpoRectification = z.object({ by: z.object({ id: z.uuid(), displayName: z.string() }), at: z.string() })

export const DpoRequestView = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  kind: z.enum(DPO_REQUEST_KINDS),
  person: z.object({ id: z.uuid(), code: z.string() }).nullable(),
  requester: z.enum(DPO_REQUEST_REQUESTERS),
  channel: z.enum(DPO_REQUEST_CHANNELS),
  identityCheck: z.enum(DPO_REQUEST_IDENTITY_CHECKS),
  receivedOn: z.iso.date(),
  /** The legal deadline: one month after receipt, or the extended one. */
  dueOn: z.iso.date(),
  extendedTo: z.iso.date().nullable(),
  status: z.enum(DPO_REQUEST_STATUSES),
  decision: z.enum(DPO_REQUEST_DECISIONS).nullable(),
  closedOn: z.iso.date().nullable(),
  details: z.string().nullable(),
  extensionReason: z.string().nullable(),
  decisionReason: z.string().nullable(),
  createdBy: z.object({ id: z.uuid(), displayName: z.string() }),
  createdAt: z.string(),
  rectification: DpoRectification.nullable(),
  /** Answered (decided or closed), or how the deadline stands in the service's days. */
  deadline: DpoRequestDeadline,
  /** Days left until the deadline (negative once overdue). */
  daysLeft: z.number().int(),
})
export type DpoRequestView = z.infer<typeof DpoRequestView>

export const DpoRequestListItem = DpoRequestView.omit({ details: true, extensionReason: true, decisionReason: true })

export const DpoRequestListQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  kind: z.enum(DPO_REQUEST_KINDS).optional(),
  /** Still to answer and due within this many days (overdue ones included). */
  dueWithin: z.coerce.number().int().min(0).max(366).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})

export const DpoRequestList = z.object({
  items: z.array(DpoRequestListItem),
  total: z.number().int(),
  /** Over every request still to answer, whatever the filters: what the DPO's screens warn about. */
  warnings: z.object({ overdue: z.number().int(), dueSoon: z.number().int() }),
})

export const DpoRequestUpdate = z
  .object({
    personId: z.uuid().nullable().optional(),
    requester: z.enum(DPO_REQUEST_REQUESTERS).optional(),
    channel: z.enum(DPO_REQUEST_CHANNELS).optional(),
    identityCheck: z.enum(DPO_REQUEST_IDENTITY_CHECKS).optional(),
    details: z.string().trim().max(10_000).nullable().optional(),
  })
  .strict()

export const DpoRequestExtension = z.object({
  extendedTo: z.iso.date(),
  reason: z.string().trim().min(1).max(4_000),
})

export const DpoRequestDecisionInput = z.object({
  decision: z.enum(DPO_REQUEST_DECISIONS),
  /** Required when the request is refused or partly granted (art. 12(4)): why, and the remedies. */
  reason: z.string().trim().max(10_000).nullable().default(null),
})

export const DpoRequestClosure = z.object({ closedOn: z.iso.date() })

/** The DPO finds the subject by code or by first and last name (POST: the name is in no URL). */
export const DpoPersonLookup = z
  .object({
    code: z.string().trim().min(1).max(40).optional(),
    name: z.string().trim().min(3).max(200).optional(),
  })
  .refine((v) => !!v.code !== !!v.name, { message: 'Give a code or a name', path: ['code'] })
export const DpoPersonLookupResult = z.object({ persons: z.array(z.object({ id: z.uuid(), code: z.string() })) })

/** Open rectification requests about a person, for those who may read the person. */
export const PersonRectificationParams = z.object({ id: z.uuid(), requestId: z.uuid() })
export const PersonRectification = z.object({
  requestId: z.uuid(),
  code: z.string(),
  receivedOn: z.iso.date(),
  /** The DPO's note: the request's sealed words. */
  details: z.string().nullable(),
  rectification: DpoRectification.nullable(),
})
export type PersonRectification = z.infer<typeof PersonRectification>
export const PersonRectificationList = z.object({ items: z.array(PersonRectification) })
