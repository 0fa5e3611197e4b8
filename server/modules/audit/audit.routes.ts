import { AuditActorList, AuditList, AuditQuery, AuditVerification } from '../../../common/contracts/audit.contracts'
import type { Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { idsByCode } from '../../security/person-access'
import { parsePersonCode } from '../../../common/person-search'
import { readLog } from './audit-log.queries'

type Query = typeof AuditQuery._zod.output

/**
 * The person the DPO asks about: by id, or by code resolved here. Null when nobody matches (an
 * unknown code, or a code and an id of two different persons): the answer is then an empty page,
 * the same as for a person nobody read, so that a code's existence is not told apart otherwise.
 */
async function personAskedAbout(trx: Trx, query: Query): Promise<string | null | undefined> {
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
        // What the DPO asked, never the values typed (a code, dates): the person and user asked about are the entry's own fields.
        const filters = Object.keys(query).filter((k) => k !== 'limit' && k !== 'offset')
        audit.detail({ filters, ...(query.kind ? { kind: query.kind } : {}), ...(query.action ? { action: query.action } : {}) })
        if (query.actorId) audit.subject('user', query.actorId)
        const personId = await personAskedAbout(trx, query)
        if (personId === null) return { items: [], total: 0 }
        if (personId) audit.person(personId)
        // The page shows the pseudonymous codes of the persons of each entry, never their data: the
        // entry names the person asked about, not every code listed, or each look-up would bury
        // the answer to "who read this person" under the DPO's own.
        return readLog(
          trx,
          { personId, actorId: query.actorId, kind: query.kind, action: query.action, from: query.from, to: query.to },
          { limit: query.limit, offset: query.offset },
        )
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
