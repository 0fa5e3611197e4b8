import { z } from 'zod'
import { CAPACITIES } from './partners.contracts'
import { Id } from './shared.contracts'

/**
 * Activity of the network (issue 11): per partner organisation, counts of referrals only — no
 * case, person, code or text. Declines are counted by their reason code; the partner's words
 * stay sealed with the client's key and never reach these counts.
 */
const count = z.number().int().min(0)
export const PartnerActivity = z.object({
  organisationId: Id,
  organisationName: z.string(),
  /** Referrals sent to the organisation (drafts never count). */
  sent: count,
  /** Sent and not answered yet. */
  awaiting: count,
  accepted: count,
  declined: count,
  completed: count,
  stopped: count,
  /** Median hours between sending and the partner's answer (accept or decline); null before any answer. */
  medianHoursToAnswer: z.number().nullable(),
  outcomes: z.object({
    // Spelled out rather than z.record: the OpenAPI document (and the typed web client) then
    // names every key.
    need: z.object({ met: count, partly_met: count, not_met: count }),
    person: z.object({ stayed: count, left: count }),
  }),
  /** Declined referrals by reason code; `not_given` counts those declined before codes existed. */
  declineReasons: z.object({
    no_capacity: count,
    outside_mission: count,
    outside_area: count,
    not_eligible: count,
    better_elsewhere: count,
    other: count,
    not_given: count,
  }),
})
export type PartnerActivity = z.infer<typeof PartnerActivity>
export const PartnerActivityList = z.object({ items: z.array(PartnerActivity) })

/**
 * What a partner's staff may change of their own organisation: its description and, for each of
 * its existing services, the description, eligibility, capacity and waiting time. Name, charter,
 * coverage, needs and contacts stay with the service's leads and admins: any other key is refused.
 */
const optionalText = (max: number) => z.string().trim().max(max).nullable()
export const OwnServiceUpdate = z
  .object({
    id: Id,
    description: optionalText(10_000),
    eligibility: optionalText(4000),
    capacity: z.enum(CAPACITIES),
    waitDays: z.number().int().min(0).max(3650).nullable(),
  })
  .strict()
export const OwnOrganisationUpdate = z
  .object({
    description: z.string().trim().min(1).max(10_000),
    services: z.array(OwnServiceUpdate).max(500),
  })
  .strict()
export type OwnOrganisationUpdate = z.infer<typeof OwnOrganisationUpdate>
export const OwnOrganisationView = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  /** Shown, never changed by the partner. */
  charterSignedOn: z.string().nullable(),
  charterRenewOn: z.string().nullable(),
  services: z.array(OwnServiceUpdate.extend({ name: z.string() })),
  version: z.number().int(),
})
export type OwnOrganisationView = z.infer<typeof OwnOrganisationView>
