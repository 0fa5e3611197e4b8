import { z } from 'zod'

/**
 * A user's calendar feed (issue 12): a secret address a calendar application reads without a
 * session. The address is shown once, when made; the service keeps only a hash of its token.
 */
export const CalendarFeedStatus = z.object({ active: z.boolean(), createdAt: z.string().nullable() })
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>
export const CalendarFeedIssued = z.object({ url: z.string(), createdAt: z.string() })
export type CalendarFeedIssued = z.infer<typeof CalendarFeedIssued>
/** `<43 base64url characters>.ics`: anything else is not a feed. */
export const CalendarFeedParams = z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/) })
