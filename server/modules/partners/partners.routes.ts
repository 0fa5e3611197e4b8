import {
  NeedCategoryInput,
  NeedCategoryList,
  NeedCategoryParams,
  NeedCategoryUpdate,
  NeedCategoryView,
  PartnerListQuery,
  PartnerOrganisationInput,
  PartnerOrganisationList,
  PartnerOrganisationView,
  PartnerSearchQuery,
  PartnerSearchResults,
} from '../../../common/contracts/partners.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { fromJson, toJson } from '../../db/json'
import { defineRoute } from '../../http/define-route'
import { fail, invalidField } from '../../http/errors'
import { asStaff, type StaffTx } from '../../http/staff-fence'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { createOrganisation, updateOrganisation } from './partners.commands'
import { resolvePlace } from './partners.geography'
import { loadOrganisations } from './partners.queries'
import { searchPartners } from './partners.search'

export async function needCategories(tx: StaffTx, code?: string) {
  let q = asStaff(tx).selectFrom('need_categories').selectAll()
  if (code) q = q.where('code', '=', code)
  const rows = await q.orderBy('position').orderBy('code').execute()
  return rows.map((r) => ({ code: r.code, labels: fromJson(r.labels), active: r.active === 1, position: r.position, version: r.version }))
}

async function organisation(tx: StaffTx, id: string) {
  const [view] = await loadOrganisations(tx, { ids: [id] })
  if (!view) throw fail('resource.not_found')
  return view
}

/**
 * The partner directory: read by whoever orients people (intake, workers, leads) and by admins;
 * kept by leads and admins. Not personal data (public descriptions, staff contacts), so reads are
 * not audited; every change is.
 */
export const partnerRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/partners',
    summary: 'The partner directory: organisations with their contacts and services',
    tags: ['partners'],
    query: PartnerListQuery,
    response: PartnerOrganisationList,
    allow: 'partner_directory.read',
    async handler({ query, ctx }) {
      const active = query.active === undefined ? undefined : query.active === 'true'
      return { items: await ctx.unaudited((db) => loadOrganisations(db, active === undefined ? {} : { active })) }
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/partners/search',
    summary:
      'Who can help near here: services covering a place, by need, audience, language and text, most local first, each with why it matched',
    tags: ['partners'],
    query: PartnerSearchQuery,
    response: PartnerSearchResults,
    allow: 'partner_directory.read',
    async handler({ query, ctx }) {
      const place = query.place ? resolvePlace(query.place) : null
      if (query.place && !place) throw invalidField('query.place', 'unknown', 'No Belgian postcode or municipality has this name')
      return ctx.unaudited((db) => searchPartners(db, ctx.services.kind, query, place))
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/partners/:id',
    summary: 'A partner organisation with its contacts and services',
    tags: ['partners'],
    params: IdParams,
    response: PartnerOrganisationView,
    allow: 'partner_directory.read',
    async handler({ params, ctx, reply }) {
      const view = await ctx.unaudited((db) => organisation(db, params.id))
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/partners',
    summary: 'Add a partner organisation with its contacts and services',
    tags: ['partners'],
    body: PartnerOrganisationInput,
    response: PartnerOrganisationView,
    status: 201,
    allow: 'partner_directory.manage',
    async handler({ body, ctx, reply }) {
      return ctx.write('partner.created', async (trx, audit) => {
        const written = await createOrganisation(trx, body, ctx.now())
        audit.subject('partner_organisation', written.id).detail({ services: body.services.length })
        sendVersion(reply, written.version)
        return organisation(trx, written.id)
      })
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/partners/:id',
    summary: 'Change a partner organisation, its contacts and services, written whole (If-Match required)',
    tags: ['partners'],
    params: IdParams,
    body: PartnerOrganisationInput,
    response: PartnerOrganisationView,
    allow: 'partner_directory.manage',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      if (body.id && body.id !== params.id) throw invalidField('id', 'mismatch', 'The id is not the one of the address')
      return ctx.write('partner.updated', async (trx, audit) => {
        audit.subject('partner_organisation', params.id).detail({ services: body.services.length })
        const written = await updateOrganisation(trx, params.id, version, body, ctx.now())
        sendVersion(reply, written.version)
        return organisation(trx, params.id)
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/need-categories',
    summary: 'Need categories of the partner directory, active and retired, in their order',
    tags: ['partners'],
    response: NeedCategoryList,
    allow: 'partner_directory.read',
    async handler({ ctx }) {
      return { items: await ctx.unaudited((db) => needCategories(db)) }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/need-categories',
    summary: 'Add a need category',
    tags: ['partners'],
    body: NeedCategoryInput,
    response: NeedCategoryView,
    status: 201,
    allow: 'need_category.manage',
    async handler({ body, ctx, reply }) {
      return ctx.write('need_category.created', async (trx, audit) => {
        audit.subject('need_category', body.code)
        const exists = await trx.selectFrom('need_categories').select('code').where('code', '=', body.code).executeTakeFirst()
        if (exists) throw invalidField('code', 'taken', 'A need category has this code')
        await trx
          .insertInto('need_categories')
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
        const [view] = await needCategories(trx, body.code)
        if (!view) throw fail('resource.not_found')
        return view
      })
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/need-categories/:code',
    summary: 'Rename, reorder or retire a need category (If-Match required); services keep the code they are filed under',
    tags: ['partners'],
    params: NeedCategoryParams,
    body: NeedCategoryUpdate,
    response: NeedCategoryView,
    allow: 'need_category.manage',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('need_category.updated', async (trx, audit) => {
        audit.subject('need_category', params.code)
        const result = await trx
          .updateTable('need_categories')
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
          const found = await trx.selectFrom('need_categories').select('code').where('code', '=', params.code).executeTakeFirst()
          throw fail(found ? 'version.mismatch' : 'resource.not_found')
        }
        sendVersion(reply, version + 1)
        const [view] = await needCategories(trx, params.code)
        if (!view) throw fail('resource.not_found')
        return view
      })
    },
  }),
]
