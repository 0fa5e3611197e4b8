import {
  AuditActorList,
  AuditList,
  AuditQuery,
  AuditSearch,
  AuditSearchResult,
  AuditVerification,
} from '../../../common/contracts/audit.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { idsByCode, personCodes, searchByName } from '../../security/person-access'
import { isBroadNameQuery, parsePersonCode, SEARCH_CAP } from '../../../common/person-search'
import { readLog } from './audit-log.queries'

type Query = Pick<typeof AuditQuery._zod.output, 'personCode' | 'personId'>
type Filters = Omit<typeof AuditSearch._zod.output, 'personName' | 'personCode'>

/** What the DPO asked, never the values typed (a name, a code, dates): the persons and user asked about are the entry's own fields. */
function describe(query: Filters & { personName?: string; personCode?: string; personId?: string }, extra: Record<string, unknown> = {}) {
  const filters = Object.keys(query).filter((k) => k !== 'limit' && k !== 'offset')
  return { filters, ...(query.kind ? { kind: query.kind } : {}), ...(query.action ? { action: query.action } : {}), ...extra }
}

const logFilter = (q: Filters) => ({ actorId: q.actorId, kind: q.kind, action: q.action, from: q.from, to: q.to })

/**
 * The persons a name designates, with the spelling-tolerant search the contact point uses: the
 * DPO opens nobody, so a person is found only by first and last name together (ADR 0006), and
 * when some spellings are exact only those count, so that "who read Julien Dupont" is not also
 * about Julien Dupond. The names compared are opened and recorded on the entry, as for any search.
 */
export async function personsNamed(ctx: RequestContext, trx: Trx, name: string): Promise<string[]> {
  const { matches } = await searchByName(trx, ctx.user, ctx.names.query(name), name, {
    readableOnly: isBroadNameQuery(name),
    limit: SEARCH_CAP,
    codec: ctx.codec,
  })
  const exact = matches.filter((m) => m.exact)
  return (exact.length ? exact : matches).map((m) => m.personId)
}

/**
 * The person the DPO asks about: by id, or by code resolved here. Null when nobody matches (an
 * unknown code, or a code and an id of two different persons): the answer is then an empty page,
 * the same as for a person nobody read, so that a code's existence is not told apart otherwise.
 */
export async function personAskedAbout(trx: Trx, query: Query): Promise<string | null | undefined> {
  if (!query.personCode) return query.personId
  const code = parsePersonCode(query.personCode)
  const [id] = code ? await idsByCode(trx, code) : []
  if (!id || (query.personId && query.personId !== id)) return null
  return id
}

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/audit',
    summary: 'The audit log, newest first: by person (code or id, list reads included), actor, kind of action, action and dates',
    tags: ['audit'],
    query: AuditQuery,
    response: AuditList,
    allow: 'audit.read',
    async handler({ query, ctx }) {
      return ctx.read('audit.viewed', async (trx, audit) => {
        audit.detail(describe(query))
        if (query.actorId) audit.subject('user', query.actorId)
        const personId = await personAskedAbout(trx, query)
        if (personId === null) return { items: [], total: 0 }
        if (personId) audit.person(personId)
        // The page shows the pseudonymous codes of the persons of each entry, never their data: the
        // entry names the person asked about, not every code listed, or each look-up would bury
        // the answer to "who read this person" under the DPO's own.
        return readLog(trx, { personId, ...logFilter(query) }, { limit: query.limit, offset: query.offset })
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/audit/search',
    summary:
      "The audit log filtered as GET /api/audit does, or by a person's first and last name (spelling-tolerant): POST, so that the name is in no URL",
    tags: ['audit'],
    // POST, so that the name asked about never appears in a URL or an access log.
    body: AuditSearch,
    response: AuditSearchResult,
    allow: 'audit.read',
    async handler({ body, ctx }) {
      return ctx.read('audit.viewed', async (trx, audit) => {
        if (body.actorId) audit.subject('user', body.actorId)
        const page = { limit: body.limit, offset: body.offset }
        if (!body.personName) {
          audit.detail(describe(body))
          const personId = await personAskedAbout(trx, body)
          if (personId === null) return { items: [], total: 0, matchedCodes: [] }
          if (personId) audit.person(personId)
          return { ...(await readLog(trx, { personId, ...logFilter(body) }, page)), matchedCodes: [] }
        }
        const ids = await personsNamed(ctx, trx, body.personName)
        // How many persons the name designated, never the name.
        audit.detail(describe(body, { by: 'name', matched: ids.length }))
        if (ids.length === 0) return { items: [], total: 0, matchedCodes: [] }
        audit.person(ids[0]!)
        audit.shows(ids)
        const [log, codes] = await Promise.all([
          readLog(trx, { ...(ids.length === 1 ? { personId: ids[0] } : { personIds: ids }), ...logFilter(body) }, page),
          personCodes(trx, ids),
        ])
        return { ...log, matchedCodes: ids.flatMap((id) => codes.get(id) ?? []) }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/audit/actors',
    summary: "Staff accounts (id, name, roles), disabled ones included, for the DPO's choice of a user to look at",
    tags: ['audit'],
    response: AuditActorList,
    allow: 'audit.read',
    async handler({ ctx }) {
      return ctx.read('user.listed', async (trx, audit) => {
        audit.detail({ for: 'audit' })
        const [users, roles] = await Promise.all([
          trx.selectFrom('users').select(['id', 'display_name', 'disabled']).orderBy('display_name').orderBy('id').execute(),
          trx.selectFrom('user_roles').select(['user_id', 'role']).orderBy('role').execute(),
        ])
        const rolesOf = new Map<string, string[]>()
        for (const r of roles) rolesOf.set(r.user_id, [...(rolesOf.get(r.user_id) ?? []), r.role])
        return {
          items: users.map((u) => ({ id: u.id, displayName: u.display_name, roles: rolesOf.get(u.id) ?? [], disabled: !!u.disabled })),
        }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/audit/verify',
    summary: 'Verify the whole hash chain of the audit log',
    tags: ['audit'],
    response: AuditVerification,
    allow: 'audit.read',
    async handler({ ctx }) {
      const result = await ctx.services.verifyAudit()
      await ctx.write('audit.verified', async (_trx, audit) => {
        audit.outcomeOf(result.ok ? 'success' : 'failure').detail({ entries: result.entries, firstBadSeq: result.firstBadSeq })
      })
      return result
    },
  }),
]
