import {
  DutyNow,
  DutyStaff,
  EmergencyPath,
  EmergencyPathView,
  OpeningHours,
  OpeningHoursView,
  RotaQuery,
  RotaSlotInput,
  RotaSlotParams,
  RotaSlotView,
  RotaView,
  TriageInput,
  TriageOutcomeView,
} from '../../../common/contracts/duty.contracts'
import { defineRoute } from '../../http/define-route'
import { fail, invalidField } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { saveEmergencyPath, saveHours, saveRotaSlot } from './duty.commands'
import { dutyNow, dutyStaff, emergencyPath, openingHours, rota, rotaDays, rotaSlot } from './duty.queries'
import { addDays } from './duty.time'
import { checkTriage } from './triage'

/**
 * The line's configuration: opening hours, rota, emergency path. None of it is about a person
 * concerned, so reads are not audited (like instrument definitions); every change is.
 */
export const dutyRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/duty/now',
    summary: 'Whether the line is open now (Brussels time), who is on duty this half-day and who is next',
    tags: ['duty'],
    response: DutyNow,
    allow: 'duty.read',
    async handler({ ctx }) {
      return ctx.unaudited((db) => dutyNow(db, new Date()))
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/duty/hours',
    summary: "The line's opening hours per weekday, with dated exceptions (closed days, other hours)",
    tags: ['duty'],
    response: OpeningHoursView,
    allow: 'duty.read',
    async handler({ ctx, reply }) {
      const hours = await ctx.unaudited((db) => openingHours(db))
      sendVersion(reply, hours.version)
      return hours
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/duty/hours',
    summary: "Set the line's opening hours (If-Match: the current version, 0 before the first save)",
    tags: ['duty'],
    body: OpeningHours,
    response: OpeningHoursView,
    allow: 'duty.manage',
    async handler({ ctx, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('duty.hours_updated', async (trx, audit) => {
        const version = await saveHours(trx, expected, body, ctx.user.userId, ctx.now())
        audit.subject('duty', 'hours').detail({ version })
        return openingHours(trx)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/duty/rota',
    summary: 'Who is on duty each half-day between two dates (at most 62 days), and which half-days the line is open',
    tags: ['duty'],
    query: RotaQuery,
    response: RotaView,
    allow: 'duty.read',
    async handler({ ctx, query }) {
      if (query.to < query.from) throw invalidField('to', 'before_from', 'The end is before the start')
      if (addDays(query.from, 62) < query.to) throw invalidField('to', 'range_too_long', 'At most 62 days')
      return ctx.unaudited(async (db) => ({
        items: await rota(db, query.from, query.to),
        days: rotaDays(await openingHours(db), query.from, query.to),
      }))
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/duty/rota/:date/:half',
    summary: 'Put someone on duty for a half-day, or nobody (If-Match: the slot version, 0 for a new slot)',
    tags: ['duty'],
    params: RotaSlotParams,
    body: RotaSlotInput,
    response: RotaSlotView,
    allow: 'duty.manage',
    async handler({ ctx, params, body, request, reply }) {
      const expected = expectedVersion(request)
      const slot = await ctx.write('duty.rota_updated', async (trx, audit) => {
        const version = await saveRotaSlot(trx, params, expected, body, ctx.user.userId, ctx.now())
        audit.subject('duty_rota', `${params.date}:${params.half}`).detail({ version, userId: body.userId })
        const view = await rotaSlot(trx, params.date, params.half)
        if (!view) throw fail('resource.not_found')
        return view
      })
      sendVersion(reply, slot.version)
      return slot
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/duty/staff',
    summary: 'Accounts that may be put on duty (active intake, workers and leads)',
    tags: ['duty'],
    response: DutyStaff,
    allow: 'duty.manage',
    async handler({ ctx }) {
      return { items: await ctx.unaudited((db) => dutyStaff(db)) }
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/duty/emergency-path',
    summary: 'The emergency path: whom to call and what to write down, in order, in four languages',
    tags: ['duty'],
    response: EmergencyPathView,
    allow: 'duty.read',
    async handler({ ctx, reply }) {
      const path = await ctx.unaudited((db) => emergencyPath(db))
      sendVersion(reply, path.version)
      return path
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/duty/emergency-path',
    summary: 'Set the emergency path (If-Match: the current version, 0 before the first save)',
    tags: ['duty'],
    body: EmergencyPath,
    response: EmergencyPathView,
    allow: 'duty.manage',
    async handler({ ctx, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('duty.emergency_path_updated', async (trx, audit) => {
        const version = await saveEmergencyPath(trx, expected, body, ctx.user.userId, ctx.now())
        audit.subject('duty', 'emergency_path').detail({ version })
        return emergencyPath(trx)
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/duty/triage',
    summary:
      'The outcome of a filled triage grid (urgency, immediate danger and why), checked against its latest version; nothing is stored',
    tags: ['duty'],
    body: TriageInput,
    response: TriageOutcomeView,
    allow: 'duty.read',
    async handler({ ctx, body }) {
      // Answers about a situation, but not stored and tied to no one: checked on the staff handle.
      const { instrumentVersionId, version, outcome } = await ctx.unaudited((db) => checkTriage(db, body.answers))
      return { instrumentVersionId, version, ...outcome }
    },
  }),
]
