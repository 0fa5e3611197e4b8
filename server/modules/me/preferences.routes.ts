import { LanguageBody } from '../../../common/contracts/auth.contracts'
import { NotificationPreferences, NotificationPreferencesBody, PREFERENCE_EVENTS } from '../../../common/contracts/notifications.contracts'
import { Ok } from '../../../common/contracts/shared.contracts'
import { defineRoute } from '../../http/define-route'
import { asStaff, type StaffTx } from '../../http/staff-fence'

/** Every event with the user's choice; no row means in the app and by e-mail. */
async function preferencesOf(db: StaffTx, userId: string, emailAvailable: boolean): Promise<NotificationPreferences> {
  const rows = await asStaff(db).selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).execute()
  const chosen = new Map(rows.map((r) => [r.event, r]))
  return {
    items: PREFERENCE_EVENTS.map((event) => {
      const row = chosen.get(event)
      return { event, inApp: row ? row.in_app === 1 : true, email: row ? row.email === 1 : true }
    }),
    emailAvailable,
  }
}

/**
 * The account's own settings (issue 12): its language, used for the interface at sign-in and for
 * its e-mails, and how it wants to hear of each event. Staff settings, no person's data: each
 * change is audited as an account action on the user.
 */
export const preferenceRoutes = [
  defineRoute({
    method: 'PUT',
    path: '/api/me/language',
    summary: 'Choose my language: the interface at sign-in and my e-mails',
    tags: ['me'],
    body: LanguageBody,
    response: Ok,
    allow: 'authenticated',
    async handler({ body, ctx }) {
      await ctx.write('user.language_changed', async (trx, audit) => {
        await trx.updateTable('users').set({ language: body.language, updated_at: ctx.now() }).where('id', '=', ctx.user.userId).execute()
        audit.subject('user', ctx.user.userId).detail({ language: body.language })
      })
      return { ok: true as const }
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/me/notification-preferences',
    summary: 'How I hear of each event: in the app, by e-mail',
    tags: ['me'],
    response: NotificationPreferences,
    allow: 'authenticated',
    async handler({ ctx }) {
      return ctx.unaudited((db) => preferencesOf(db, ctx.user.userId, Boolean(ctx.services.config.mail.smtpUrl)))
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/me/notification-preferences',
    summary: 'Change how I hear of events; events not listed keep their choice',
    tags: ['me'],
    body: NotificationPreferencesBody,
    response: NotificationPreferences,
    allow: 'authenticated',
    async handler({ body, ctx }) {
      const userId = ctx.user.userId
      return ctx.write('user.notification_preferences_changed', async (trx, audit) => {
        const now = ctx.now()
        for (const p of body.items) {
          const values = { in_app: p.inApp ? 1 : 0, email: p.email ? 1 : 0, updated_at: now }
          await asStaff(trx)
            .insertInto('notification_preferences')
            .values({ user_id: userId, event: p.event, ...values })
            .onConflict((oc) => oc.columns(['user_id', 'event']).doUpdateSet(values))
            .execute()
        }
        audit.subject('user', userId).detail({ items: body.items })
        return preferencesOf(trx, userId, Boolean(ctx.services.config.mail.smtpUrl))
      })
    },
  }),
]
