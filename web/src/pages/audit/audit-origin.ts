/** Where an audit entry came from, in words a DPO reads, rather than the request's identifier. */
export type OriginKind = 'web' | 'job' | 'schedule' | 'cli' | 'seed' | 'other'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The server writes a request's id (a UUID, the "reference" a user reads on an error) for what
 * came through the web app, `job:<id>` for a background job, `schedule:…` for a scheduled run,
 * `cli` for the command line and `seed-…` for demonstration data (server/seed/system-context.ts).
 */
export function originKind(requestId: string | null): OriginKind | null {
  if (!requestId) return null
  if (UUID.test(requestId)) return 'web'
  if (requestId.startsWith('job:')) return 'job'
  if (requestId.startsWith('schedule:')) return 'schedule'
  if (requestId === 'cli') return 'cli'
  if (requestId.startsWith('seed')) return 'seed'
  return 'other'
}

/** The id is worth showing (on demand) when it says more than its kind: a request, a job, a day's run. */
export const hasReference = (kind: OriginKind | null): boolean =>
  kind === 'web' || kind === 'job' || kind === 'schedule' || kind === 'other'
