import { dpoExportJob } from '../modules/dpo-exports/dpo-export.job'
import { extractPurgeJob, scheduleExtractPurge } from '../modules/extracts/extract-purge.job'
import { studyExtractJob } from '../modules/extracts/extract.job'
import { referralExpiryJob, scheduleReferralExpiry } from '../modules/referrals/referral-expiry'
import { retentionProposeJob, scheduleRetention } from '../modules/retention/retention.job'
import type { Db } from '../db/database'
import type { JobDefinition } from './job.definition'

/**
 * Every kind of job the app runs, listed (like API_ROUTES) rather than discovered: a runner
 * claims only kinds it knows, so a job queued by a newer version waits for an instance that has it.
 * Modules add theirs here: the e-mail outbox, subject-access exports, retention, research extracts.
 */
export const JOB_KINDS: readonly JobDefinition[] = [referralExpiryJob, dpoExportJob, retentionProposeJob, extractPurgeJob, studyExtractJob]

/**
 * Daily jobs: each is queued for today (Brussels) when an instance starts, and each run queues
 * the next day's. A per-date dedupe key keeps one run a day whatever the instances and restarts.
 */
export const DAILY_JOBS: readonly ((db: Db, date: string) => Promise<unknown>)[] = [
  scheduleReferralExpiry,
  scheduleRetention,
  scheduleExtractPurge,
]
