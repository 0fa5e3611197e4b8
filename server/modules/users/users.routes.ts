import { IdParams, PageQuery } from '../../../common/contracts/shared.contracts'
import { ActivationLink, CreateUserBody, UpdateUserBody, UserList, UserView } from '../../../common/contracts/users.contracts'
import type { Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { createUser, reissueActivation, resetMfa, updateUser } from './users.commands'
import { presentUsers, USER_COLUMNS } from './users.presenter'

async function loadUser(trx: Trx, id: string) {
  const row = await trx.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  const [view] = await presentUsers(trx, [row])
  return view as NonNullable<typeof view>
}

const activationPath = (token: string) => `/activate#token=${token}`

export const userRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/users',
    summary: 'List user accounts',
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
        return { items: await presentUsers(trx, rows), total: Number(total.n) }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/users',
    summary: 'Create a user; returns a one-time activation link for them',
    tags: ['users'],
    body: CreateUserBody,
    response: ActivationLink,
    status: 201,
    allow: 'user.manage',
    async handler({ body, ctx, reply }) {
      return ctx.write('user.created', async (trx, audit) => {
        const { id, token } = await createUser(trx, body, ctx.now())
        audit.subject('user', id).detail({ roles: body.roles })
        const user = await loadUser(trx, id)
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
        const user = await loadUser(trx, params.id)
        sendVersion(reply, user.version)
        return user
      })
    },
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/users/:id',
    summary: 'Edit a user: name, roles, teams, disabled (If-Match required)',
    tags: ['users'],
    params: IdParams,
    body: UpdateUserBody,
    response: UserView,
    allow: 'user.manage',
    async handler({ params, body, ctx, request, reply }) {
      const version = expectedVersion(request)
      return ctx.write('user.updated', async (trx, audit) => {
        audit.subject('user', params.id).detail({ fields: Object.keys(body) })
        await updateUser(trx, params.id, version, body, ctx.now())
        const user = await loadUser(trx, params.id)
        sendVersion(reply, user.version)
        return user
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/users/:id/mfa-reset',
    summary: "Reset a user's second factor; they enrol again at next sign-in",
    tags: ['users'],
    params: IdParams,
    response: UserView,
    allow: 'user.manage',
    async handler({ params, ctx }) {
      return ctx.write('user.mfa_reset', async (trx, audit) => {
        audit.subject('user', params.id)
        await loadUser(trx, params.id)
        await resetMfa(trx, params.id, ctx.now())
        return loadUser(trx, params.id)
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/users/:id/activation',
    summary: 'Issue a new activation link (password reset); the admin never sees a password',
    tags: ['users'],
    params: IdParams,
    response: ActivationLink,
    allow: 'user.manage',
    async handler({ params, ctx }) {
      return ctx.write('user.activation_issued', async (trx, audit) => {
        audit.subject('user', params.id)
        await loadUser(trx, params.id)
        const token = await reissueActivation(trx, params.id, ctx.now())
        return { user: await loadUser(trx, params.id), activationToken: token, activationPath: activationPath(token) }
      })
    },
  }),
]
