import {
  type DutyNow,
  EmergencyPath,
  type EmergencyPathView,
  OpeningHours,
  type OpeningHoursView,
  type RotaDay,
  type RotaSlotView,
} from '../../../common/contracts/duty.contracts'
import { asStaff, type StaffTx } from '../../http/staff-fence'
import { DEFAULT_EMERGENCY_PATH, DEFAULT_HOURS } from './duty.defaults'
import { addDays, brussels, halfOf, isOpenAt, nextOpening, openHalves, spansOn } from './duty.time'

type Doc = 'hours' | 'emergency_path'

async function document(trx: StaffTx, id: Doc) {
  return asStaff(trx)
    .selectFrom('duty_documents')
    .leftJoin('users', 'users.id', 'duty_documents.updated_by')
    .select(['duty_documents.content', 'duty_documents.version', 'duty_documents.updated_at', 'users.display_name'])
    .where('duty_documents.id', '=', id)
    .executeTakeFirst()
}

/** The opening hours as set by the lead, or the defaults (version 0) before they set any. */
export async function openingHours(trx: StaffTx): Promise<OpeningHoursView> {
  const row = await document(trx, 'hours')
  const hours = row ? OpeningHours.parse(JSON.parse(row.content)) : DEFAULT_HOURS
  return { ...hours, version: row?.version ?? 0, updatedAt: row?.updated_at ?? null, updatedByName: row?.display_name ?? null }
}

export async function emergencyPath(trx: StaffTx): Promise<EmergencyPathView> {
  const row = await document(trx, 'emergency_path')
  const path = row ? EmergencyPath.parse(JSON.parse(row.content)) : DEFAULT_EMERGENCY_PATH
  return { ...path, version: row?.version ?? 0, updatedAt: row?.updated_at ?? null, updatedByName: row?.display_name ?? null }
}

function slotQuery(trx: StaffTx) {
  return asStaff(trx)
    .selectFrom('duty_rota')
    .leftJoin('users', 'users.id', 'duty_rota.user_id')
    .select(['duty_rota.on_date', 'duty_rota.half', 'duty_rota.user_id', 'duty_rota.phone', 'duty_rota.version', 'users.display_name'])
}

type SlotRow = Awaited<ReturnType<ReturnType<typeof slotQuery>['execute']>>[number]
const present = (r: SlotRow): RotaSlotView => ({
  date: r.on_date,
  half: r.half,
  userId: r.user_id,
  displayName: r.display_name,
  phone: r.phone,
  version: r.version,
})

/** Every day between two dates (included) with the halves the line is open, for the rota. */
export function rotaDays(hours: OpeningHours, from: string, to: string): RotaDay[] {
  const days: RotaDay[] = []
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const note = hours.exceptions.find((e) => e.date === date)?.note ?? null
    days.push({ date, open: openHalves(spansOn(hours, date)), note })
  }
  return days
}

/** The rota between two dates (included), in order; half-days nobody was ever put on are absent. */
export async function rota(trx: StaffTx, from: string, to: string): Promise<RotaSlotView[]> {
  const rows = await slotQuery(trx)
    .where('duty_rota.on_date', '>=', from)
    .where('duty_rota.on_date', '<=', to)
    .orderBy('duty_rota.on_date')
    .orderBy('duty_rota.half')
    .execute()
  return rows.map(present)
}

export async function rotaSlot(trx: StaffTx, date: string, half: 'am' | 'pm'): Promise<RotaSlotView | undefined> {
  const row = await slotQuery(trx).where('duty_rota.on_date', '=', date).where('duty_rota.half', '=', half).executeTakeFirst()
  return row && present(row)
}

/**
 * Whether the line is open now, who is on duty this half-day and who is next ("am" sorts before
 * "pm", so date then half is time order). Computed in Brussels time. The next is the first of the
 * coming 62 slots with someone on them (a month) whose half-day the line is open: someone left on
 * a half-day the hours have since closed answers no call there.
 */
export async function dutyNow(trx: StaffTx, at: Date): Promise<DutyNow> {
  const local = brussels(at)
  const hours = await openingHours(trx)
  const half = halfOf(local.time)
  const current = await rotaSlot(trx, local.date, half)
  const coming = await slotQuery(trx)
    .where('duty_rota.user_id', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('duty_rota.on_date', '>', local.date),
        eb.and([eb('duty_rota.on_date', '=', local.date), eb('duty_rota.half', '>', half)]),
      ]),
    )
    .orderBy('duty_rota.on_date')
    .orderBy('duty_rota.half')
    .limit(62)
    .execute()
  const next = coming.find((r) => openHalves(spansOn(hours, r.on_date))[r.half])
  const open = isOpenAt(hours, local)
  return {
    localDate: local.date,
    localTime: local.time,
    open,
    today: spansOn(hours, local.date),
    nextOpening: open ? null : nextOpening(hours, local),
    onDuty: current?.userId ? current : null,
    next: next ? present(next) : null,
  }
}

/** Active accounts that answer the line: intake, workers and leads. */
export async function dutyStaff(trx: StaffTx) {
  return asStaff(trx)
    .selectFrom('users')
    .select(['users.id', 'users.display_name as displayName'])
    .where('users.disabled', '=', 0)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.user_id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role', 'in', ['intake', 'worker', 'lead']),
      ),
    )
    .orderBy('users.display_name')
    .limit(500)
    .execute()
}
