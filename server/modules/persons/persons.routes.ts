import { PersonInput, PersonSearchQuery, PersonSearchResult, PersonView } from '../../../common/contracts/persons.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { isBroadNameQuery, parseCaseCode, parsePersonCode, SEARCH_CAP } from '../../../common/person-search'
import type { RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { personsOfVisibleCaseCode } from '../../security/person-cases'
import { idsByCode, type NameMatch, openPerson, readablePersonIds, searchByName, searchRows } from '../../security/person-access'
import { recordView } from '../recent/recent.commands'
import { createPerson, updatePerson } from './persons.commands'
import { presentMatch, presentPerson } from './persons.presenter'

/** The person with this code, if any: a code is exact, so it matches fully or not at all. */
async function byCode(ctx: RequestContext, trx: Trx, code: string): Promise<{ matches: NameMatch[]; capped: boolean; compared: number }> {
  return matchesOf(ctx, trx, await idsByCode(trx, code))
}

/** The persons of the case with this code, when the caller sees the case (nobody otherwise). */
async function byCaseCode(ctx: RequestContext, trx: Trx, code: string) {
  return matchesOf(ctx, trx, await personsOfVisibleCaseCode(trx, ctx.user, code))
}

async function matchesOf(
  ctx: RequestContext,
  trx: Trx,
  ids: string[],
): Promise<{ matches: NameMatch[]; capped: boolean; compared: number }> {
  const readable = await readablePersonIds(trx, ctx.user, ids)
  return {
    matches: ids.map((personId) => ({ personId, readable: readable.has(personId), score: 100, exact: true })),
    capped: false,
    compared: ids.length,
  }
}

async function loadView(ctx: RequestContext, trx: Trx, id: string) {
  const row = await openPerson(trx, ctx.user, id)
  const key = await ctx.codec.personKey(trx, id)
  return presentPerson(row, ctx.codec.openRow('persons', key, id, row))
}

export const personRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/persons/search',
    summary: `Find persons by name (spelling-tolerant), person code or the code of a case the caller sees: at most ${SEARCH_CAP}, reduced to what tells namesakes apart unless the caller may open them; a reason for broad queries`,
    tags: ['persons'],
    // POST, so that the name searched for never appears in a URL or an access log.
    body: PersonSearchQuery,
    response: PersonSearchResult,
    allow: 'person.search',
    async handler({ body, ctx }) {
      return ctx.read('person.searched', async (trx, audit) => {
        const code = parsePersonCode(body.q)
        const caseCode = code ? null : parseCaseCode(body.q)
        const named =
          code || caseCode
            ? null
            : await searchByName(trx, ctx.user, ctx.names.query(body.q), body.q, {
                readableOnly: isBroadNameQuery(body.q),
                limit: SEARCH_CAP,
                codec: ctx.codec,
                birthYear: body.birthYear ?? null,
              })
        const { matches: shown, capped, compared } = named ?? (code ? await byCode(ctx, trx, code) : await byCaseCode(ctx, trx, caseCode!))
        const ids = shown.map((m) => m.personId)
        // A search by name read what it shows with the names it compared.
        const [rows, keys] = await Promise.all([named ? named.rows : searchRows(trx, ids), ctx.codec.personKeys(trx, ids)])
        const rowOf = new Map(rows.map((r) => [r.id, r]))
        const items = []
        for (const m of shown) {
          const row = rowOf.get(m.personId)
          const key = keys.get(m.personId)
          // A person without a key was crypto-shredded: nothing of them can be shown.
          if (!row || !key) continue
          items.push({ personId: m.personId, item: presentMatch(row, ctx.codec.openRow('persons', key, row.id, row), m), score: m.score })
        }
        // In the search's order: exact spellings, then the birth year given, then the most alike.
        audit.shows(items.map((i) => i.personId))
        // Why and how the register was searched, how many names were compared (their keys were
        // opened, so they are on the entry too) and how many shown; never what was typed.
        audit.detail({
          by: code ? 'code' : caseCode ? 'case_code' : 'name',
          reason: body.reason ?? null,
          shown: items.length,
          compared,
          capped,
        })
        return { items: items.map((i) => i.item), capped }
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
        await recordView(trx, ctx.user.userId, 'person', params.id, ctx.now())
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
        const person = await openPerson(trx, ctx.user, params.id)
        await updatePerson(ctx, trx, person, version, body)
        const view = await loadView(ctx, trx, params.id)
        sendVersion(reply, view.version)
        return view
      })
    },
  }),
]
