import {
  NewSheetInput,
  PublicSheetList,
  PublicSheetParams,
  PublicSheetView,
  SheetHistory,
  SheetLanguageQuery,
  SheetList,
  SheetListQuery,
  SheetMetadata,
  SheetParams,
  SheetTextInput,
  SheetTextParams,
  SheetVersionParams,
  SheetVersionView,
  SheetView,
} from '../../../common/contracts/sheets.contracts'
import { rolesGrant } from '../../../common/permissions'
import type { RequestContext } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { createSheet, publishDraft, saveDraft, unpublish, updateSheet } from './sheets.commands'
import { getSheet, listSheets, publicSheet, publicSheets, sheetHistory, sheetVersion } from './sheets.queries'

/**
 * Information sheets are staff-written knowledge, not personal data: reads are not audited (the
 * fenced staff handle), every change is (ctx.write, kind `system` like instrument definitions).
 */
const manages = (ctx: RequestContext) => rolesGrant(ctx.user.roles, 'sheet.manage')
const by = (ctx: RequestContext) => ({ userId: ctx.user.userId, now: ctx.now() })

/** The sheet as it stands after a change, with its record version as ETag. */
async function answer(ctx: RequestContext, id: string, language: SheetView['language'], reply: Parameters<typeof sendVersion>[0]) {
  const view = await ctx.unaudited((db) => getSheet(db, id, language, true))
  if (!view) throw fail('resource.not_found')
  sendVersion(reply, view.version)
  return view
}

export const sheetRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/sheets',
    summary: 'Information sheets, with their languages; searched in one language (full text, ranked) when q is given',
    tags: ['sheets'],
    query: SheetListQuery,
    response: SheetList,
    allow: 'sheet.read',
    async handler({ query, ctx }) {
      const manager = manages(ctx)
      return ctx.unaudited((db) => listSheets(db, ctx.services.kind, query, manager))
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/sheets/:id',
    summary: 'One sheet in one language: its published text there, or none (with the languages it has)',
    tags: ['sheets'],
    params: SheetParams,
    query: SheetLanguageQuery,
    response: SheetView,
    allow: 'sheet.read',
    async handler({ params, query, ctx, reply }) {
      const view = await ctx.unaudited((db) => getSheet(db, params.id, query.language, manages(ctx)))
      if (!view) throw fail('resource.not_found')
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/sheets/:id/texts/:language/versions',
    summary: "The numbered versions of a sheet's text in one language, newest first",
    tags: ['sheets'],
    params: SheetTextParams,
    response: SheetHistory,
    allow: 'sheet.read',
    async handler({ params, ctx }) {
      const history = await ctx.unaudited((db) => sheetHistory(db, params.id, params.language, manages(ctx)))
      if (!history) throw fail('resource.not_found')
      return history
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/sheets/:id/texts/:language/versions/:version',
    summary: "One version of a sheet's text, as it was written (earlier versions stay readable)",
    tags: ['sheets'],
    params: SheetVersionParams,
    response: SheetVersionView,
    allow: 'sheet.read',
    async handler({ params, ctx }) {
      const found = await ctx.unaudited((db) => sheetVersion(db, params.id, params.language, params.version, manages(ctx)))
      if (!found) throw fail('resource.not_found')
      return found
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/sheets',
    summary: 'A new sheet with a first draft in one language',
    tags: ['sheets'],
    body: NewSheetInput,
    response: SheetView,
    status: 201,
    allow: 'sheet.manage',
    async handler({ body, ctx, reply }) {
      const { id } = await ctx.write('sheet.created', async (trx, audit) => {
        const created = await createSheet(trx, body, by(ctx))
        audit.subject('sheet', created.id).detail({ code: body.code, language: body.language, version: created.version })
        return created
      })
      return answer(ctx, id, body.language, reply)
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/sheets/:id',
    summary: "A sheet's kind, audiences, themes and public flag",
    tags: ['sheets'],
    params: SheetParams,
    query: SheetLanguageQuery,
    body: SheetMetadata,
    response: SheetView,
    allow: 'sheet.manage',
    async handler({ params, query, body, ctx, request, reply }) {
      const expected = expectedVersion(request)
      await ctx.write('sheet.updated', async (trx, audit) => {
        audit.subject('sheet', params.id).detail({ public: body.public })
        await updateSheet(trx, params.id, expected, body, by(ctx))
      })
      return answer(ctx, params.id, query.language, reply)
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/sheets/:id/texts/:language',
    summary: "Saves the draft of a sheet's text in one language (a published text is never changed: a new version starts)",
    tags: ['sheets'],
    params: SheetTextParams,
    body: SheetTextInput,
    response: SheetView,
    allow: 'sheet.manage',
    async handler({ params, body, ctx, request, reply }) {
      const expected = expectedVersion(request)
      await ctx.write('sheet.draft_saved', async (trx, audit) => {
        audit.subject('sheet', params.id)
        const saved = await saveDraft(trx, params.id, params.language, expected, body, by(ctx))
        audit.detail({ language: params.language, version: saved.version, created: saved.created })
      })
      return answer(ctx, params.id, params.language, reply)
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/sheets/:id/texts/:language/publish',
    summary: 'Publishes the draft of a text; the version published before it is kept, archived',
    tags: ['sheets'],
    params: SheetTextParams,
    response: SheetView,
    allow: 'sheet.manage',
    async handler({ params, ctx, request, reply }) {
      const expected = expectedVersion(request)
      await ctx.write('sheet.published', async (trx, audit) => {
        audit.subject('sheet', params.id)
        const done = await publishDraft(trx, ctx.services.kind, params.id, params.language, expected, by(ctx))
        audit.detail({ language: params.language, version: done.version, replaced: done.replaced })
      })
      return answer(ctx, params.id, params.language, reply)
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/sheets/:id/texts/:language/unpublish',
    summary: 'Withdraws the published text of one language (kept, archived)',
    tags: ['sheets'],
    params: SheetTextParams,
    response: SheetView,
    allow: 'sheet.manage',
    async handler({ params, ctx, request, reply }) {
      const expected = expectedVersion(request)
      await ctx.write('sheet.unpublished', async (trx, audit) => {
        audit.subject('sheet', params.id)
        const done = await unpublish(trx, ctx.services.kind, params.id, params.language, expected, by(ctx))
        audit.detail({ language: params.language, version: done.version })
      })
      return answer(ctx, params.id, params.language, reply)
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/public/sheets',
    summary: 'Public information sheets published in one language (no sign-in)',
    tags: ['sheets'],
    query: SheetLanguageQuery,
    response: PublicSheetList,
    allow: 'public',
    async handler({ query, ctx }) {
      return ctx.unaudited((db) => publicSheets(db, query.language))
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/public/sheets/:code',
    summary: 'One public information sheet in one language, or the languages it has (no sign-in)',
    tags: ['sheets'],
    params: PublicSheetParams,
    query: SheetLanguageQuery,
    response: PublicSheetView,
    allow: 'public',
    async handler({ params, query, ctx }) {
      const found = await ctx.unaudited((db) => publicSheet(db, params.code, query.language))
      if (!found) throw fail('resource.not_found')
      return found
    },
  }),
]
