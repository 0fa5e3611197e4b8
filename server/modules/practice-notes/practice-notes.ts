import crypto from 'node:crypto'
import type { z } from 'zod'
import type {
  PracticeCommentInput,
  PracticeNoteInput,
  PracticeNoteQuery,
  PracticeNoteSummary,
  PracticeNoteView,
  PracticeTheme,
} from '../../../common/contracts/practice-notes.contracts'
import type { LifeDomain } from '../../../common/contracts/desistance.contracts'
import { fromJson, type Json, toJson } from '../../db/json'
import type { RecordingCodec, Row, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { checkPracticeText } from './practice-text'

type NoteInput = z.output<typeof PracticeNoteInput>
type NoteRow = Row<'practice_notes'>

// Sealed with a system secret bound to the row and column: a slip that quotes someone stays unreadable in a dump.
export const practiceAad = (table: string, column: string, id: string) => `${table}.${column}:${id}`
const aad = practiceAad

async function names(trx: Trx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const users = await trx
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(users.map((u) => [u.id, u.display_name]))
}

function summary(codec: RecordingCodec, r: NoteRow, users: Map<string, string>, comments: number): PracticeNoteSummary {
  return {
    id: r.id,
    title: codec.openSecret(r.title_sealed, aad('practice_notes', 'title', r.id)),
    themes: fromJson(r.themes),
    lifeDomains: fromJson(r.life_domains),
    evidence: r.evidence === null ? null : fromJson(r.evidence),
    author: { id: r.author_id, displayName: users.get(r.author_id) ?? '' },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    comments,
  }
}

/** A LIKE pattern for one code in a JSON array of codes (both engines store the array as text). */
const containing = <T>(code: string) => `%"${code}"%` as Json<T>

export async function listNotes(
  trx: Trx,
  codec: RecordingCodec,
  query: z.output<typeof PracticeNoteQuery>,
): Promise<{ items: PracticeNoteSummary[]; total: number }> {
  let base = trx.selectFrom('practice_notes')
  // Codes are stored as a JSON array of distinct words: the quoted code matches one element only.
  if (query.theme) base = base.where('themes', 'like', containing<PracticeTheme[]>(query.theme))
  if (query.domain) base = base.where('life_domains', 'like', containing<LifeDomain[]>(query.domain))
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  const counts =
    rows.length === 0
      ? []
      : await trx
          .selectFrom('practice_note_comments')
          .select((eb) => ['note_id', eb.fn.countAll<number>().as('n')])
          .where(
            'note_id',
            'in',
            rows.map((r) => r.id),
          )
          .groupBy('note_id')
          .execute()
  const byNote = new Map(counts.map((c) => [c.note_id, Number(c.n)]))
  const users = await names(
    trx,
    rows.map((r) => r.author_id),
  )
  return { items: rows.map((r) => summary(codec, r, users, byNote.get(r.id) ?? 0)), total: Number(total.n) }
}

export async function loadNote(trx: Trx, codec: RecordingCodec, id: string, me: string): Promise<PracticeNoteView> {
  const row = await trx.selectFrom('practice_notes').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const comments = await trx
    .selectFrom('practice_note_comments')
    .selectAll()
    .where('note_id', '=', id)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const users = await names(trx, [row.author_id, ...comments.map((c) => c.author_id)])
  return {
    ...summary(codec, row, users, comments.length),
    body: codec.openSecret(row.body_sealed, aad('practice_notes', 'body', row.id)),
    version: row.version,
    mine: row.author_id === me,
    commentList: comments.map((c) => ({
      id: c.id,
      body: codec.openSecret(c.body_sealed, aad('practice_note_comments', 'body', c.id)),
      author: { id: c.author_id, displayName: users.get(c.author_id) ?? '' },
      createdAt: c.created_at,
    })),
  }
}

async function checkNote(trx: Trx, input: NoteInput) {
  checkPracticeText({ title: input.title, body: input.body })
  if (input.evidence) {
    const team = await trx.selectFrom('teams').select('id').where('id', '=', input.evidence.teamId).executeTakeFirst()
    if (!team) throw invalidField('evidence.teamId', 'unknown_team', 'Unknown team')
  }
}

function columns(codec: RecordingCodec, id: string, input: NoteInput, now: string) {
  return {
    title_sealed: codec.sealSecret(input.title, aad('practice_notes', 'title', id)),
    body_sealed: codec.sealSecret(input.body, aad('practice_notes', 'body', id)),
    themes: toJson(input.themes),
    life_domains: toJson(input.lifeDomains),
    evidence: input.evidence ? toJson(input.evidence) : null,
    updated_at: now,
  }
}

export async function createNote(trx: Trx, codec: RecordingCodec, input: NoteInput, me: string, now: string): Promise<string> {
  await checkNote(trx, input)
  const id = crypto.randomUUID()
  await trx
    .insertInto('practice_notes')
    .values({ id, author_id: me, ...columns(codec, id, input, now), created_at: now, version: 1 })
    .execute()
  return id
}

/** Only the author changes a note; others answer it in comments. */
export async function updateNote(trx: Trx, codec: RecordingCodec, id: string, expected: number, input: NoteInput, me: string, now: string) {
  const row = await trx.selectFrom('practice_notes').select(['author_id', 'version']).where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  if (row.author_id !== me) throw fail('access.forbidden')
  if (row.version !== expected) throw fail('version.mismatch')
  await checkNote(trx, input)
  const res = await trx
    .updateTable('practice_notes')
    .set({ ...columns(codec, id, input, now), version: expected + 1 })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  if (Number(res.numUpdatedRows) !== 1) throw fail('version.mismatch')
}

export async function addComment(
  trx: Trx,
  codec: RecordingCodec,
  noteId: string,
  input: z.output<typeof PracticeCommentInput>,
  me: string,
  now: string,
): Promise<string> {
  const note = await trx.selectFrom('practice_notes').select('id').where('id', '=', noteId).executeTakeFirst()
  if (!note) throw fail('resource.not_found')
  checkPracticeText({ body: input.body })
  const id = crypto.randomUUID()
  await trx
    .insertInto('practice_note_comments')
    .values({
      id,
      note_id: noteId,
      author_id: me,
      body_sealed: codec.sealSecret(input.body, aad('practice_note_comments', 'body', id)),
      created_at: now,
    })
    .execute()
  return id
}
