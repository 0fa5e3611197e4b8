import { z } from 'zod'

/**
 * Names where people work (issue 12): My day, the calendar and the lead's dashboard show the
 * client of each case beside its code. The names travel by case id, so that each list keeps its
 * own shape; the web app masks them to initials when the privacy screen is on.
 */
export const ClientName = z.object({ firstName: z.string(), lastName: z.string() })
export type ClientName = z.infer<typeof ClientName>
/** The client of each case the response shows, keyed by case id (a client whose key is erased is absent). */
export const ClientNames = z.record(z.string(), ClientName)

/** What the service shows when a user has not chosen: names (the default) or initials. */
export const NAME_DISPLAYS = ['names', 'initials'] as const
export type NameDisplayDefault = (typeof NAME_DISPLAYS)[number]

/** The caller's privacy screen: whether client names are masked, and whence that comes. */
export const NameDisplay = z.object({
  masked: z.boolean(),
  /** The service's setting, which applies while `own` is false. */
  serviceDefault: z.enum(NAME_DISPLAYS),
  /** Whether the user chose (true) or follows the service (false). */
  own: z.boolean(),
})
/** Idempotent: the same body twice leaves the same state. `null` goes back to the service's setting. */
export const NameDisplayBody = z.object({ masked: z.boolean().nullable() })
