import crypto from 'node:crypto'
import { CalendarFeedIssued, CalendarFeedParams, CalendarFeedStatus } from '../../../common/contracts/calendar-feed.contracts'
import { Ok } from '../../../common/contracts/shared.contracts'
import { ROLES, type Role } from '../../../common/roles'
import type { Actor } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { asStaff, type StaffDb } from '../../http/staff-fence'
import { visibleRows } from '../../security/case-access'
import { DEFAULT_LANGUAGE } from '../notifications/notify'
import { icsOf } from './ics'

/** What the feed holds: the last month and the next six, enough for a calendar application. */
const PAST_DAYS = 31
const FUTURE_DAYS = 186

const hashOf = (token: string) => crypto.createHash('sha256').update(token).digest('hex')

/** The feed's owner as an actor (their roles and teams now), or null for an unknown, revoked or disabled one. */
async function ownerOf(db: StaffDb, token: string): Promise<(Actor & { language: string | null }) | null> {
  const user = await db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.language'])
    .where('calendar_feeds.token_hash', '=', hashOf(token))
    .where('users.disabled', '=', 0)
    .executeTakeFirst()
  if (!user) return null
  const [roles, teams] = await Promise.all([
    db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute(),
    db.selectFrom('user_teams').select('team_id').where('user_id', '=', user.id).execute(),
  ])
  const held = roles.map((r) => r.role as Role)
  return {
    userId: user.id,
    email: user.email,
    displayName: user.display_name,
    roles: ROLES.filter((r) => held.includes(r)),
    teamIds: teams.map((t) => t.team_id),
    sessionId: 'calendar-feed',
    sessionState: 'active',
    language: user.language,
  }
}

/**
 * A user's calendar feed (issue 12): made (or made again, which revokes the former address) and
 * revoked from the account page, and read by a calendar application at its secret address, with
 * no session. The token is 256 random bits; only its SHA-256 is stored. Reading the feed is an
 * audited read by its owner, of their own sessions on cases they still see, with codes and kinds
 * of session only.
 */
export const calendarFeedRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/me/calendar-feed',
    summary: 'Whether I have a calendar feed address, and since when',
    tags: ['calendar'],
    response: CalendarFeedStatus,
    allow: 'calendar.feed',
    async handler({ ctx }) {
      const row = await ctx.unaudited((db) =>
        db.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', ctx.user.userId).executeTakeFirst(),
      )
      return { active: !!row, createdAt: row?.created_at ?? null }
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/me/calendar-feed',
    summary: 'Make my calendar feed address (a former one stops working); shown once',
    tags: ['calendar'],
    response: CalendarFeedIssued,
    allow: 'calendar.feed',
    async handler({ ctx }) {
      const token = crypto.randomBytes(32).toString('base64url')
      const createdAt = ctx.now()
      await ctx.write('user.calendar_feed_issued', async (trx, audit) => {
        const db = asStaff(trx)
        await db.deleteFrom('calendar_feeds').where('user_id', '=', ctx.user.userId).execute()
        await db
          .insertInto('calendar_feeds')
          .values({ user_id: ctx.user.userId, token_hash: hashOf(token), created_at: createdAt })
          .execute()
        audit.subject('user', ctx.user.userId)
      })
      return { url: `${ctx.services.config.mail.baseUrl}/api/calendar-feed/${token}.ics`, createdAt }
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/me/calendar-feed',
    summary: 'Revoke my calendar feed address',
    tags: ['calendar'],
    response: Ok,
    allow: 'calendar.feed',
    async handler({ ctx }) {
      await ctx.write('user.calendar_feed_revoked', async (trx, audit) => {
        await asStaff(trx).deleteFrom('calendar_feeds').where('user_id', '=', ctx.user.userId).execute()
        audit.subject('user', ctx.user.userId)
      })
      return { ok: true as const }
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/calendar-feed/:file',
    summary: 'A calendar feed (iCalendar), read by a calendar application at its secret address; 404 once revoked',
    tags: ['calendar'],
    params: CalendarFeedParams,
    allow: 'public',
    async handler({ params, ctx, reply }) {
      const owner = await ctx.unaudited((db) => ownerOf(db, params.file.slice(0, -'.ics'.length)))
      if (!owner || !owner.roles.some((r) => r === 'worker' || r === 'lead')) throw fail('resource.not_found')
      const { language, ...actor } = owner
      // The read is the owner's: the DPO finds it under what they read.
      ctx.actor = actor
      const now = ctx.now()
      const rows = await ctx.read('calendar.feed_read', async (trx, audit) => {
        const found = await visibleRows(trx, actor, 'case_sessions')
          .select([
            'case_sessions.id',
            'accompaniments.code',
            'accompaniments.person_id',
            'case_sessions.status',
            'case_sessions.starts_at',
            'case_sessions.duration_minutes',
            'case_sessions.modality',
          ])
          .where('case_sessions.worker_id', '=', actor.userId)
          .where('case_sessions.starts_at', '>=', new Date(Date.parse(now) - PAST_DAYS * 86_400_000).toISOString())
          .where('case_sessions.starts_at', '<', new Date(Date.parse(now) + FUTURE_DAYS * 86_400_000).toISOString())
          .orderBy('case_sessions.starts_at')
          .limit(1000)
          .execute()
        audit.subject('user', actor.userId).shows(found.map((r) => r.person_id))
        return found
      })
      const host = new URL(ctx.services.config.mail.baseUrl).host
      const lang = language === 'nl' || language === 'de' || language === 'en' || language === 'fr' ? language : DEFAULT_LANGUAGE
      const body = icsOf(
        rows.map((r) => ({
          id: r.id,
          code: r.code,
          status: r.status,
          startsAt: r.starts_at,
          durationMinutes: r.duration_minutes,
          modality: r.modality,
        })),
        lang,
        now,
        host,
      )
      reply.header('Content-Type', 'text/calendar; charset=utf-8')
      reply.header('Cache-Control', 'no-store')
      return body
    },
  }),
]
