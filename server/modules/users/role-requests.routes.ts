import { IdParams } from '../../../common/contracts/shared.contracts'
import { RefuseRoleRequestBody, RoleRequestList, RoleRequestQuery, RoleRequestView } from '../../../common/contracts/users.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { recordingDutyRefusals } from './duty-refusals'
import { confirmRequest, refuseRequest } from './role-requests.commands'
import { presentRequests, REQUEST_COLUMNS } from './role-requests.presenter'

async function loadRequest(ctx: RequestContext, trx: Trx, id: string) {
  const row = await trx.selectFrom('role_requests').select(REQUEST_COLUMNS).where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const [view] = await presentRequests(trx, [row], ctx.user.userId)
  if (!view) throw fail('resource.not_found')
  return view
}

/** The second person's routes (ADR 0007): another admin or the DPO decides what an admin asked for. */
export const roleRequestRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/role-requests',
    summary: 'Roles and teams asked for users, waiting for a second person (or decided), oldest first',
    tags: ['users'],
    query: RoleRequestQuery,
    response: RoleRequestList,
    allow: 'user.confirm_grant',
    async handler({ query, ctx }) {
      return ctx.read('user.role_requests_listed', async (trx, audit) => {
        audit.detail({ status: query.status })
        const base = trx.selectFrom('role_requests').where('status', '=', query.status)
        const [rows, total] = await Promise.all([
          base
            .select(REQUEST_COLUMNS)
            .orderBy('requested_at', query.status === 'pending' ? 'asc' : 'desc')
            .orderBy('id')
            .limit(query.limit)
            .offset(query.offset)
            .execute(),
          base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        ])
        return { items: await presentRequests(trx, rows, ctx.user.userId), total: Number(total.n) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/role-requests/:id/confirm',
    summary: 'Confirm a request (If-Match): never by the admin who asked, nor by the user concerned',
    tags: ['users'],
    params: IdParams,
    response: RoleRequestView,
    allow: 'user.confirm_grant',
    async handler({ params, ctx, request, reply }) {
      const version = expectedVersion(request)
      return recordingDutyRefusals(ctx, 'POST /api/role-requests/:id/confirm', { type: 'role_request', id: params.id }, () =>
        ctx.write('user.role_confirmed', async (trx, audit) => {
          const done = await confirmRequest(trx, params.id, version, ctx.user, ctx.now())
          audit.subject('user', done.userId).detail({
            request: done.id,
            requestedBy: done.requestedBy,
            roles: done.grants.roles,
            teamIds: done.grants.teamIds,
            dpoAlert: done.alert,
          })
          const view = await loadRequest(ctx, trx, params.id)
          sendVersion(reply, view.version)
          return view
        }),
      )
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/role-requests/:id/refuse',
    summary: 'Refuse a request with a reason (If-Match); nothing is given',
    tags: ['users'],
    params: IdParams,
    body: RefuseRoleRequestBody,
    response: RoleRequestView,
    allow: 'user.confirm_grant',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return recordingDutyRefusals(ctx, 'POST /api/role-requests/:id/refuse', { type: 'role_request', id: params.id }, () =>
        ctx.write('user.role_refused', async (trx, audit) => {
          const done = await refuseRequest(trx, params.id, version, ctx.user, body.reason, ctx.now())
          audit.subject('user', done.userId).detail({
            request: done.id,
            requestedBy: done.requestedBy,
            roles: done.grants.roles,
            teamIds: done.grants.teamIds,
          })
          const view = await loadRequest(ctx, trx, params.id)
          sendVersion(reply, view.version)
          return view
        }),
      )
    },
  }),
]
