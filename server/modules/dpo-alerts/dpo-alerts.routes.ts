import { DpoAlertList, DpoAlertQuery, DpoAlertView } from '../../../common/contracts/dpo-alerts.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import { ROLES, type Role } from '../../../common/roles'
import { fromJson } from '../../db/json'
import type { RequestContext, Row, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { recordingDutyRefusals } from '../users/duty-refusals'
import { acknowledgeDpoAlert } from './dpo-alerts.commands'

const COLUMNS = ['id', 'kind', 'user_id', 'actor_id', 'at', 'roles', 'team_ids', 'acknowledged_by', 'acknowledged_at', 'version'] as const
type AlertRow = Pick<Row<'dpo_alerts'>, (typeof COLUMNS)[number]>

async function present(trx: Trx, rows: AlertRow[], actorId: string): Promise<DpoAlertView[]> {
  if (rows.length === 0) return []
  const staff = [...new Set(rows.flatMap((r) => [r.user_id, r.actor_id, ...(r.acknowledged_by ? [r.acknowledged_by] : [])]))]
  const teamIds = [...new Set(rows.flatMap((r) => fromJson(r.team_ids)))]
  const [users, teams] = await Promise.all([
    trx.selectFrom('users').select(['id', 'display_name', 'email']).where('id', 'in', staff).execute(),
    teamIds.length ? trx.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute() : Promise.resolve([]),
  ])
  const ref = (id: string) => ({ id, displayName: users.find((u) => u.id === id)?.display_name ?? '' })
  return rows.map((r) => {
    const roles = fromJson(r.roles)
    return {
      id: r.id,
      version: r.version,
      kind: r.kind,
      at: r.at,
      actor: ref(r.actor_id),
      user: { ...ref(r.user_id), email: users.find((u) => u.id === r.user_id)?.email ?? '' },
      roles: ROLES.filter((x: Role) => roles.includes(x)),
      teams: fromJson(r.team_ids).map((id) => ({ id, name: teams.find((t) => t.id === id)?.name ?? '' })),
      acknowledgedBy: r.acknowledged_by ? ref(r.acknowledged_by) : null,
      acknowledgedAt: r.acknowledged_at,
      mayAcknowledge: r.acknowledged_at === null && r.user_id !== actorId && r.actor_id !== actorId,
    }
  })
}

async function loadAlert(ctx: RequestContext, trx: Trx, id: string) {
  const row = await trx.selectFrom('dpo_alerts').select(COLUMNS).where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const [view] = await present(trx, [row], ctx.user.userId)
  if (!view) throw fail('resource.not_found')
  return view
}

/** The DPO's alerts (ADR 0007): account take-overs and grants confirmed by another admin. */
export const dpoAlertRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/dpo-alerts',
    summary: 'DPO: alerts still to acknowledge (oldest first), or those acknowledged (newest first)',
    tags: ['audit'],
    query: DpoAlertQuery,
    response: DpoAlertList,
    allow: 'dpo_alert.review',
    async handler({ query, ctx }) {
      return ctx.read('dpo_alert.listed', async (trx, audit) => {
        audit.detail({ state: query.state })
        const open = query.state === 'open'
        const base = trx.selectFrom('dpo_alerts').where('acknowledged_at', open ? 'is' : 'is not', null)
        const [rows, total] = await Promise.all([
          base
            .select(COLUMNS)
            .orderBy('at', open ? 'asc' : 'desc')
            .orderBy('id')
            .limit(query.limit)
            .offset(query.offset)
            .execute(),
          base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        ])
        return { items: await present(trx, rows, ctx.user.userId), total: Number(total.n) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/dpo-alerts/:id/acknowledge',
    summary: 'DPO: acknowledge an alert (If-Match); not one about oneself or one’s own act',
    tags: ['audit'],
    params: IdParams,
    response: DpoAlertView,
    allow: 'dpo_alert.review',
    async handler({ params, ctx, request, reply }) {
      const version = expectedVersion(request)
      return recordingDutyRefusals(ctx, 'POST /api/dpo-alerts/:id/acknowledge', { type: 'dpo_alert', id: params.id }, () =>
        ctx.write('dpo_alert.acknowledged', async (trx, audit) => {
          const done = await acknowledgeDpoAlert(trx, params.id, version, ctx.user, ctx.now())
          audit.subject('dpo_alert', params.id).detail({ user: done.userId, kind: done.kind })
          const view = await loadAlert(ctx, trx, params.id)
          sendVersion(reply, view.version)
          return view
        }),
      )
    },
  }),
]
