import {
  PracticeCommentInput,
  PracticeNoteInput,
  PracticeNoteList,
  PracticeNoteParams,
  PracticeNoteQuery,
  PracticeNoteView,
} from '../../../common/contracts/practice-notes.contracts'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { addComment, createNote, listNotes, loadNote, updateNote } from './practice-notes'

/** Issue 14: observations and hypotheses about practice, shared across the service and discussed with researchers. */
export const practiceNoteRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/practice-notes',
    summary: 'Practice notes, newest first, filtered by theme or life domain',
    tags: ['practice-notes'],
    query: PracticeNoteQuery,
    response: PracticeNoteList,
    allow: 'practice_note.read',
    async handler({ ctx, query }) {
      return ctx.read('practice_note.listed', async (trx, audit) => {
        audit.detail({ theme: query.theme ?? null, domain: query.domain ?? null })
        return listNotes(trx, ctx.codec, query)
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/practice-notes',
    summary: 'Write a practice note; a text naming a case, a person, an id, an e-mail or a phone is refused',
    tags: ['practice-notes'],
    body: PracticeNoteInput,
    response: PracticeNoteView,
    status: 201,
    allow: 'practice_note.write',
    async handler({ ctx, body, reply }) {
      const view = await ctx.write('practice_note.created', async (trx, audit) => {
        const id = await createNote(trx, ctx.codec, body, ctx.user.userId, ctx.now())
        audit.subject('practice_note', id).detail({ themes: body.themes, evidence: body.evidence !== null })
        return loadNote(trx, ctx.codec, id, ctx.user.userId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/practice-notes/:noteId',
    summary: 'One practice note with its comments',
    tags: ['practice-notes'],
    params: PracticeNoteParams,
    response: PracticeNoteView,
    allow: 'practice_note.read',
    async handler({ ctx, params, reply }) {
      const view = await ctx.read('practice_note.viewed', async (trx, audit) => {
        audit.subject('practice_note', params.noteId)
        return loadNote(trx, ctx.codec, params.noteId, ctx.user.userId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/practice-notes/:noteId',
    summary: "Change one's own practice note (If-Match)",
    tags: ['practice-notes'],
    params: PracticeNoteParams,
    body: PracticeNoteInput,
    response: PracticeNoteView,
    allow: 'practice_note.write',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('practice_note.updated', async (trx, audit) => {
        audit.subject('practice_note', params.noteId).detail({ themes: body.themes, evidence: body.evidence !== null })
        await updateNote(trx, ctx.codec, params.noteId, expected, body, ctx.user.userId, ctx.now())
        return loadNote(trx, ctx.codec, params.noteId, ctx.user.userId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/practice-notes/:noteId/comments',
    summary: 'Answer a practice note; the same refusals as the note',
    tags: ['practice-notes'],
    params: PracticeNoteParams,
    body: PracticeCommentInput,
    response: PracticeNoteView,
    status: 201,
    allow: 'practice_note.comment',
    async handler({ ctx, params, body, reply }) {
      const view = await ctx.write('practice_note.commented', async (trx, audit) => {
        const id = await addComment(trx, ctx.codec, params.noteId, body, ctx.user.userId, ctx.now())
        audit.subject('practice_note', params.noteId).detail({ commentId: id })
        return loadNote(trx, ctx.codec, params.noteId, ctx.user.userId)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
]
