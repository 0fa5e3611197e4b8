import { PersonInput, PersonSearchQuery, PersonSearchResult, PersonView } from '../../../common/contracts/persons.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { municipalityOf } from '../postcodes/postcodes.data'
import { parsePersonCode } from './person-code'
import { createPerson, updatePerson } from './persons.commands'
import { presentPerson } from './persons.presenter'
import { findVisiblePerson, readableIds, searchByName } from './persons.queries'

async function loadView(ctx: RequestContext, trx: Trx, id: string) {
  const row = await findVisiblePerson(trx, ctx.user, id)
  const key = await ctx.codec.personKey(trx, id)
  return presentPerson(row, ctx.codec.openRow('persons', key, id, row))
}

export const personRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/persons/search',
    summary: 'Find persons by name (spelling-tolerant) or person code; minimal identity only',
    tags: ['persons'],
    // POST, so that the name searched for never appears in a URL or an access log.
    body: PersonSearchQuery,
    response: PersonSearchResult,
    allow: 'person.search',
    async handler({ body, ctx }) {
      return ctx.read('person.searched', async (trx, audit) => {
        const code = parsePersonCode(body.q)
        const ids = code
          ? (await trx.selectFrom('persons').select('id').where('code', '=', code).execute()).map((r) => r.id)
          : await searchByName(trx, ctx.names, body.q, body.limit)
        const rows = ids.length
          ? await trx
              .selectFrom('persons')
              .select(['id', 'code', 'first_name_sealed', 'last_name_sealed', 'birth_year_sealed', 'postcode'])
              .where('id', 'in', ids)
              .execute()
          : []
        const readable = await readableIds(trx, ctx.user, ids)
        const keys = await ctx.codec.personKeys(trx, ids)
        const items = []
        for (const row of rows) {
          const key = keys.get(row.id)
          // A person without a key was crypto-shredded: nothing of them can be shown.
          if (!key) continue
          const plain = ctx.codec.openRow('persons', key, row.id, row)
          items.push({
            id: row.id,
            code: row.code,
            firstName: plain.first_name as string,
            lastName: plain.last_name as string,
            birthYear: (plain.birth_year as number | null) ?? null,
            municipality: municipalityOf(row.postcode)?.locality ?? null,
            readable: readable.has(row.id),
          })
        }
        items.sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'))
        // Which records were shown, never what was typed.
        audit.detail({ by: code ? 'code' : 'name', shown: items.map((i) => i.id) })
        return { items }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/persons',
    summary: 'Create a person',
    tags: ['persons'],
    body: PersonInput,
    response: PersonView,
    status: 201,
    allow: 'person.create',
    async handler({ body, ctx, reply }) {
      return ctx.write('person.created', async (trx, audit) => {
        const id = await createPerson(ctx, trx, body)
        audit.subject('person', id)
        const view = await loadView(ctx, trx, id)
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/persons/:id',
    summary: 'Read a person in full (404 unless the caller may see them)',
    tags: ['persons'],
    params: IdParams,
    response: PersonView,
    allow: 'person.read',
    async handler({ params, ctx, reply }) {
      return ctx.read('person.viewed', async (trx, audit) => {
        audit.subject('person', params.id)
        const view = await loadView(ctx, trx, params.id)
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/persons/:id',
    summary: 'Replace a person record (If-Match required; 412 when stale)',
    tags: ['persons'],
    params: IdParams,
    body: PersonInput,
    response: PersonView,
    allow: 'person.update',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('person.updated', async (trx, audit) => {
        audit.subject('person', params.id)
        await findVisiblePerson(trx, ctx.user, params.id)
        await updatePerson(ctx, trx, params.id, version, body)
        const view = await loadView(ctx, trx, params.id)
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
]
