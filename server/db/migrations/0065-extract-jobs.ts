import { type Kysely, sql } from 'kysely'

/**
 * Study extracts made by a background job (issue 14). Taking an extract of 120,000 cases in the
 * request held one transaction for ten seconds, and on SQLite every other request of the service
 * waited behind it. The request now registers the extract and queues its job (`job_id`); the job
 * reads the cases page by page, each page a short transaction of its own, writes the files and
 * sets `ready_at`. `failure` names why a job gave up for good (the study stopped being
 * extractable before it ran). The files stay empty until then, as they are once purged. Extracts
 * taken before this were made in their request: they were ready when they were created.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('study_extracts').addColumn('job_id', 'text').execute()
  await db.schema.alterTable('study_extracts').addColumn('ready_at', 'text').execute()
  await db.schema.alterTable('study_extracts').addColumn('failure', 'text').execute()
  await sql`update study_extracts set ready_at = created_at`.execute(db)
}
