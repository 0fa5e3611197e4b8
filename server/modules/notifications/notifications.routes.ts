import {
  type NotificationEvent,
  NotificationList,
  NotificationParams,
  type NotificationSubject,
  NotificationView,
} from '../../../common/contracts/notifications.contracts'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import type { Selectable } from 'kysely'
import { asStaff, type StaffDatabase, type StaffTx } from '../../http/staff-fence'

/** How many notifications the menu lists, newest first. */
export const NOTIFICATIONS_SHOWN = 50

/** The caller's organisation when they are partner staff: its notifications are theirs too. */
async function organisationOf(db: StaffTx, userId: string, roles: readonly string[]): Promise<string | null> {
  if (!roles.includes('partner')) return null
  const row = await asStaff(db).selectFrom('users').select('organisation_id').where('id', '=', userId).executeTakeFirst()
  return row?.organisation_id ?? null
}

function mine(db: StaffTx, userId: string, organisationId: string | null) {
  return asStaff(db)
    .selectFrom('notifications')
    .where((eb) =>
      organisationId ? eb.or([eb('user_id', '=', userId), eb('organisation_id', '=', organisationId)]) : eb('user_id', '=', userId),
    )
}

type Row = Selectable<StaffDatabase['notifications']>
const present = (r: Row, readAt = r.read_at): NotificationView => ({
  id: r.id,
  event: r.event as NotificationEvent,
  subjectType: r.subject_type as NotificationSubject,
  subjectId: r.subject_id,
  reference: r.reference,
  createdAt: r.created_at,
  readAt,
  forOrganisation: r.user_id === null,
})

/**
 * A notification holds an event, ids and a reference code — no person's data — so reading and
 * marking one are not audited (like the rota); each is scoped to the caller: their own, and for
 * partner staff their organisation's (read by one of them, read for all: a shared inbox).
 */
export const notificationRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/notifications',
    summary: "The caller's notifications (and their organisation's, for partner staff), newest first, with the unread count",
    tags: ['notifications'],
    response: NotificationList,
    allow: 'notification.read_own',
    async handler({ ctx }) {
      const actor = ctx.actor
      if (!actor) throw fail('resource.not_found')
      return ctx.unaudited(async (db) => {
        const org = await organisationOf(db, actor.userId, actor.roles)
        const [rows, unread] = await Promise.all([
          mine(db, actor.userId, org).selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(NOTIFICATIONS_SHOWN).execute(),
          mine(db, actor.userId, org)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('read_at', 'is', null)
            .executeTakeFirstOrThrow(),
        ])
        return {
          items: rows.map((r) => present(r)),
          unread: Number(unread.n),
        }
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/notifications/:id/read',
    summary: 'Mark one of the caller’s notifications read (404 for any other)',
    tags: ['notifications'],
    params: NotificationParams,
    response: NotificationView,
    allow: 'notification.read_own',
    async handler({ ctx, params }) {
      const actor = ctx.actor
      if (!actor) throw fail('resource.not_found')
      return ctx.unaudited(async (db) => {
        const org = await organisationOf(db, actor.userId, actor.roles)
        const row = await mine(db, actor.userId, org).selectAll().where('id', '=', params.id).executeTakeFirst()
        if (!row) throw fail('resource.not_found')
        const readAt = row.read_at ?? new Date().toISOString()
        if (!row.read_at) {
          await asStaff(db)
            .updateTable('notifications')
            .set({ read_at: readAt })
            .where('id', '=', row.id)
            .where('read_at', 'is', null)
            .execute()
        }
        return present(row, readAt)
      })
    },
  }),
]
