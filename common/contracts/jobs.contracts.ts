import { z } from 'zod'

/** A background job's life: waiting (or waiting to retry), leased by a runner, finished, given up. */
export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const
export type JobState = (typeof JOB_STATES)[number]

/** A job as the operator sees it: kind, state and progress; never its payload. */
export const JobView = z.object({
  id: z.uuid(),
  kind: z.string(),
  state: z.enum(JOB_STATES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAfter: z.string(),
  lastError: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int().nullable() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
})
export type JobView = z.infer<typeof JobView>
export const JobList = z.object({ items: z.array(JobView) })
