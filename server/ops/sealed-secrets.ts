import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema'
import { mfaAad } from '../modules/auth/mfa.command'
import { breachAad } from '../modules/breaches/breaches'
import { extractKeyAad } from '../modules/extracts/extract.seal'
import { practiceAad } from '../modules/practice-notes/practice-notes'
import { trainingAad } from '../modules/training-sessions/training-sessions'

/**
 * Every column sealed with a system secret (`sealSecret`, under the master key itself rather
 * than a person's key): `keys rotate` seals each again under the new master and `keys verify`
 * checks each, so retiring the old master never leaves one unreadable. A module that calls
 * `sealSecret` registers its columns here; architecture.test.ts fails until it does.
 * An empty value is nothing sealed (a deleted extract's key).
 */
export const SECRET_COLUMNS: readonly { table: keyof Database; column: string; aad: (id: string) => string }[] = [
  { table: 'users', column: 'mfa_secret_sealed', aad: mfaAad },
  { table: 'study_extracts', column: 'key_sealed', aad: extractKeyAad },
  { table: 'practice_notes', column: 'title_sealed', aad: (id) => practiceAad('practice_notes', 'title', id) },
  { table: 'practice_notes', column: 'body_sealed', aad: (id) => practiceAad('practice_notes', 'body', id) },
  { table: 'practice_note_comments', column: 'body_sealed', aad: (id) => practiceAad('practice_note_comments', 'body', id) },
  { table: 'breaches', column: 'content_sealed', aad: breachAad },
  { table: 'training_sessions', column: 'title_sealed', aad: (id) => trainingAad('title', id) },
  { table: 'training_sessions', column: 'organisation_sealed', aad: (id) => trainingAad('organisation', id) },
  { table: 'training_sessions', column: 'note_sealed', aad: (id) => trainingAad('note', id) },
]

type Secret = { id: string; sealed: string }

/** The sealed values of one registered column, by id. Few rows each: staff, studies, notes. */
export async function sealedValues(db: Kysely<Database>, table: string, column: string): Promise<Secret[]> {
  const rows = await sql<Secret>`select id, ${sql.ref(column)} as sealed from ${sql.table(table)}
    where ${sql.ref(column)} is not null and ${sql.ref(column)} <> ''`.execute(db)
  return rows.rows
}

/** Replaces one sealed value, unless the row changed since it was read (then the next run takes it). */
export async function replaceSealed(db: Kysely<Database>, table: string, column: string, secret: Secret, again: string) {
  await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${again}
    where id = ${secret.id} and ${sql.ref(column)} = ${secret.sealed}`.execute(db)
}
