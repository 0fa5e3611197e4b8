import type { JobDefinition } from './job.definition'

/**
 * Every kind of job the app runs, listed (like API_ROUTES) rather than discovered: a runner
 * claims only kinds it knows, so a job queued by a newer version waits for an instance that has it.
 * Modules add theirs here: the e-mail outbox, subject-access exports, retention, research extracts.
 */
export const JOB_KINDS: readonly JobDefinition[] = []
