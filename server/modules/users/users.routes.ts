import { IdParams, PageQuery } from '../../../common/contracts/shared.contracts'
import { ActivationLink, CreateUserBody, UpdateUserBody, UserList, UserView } from '../../../common/contracts/users.contracts'
import { needsSecondPerson } from '../../../common/duties'
import type { DpoAlertKind } from '../../../common/duties'
import type { RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { raiseDpoAlert } from '../dpo-alerts/dpo-alerts.commands'
import { planAccess } from './access-plan'
import { recordingDutyRefusals } from './duty-refusals'
import { applyPlan, pendingOf } from './role-requests.commands'
import { roleRequestRoutes } from './role-requests.routes'
import {
  checkOrganisation,
  checkTeams,
  createUser,
  setOrganisation,
  grantsOf,
  reissueActivation,
  resetMfa,
  updateUser,
} from './users.commands'
import { presentUsers, USER_COLUMNS } from './users.presenter'

async function loadUser(ctx: RequestContext, trx: Trx, id: string) {
  const row = await trx.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const [view] = await presentUsers(trx, [row], ctx.user.userId)
  if (!view) throw fail('resource.not_found')
  return view
}

const activationPath = (token: string) => `/activate#token=${token}`

/**
 * A new activation link or a second-factor reset hands the account to whoever holds the link or
 * enrols next: when the account holds or waits for a role that needs a second person, the DPO
 * is alerted in the same transaction.
 */
async function alertOnTakeOver(ctx: RequestContext, trx: Trx, userId: string, kind: DpoAlertKind): Promise<string | null> {
  const [held, pending] = await Promise.all([grantsOf(trx, userId), pendingOf(trx, userId)])
  const roles = [...held.roles, ...(pending?.roles ?? [])]
  if (!roles.some(needsSecondPerson)) return null
  const grants = { roles: [...new Set(roles)], teamIds: [...new Set([...held.teamIds, ...(pending?.teamIds ?? [])])] }
  return raiseDpoAlert(trx, { kind, userId, actorId: ctx.user.userId, grants, now: ctx.now() })
}

export const userRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/users',
    summary: 'List user accounts, with the roles and teams that wait for a second person',
    tags: ['users'],
    query: PageQuery,
    response: UserList,
    allow: 'user.manage',
    async handler({ query, ctx }) {
      return ctx.read('user.listed', async (trx) => {
        const rows = await trx
          .selectFrom('users')
          .select(USER_COLUMNS)
          .orderBy('display_name')
          .limit(query.limit)
          .offset(query.offset)
          .execute()
        const total = await trx
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
        return { items: await presentUsers(trx, rows, ctx.user.userId), total: Number(total.n) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/users',
    summary: 'Create a user; roles (and a lead’s teams) wait for a second person; returns a one-time activation link',
    tags: ['users'],
    body: CreateUserBody,
    response: ActivationLink,
    status: 201,
    allow: 'user.manage',
    async handler({ body, ctx, reply }) {
      return ctx.write('user.created', async (trx, audit) => {
        await checkTeams(trx, body.teamIds)
        await checkOrganisation(trx, body.roles, body.organisationId)
        const plan = planAccess({ roles: [], teamIds: [] }, null, { roles: body.roles, teamIds: body.teamIds })
        const { id, token } = await createUser(trx, { ...body, ...plan.add }, ctx.now())
        const applied = await applyPlan(trx, id, { ...plan, add: { roles: [], teamIds: [] } }, null, ctx.user.userId, ctx.now())
        audit.subject('user', id).detail({ roles: plan.add.roles, teamIds: plan.add.teamIds, requested: applied.request })
        const user = await loadUser(ctx, trx, id)
        sendVersion(reply, user.version)
        return { user, activationToken: token, activationPath: activationPath(token) }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/users/:id',
    summary: 'One user account',
    tags: ['users'],
    params: IdParams,
    response: UserView,
    allow: 'user.manage',
    async handler({ params, ctx, reply }) {
      return ctx.read('user.viewed', async (trx, audit) => {
        audit.subject('user', params.id)
        const user = await loadUser(ctx, trx, params.id)
        sendVersion(reply, user.version)
        return user
      })
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/users/:id',
    summary:
      'Edit a user (If-Match): name, disabled, roles and teams. Removals are immediate; additions wait for a second person. Never on oneself, but for the name.',
    tags: ['users'],
    params: IdParams,
    body: UpdateUserBody,
    response: UserView,
    allow: 'user.manage',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      const fields = Object.keys(body)
      const route = 'PATCH /api/users/:id'
      return recordingDutyRefusals(ctx, route, { type: 'user', id: params.id, details: { fields } }, async () => {
        // Nobody changes their own roles, teams or disabled state (finding 5 of the review).
        if (params.id === ctx.user.userId && fields.some((f) => f !== 'displayName')) throw fail('access.self_change')
        return ctx.write('user.updated', async (trx, audit) => {
          audit.subject('user', params.id).detail({ fields })
          await updateUser(trx, params.id, version, { displayName: body.displayName, disabled: body.disabled }, ctx.now())
          if (body.roles || body.organisationId !== undefined) {
            // What the account will hold or wait for decides whether it belongs to an organisation.
            const [held, pending, current] = await Promise.all([
              grantsOf(trx, params.id),
              pendingOf(trx, params.id),
              trx.selectFrom('users').select('organisation_id').where('id', '=', params.id).executeTakeFirstOrThrow(),
            ])
            const roles = body.roles ?? [...held.roles, ...(pending?.roles ?? [])]
            const organisationId = roles.includes('partner')
              ? body.organisationId !== undefined
                ? body.organisationId
                : current.organisation_id
              : (body.organisationId ?? null)
            await checkOrganisation(trx, roles, organisationId)
            await setOrganisation(trx, params.id, organisationId)
          }
          if (body.roles || body.teamIds) {
            if (body.teamIds) await checkTeams(trx, body.teamIds)
            const [held, pending] = await Promise.all([grantsOf(trx, params.id), pendingOf(trx, params.id)])
            const plan = planAccess(held, pending, { roles: body.roles, teamIds: body.teamIds })
            const applied = await applyPlan(trx, params.id, plan, pending, ctx.user.userId, ctx.now())
            audit.detail({ removed: applied.removed, added: applied.added, requested: applied.request, withdrawn: applied.withdrawn })
          }
          const user = await loadUser(ctx, trx, params.id)
          sendVersion(reply, user.version)
          return user
        })
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/users/:id/mfa-reset',
    summary: "Reset a user's second factor; they enrol again at next sign-in. The DPO is alerted.",
    tags: ['users'],
    params: IdParams,
    response: UserView,
    allow: 'user.manage',
    async handler({ params, ctx }) {
      return ctx.write('user.mfa_reset', async (trx, audit) => {
        audit.subject('user', params.id)
        await loadUser(ctx, trx, params.id)
        await resetMfa(trx, params.id, ctx.now())
        audit.detail({ dpoAlert: await alertOnTakeOver(ctx, trx, params.id, 'mfa_reset') })
        return loadUser(ctx, trx, params.id)
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/users/:id/activation',
    summary: 'Issue a new activation link (password reset); the admin never sees a password. The DPO is alerted.',
    tags: ['users'],
    params: IdParams,
    response: ActivationLink,
    allow: 'user.manage',
    async handler({ params, ctx }) {
      return ctx.write('user.activation_issued', async (trx, audit) => {
        audit.subject('user', params.id)
        await loadUser(ctx, trx, params.id)
        const token = await reissueActivation(trx, params.id, ctx.now())
        audit.detail({ dpoAlert: await alertOnTakeOver(ctx, trx, params.id, 'activation_issued') })
        return { user: await loadUser(ctx, trx, params.id), activationToken: token, activationPath: activationPath(token) }
      })
    },
  }),
  ...roleRequestRoutes,
]
