import { sql } from 'kysely'
import { AuditList, AuditQuery, AuditVerification } from '../../../common/contracts/audit.contracts'
import { defineRoute } from '../../http/define-route'

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/audit',
    summary: 'The audit log, filtered by person, actor, action and date (newest first)',
    tags: ['audit'],
    query: AuditQuery,
    response: AuditList,
    allow: 'audit.read',
    async handler({ query, ctx }) {
      return ctx.read('audit.viewed', async (trx, audit) => {
        let q = trx.selectFrom('audit_log')
        if (query.personId) q = q.where('audit_log.person_id', '=', query.personId)
        if (query.actorId) q = q.where('audit_log.actor_id', '=', query.actorId)
        if (query.action) {
          // A prefix match in which `%`, `_` and `\` are literal: action names contain underscores.
          const prefix = `${query.action.replace(/[\\%_]/g, '\\$&')}%`
          q = q.where(sql<boolean>`audit_log.action like ${prefix} escape '\\'`)
        }
        if (query.from) q = q.where('audit_log.at', '>=', query.from)
        if (query.to) q = q.where('audit_log.at', '<', nextDay(query.to))
        const [rows, total] = await Promise.all([
          q
            .leftJoin('users', 'users.id', 'audit_log.actor_id')
            .select([
              'audit_log.seq',
              'audit_log.at',
              'audit_log.actor_id',
              'users.display_name',
              'audit_log.actor_role',
              'audit_log.action',
              'audit_log.subject_type',
              'audit_log.subject_id',
              'audit_log.purpose',
              'audit_log.outcome',
              'audit_log.request_id',
              'audit_log.client_ip',
            ])
            .orderBy('audit_log.seq', 'desc')
            .limit(query.limit)
            .offset(query.offset)
            .execute(),
          q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        ])
        audit.detail({ filters: Object.keys(query).filter((k) => k !== 'limit' && k !== 'offset') })
        if (query.personId) audit.person(query.personId)
        return {
          total: Number(total.n),
          items: rows.map((r) => ({
            seq: Number(r.seq),
            at: r.at,
            actorId: r.actor_id,
            actorName: r.display_name ?? null,
            actorRole: r.actor_role,
            action: r.action,
            subjectType: r.subject_type,
            subjectId: r.subject_id,
            purpose: r.purpose,
            outcome: r.outcome,
            requestId: r.request_id,
            clientIp: r.client_ip,
          })),
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

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString()
}
