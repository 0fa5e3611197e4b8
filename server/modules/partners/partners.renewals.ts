import type { z } from 'zod'
import type { CharterRenewal } from '../../../common/contracts/tasks.contracts'
import { rolesGrant } from '../../../common/permissions'
import type { Actor } from '../../http/context'
import { asStaff, type StaffTx } from '../../http/staff-fence'

/** How far ahead a charter renewal shows on My day. */
export const CHARTER_RENEWAL_DAYS = 30
const DAY = 86_400_000

/**
 * My day's partner charters, for those who keep the directory (lead and admin: the
 * `partner_directory.manage` permission): the active organisations whose partnership charter is
 * to be renewed within 30 days of `today` (the `YYYY-MM-DD` day My day is for) or is overdue, the
 * most urgent first. Directory data, not personal data. Others get no field at all, so that My
 * day does not show an empty section to workers.
 */
export async function charterRenewalsFor(
  tx: StaffTx,
  me: Actor,
  today: string,
): Promise<{ charterRenewals?: z.input<typeof CharterRenewal>[] }> {
  if (!rolesGrant(me.roles, 'partner_directory.manage')) return {}
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + CHARTER_RENEWAL_DAYS * DAY).toISOString().slice(0, 10)
  const rows = await asStaff(tx)
    .selectFrom('partner_organisations')
    .select(['id', 'name', 'charter_renew_on'])
    .where('active', '=', 1)
    .where('charter_renew_on', 'is not', null)
    .where('charter_renew_on', '<=', until)
    .orderBy('charter_renew_on')
    .orderBy('name')
    .orderBy('id')
    .execute()
  return {
    charterRenewals: rows.map((r) => ({
      organisationId: r.id,
      name: r.name,
      renewOn: r.charter_renew_on as string,
      overdue: (r.charter_renew_on as string) < today,
    })),
  }
}
