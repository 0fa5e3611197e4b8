import { ThemeInput, ThemeList, ThemeParams, ThemeUpdate, ThemeView } from '../../../common/contracts/contacts.contracts'
import { toJson, fromJson } from '../../db/json'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { asStaff, type StaffTx } from '../../http/staff-fence'
import { expectedVersion, sendVersion } from '../../http/versioning'

async function themes(tx: StaffTx, code?: string) {
  let q = asStaff(tx).selectFrom('contact_themes').selectAll()
  if (code) q = q.where('code', '=', code)
  const rows = await q.orderBy('position').orderBy('code').execute()
  return rows.map((r) => ({ code: r.code, labels: fromJson(r.labels), active: r.active === 1, position: r.position, version: r.version }))
}

/** The themes a contact is filed under: a list the admins keep, with labels in the four languages. */
export const contactThemeRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/contact-themes',
    summary: 'Themes of contacts, active and retired, in their order',
    tags: ['contacts'],
    response: ThemeList,
    allow: 'contact_theme.read',
    async handler({ ctx }) {
      return { items: await ctx.unaudited((db) => themes(db)) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/contact-themes',
    summary: 'Add a theme',
    tags: ['contacts'],
    body: ThemeInput,
    response: ThemeView,
    status: 201,
    allow: 'contact_theme.manage',
    async handler({ body, ctx, reply }) {
      return ctx.write('contact_theme.created', async (trx, audit) => {
        audit.subject('contact_theme', body.code)
        const exists = await trx.selectFrom('contact_themes').select('code').where('code', '=', body.code).executeTakeFirst()
        if (exists) throw fail('conflict.theme_code_taken')
        await trx
          .insertInto('contact_themes')
          .values({
            code: body.code,
            labels: toJson(body.labels),
            active: body.active ? 1 : 0,
            position: body.position,
            updated_at: ctx.now(),
            version: 1,
          })
          .execute()
        sendVersion(reply, 1)
        const [view] = await themes(trx, body.code)
        if (!view) throw fail('resource.not_found')
        return view
      })
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/contact-themes/:code',
    summary: 'Rename, reorder or retire a theme (If-Match required); contacts keep the code they were filed under',
    tags: ['contacts'],
    params: ThemeParams,
    body: ThemeUpdate,
    response: ThemeView,
    allow: 'contact_theme.manage',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('contact_theme.updated', async (trx, audit) => {
        audit.subject('contact_theme', params.code)
        const result = await trx
          .updateTable('contact_themes')
          .set({
            labels: toJson(body.labels),
            active: body.active ? 1 : 0,
            position: body.position,
            updated_at: ctx.now(),
            version: version + 1,
          })
          .where('code', '=', params.code)
          .where('version', '=', version)
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) === 0) {
          const found = await trx.selectFrom('contact_themes').select('code').where('code', '=', params.code).executeTakeFirst()
          throw fail(found ? 'version.mismatch' : 'resource.not_found')
        }
        sendVersion(reply, version + 1)
        const [view] = await themes(trx, params.code)
        if (!view) throw fail('resource.not_found')
        return view
      })
    },
  }),
]
