import { z } from 'zod'

export const Id = z.uuid()
/** An instant in ISO 8601 with its offset; at most nanoseconds, so at most 35 characters. */
export const Instant = z.iso.datetime({ offset: true }).max(35)
export const IdParams = z.object({ id: Id })
export const Ok = z.object({ ok: z.literal(true) })
export const Email = z
  .email()
  .max(254)
  .transform((e) => e.trim().toLowerCase())
/** Page of results: lists are paginated everywhere. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
})
