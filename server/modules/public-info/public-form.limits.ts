import crypto from 'node:crypto'
import type { StaffDb } from '../../http/staff-fence'

const DAY_MS = 86_400_000

/**
 * The key an address is counted under: keyed hash, so that the table holds no address. An IPv6
 * address counts by its /64 (one subscriber's network), or a single machine could take a fresh
 * address for every request.
 */
export function addressKey(auditKey: Buffer, ip: string): string {
  const counted = ip.includes(':') && !ip.startsWith('::ffff:') ? ipv6Prefix(ip) : ip.replace(/^::ffff:/, '')
  return `addr:${crypto.createHmac('sha256', auditKey).update(`public-form-address:${counted}`).digest('base64url').slice(0, 22)}`
}

function ipv6Prefix(ip: string): string {
  const [head = '', tail = ''] = ip.split('%')[0]!.split('::')
  const left = head ? head.split(':') : []
  const right = ip.includes('::') && tail ? tail.split(':') : []
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  return groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')
}

export const GLOBAL_KEY = 'form:all'

/**
 * Counts one submission under `key` for the current day and says whether it is within `limit`.
 * One statement (insert, or add one on conflict) returns the new count, so submissions arriving
 * together on several instances each get their own number. Run outside any transaction, so that
 * the count is committed at once. A window opens at the first submission and lasts a day.
 */
export async function countSubmission(db: StaffDb, key: string, limit: number, now = Date.now()): Promise<boolean> {
  const at = new Date(now).toISOString()
  // ISO-8601 UTC strings of one format sort as the instants they name, on both engines.
  const openedBefore = new Date(now - DAY_MS).toISOString()
  const row = await db
    .insertInto('public_form_windows')
    .values({ key, window_start: at, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const over = eb('public_form_windows.window_start', '<=', openedBefore)
        return {
          count: eb
            .case()
            .when(over)
            .then(eb.val(1))
            .else(eb('public_form_windows.count', '+', 1))
            .end(),
          window_start: eb.case().when(over).then(eb.val(at)).else(eb.ref('public_form_windows.window_start')).end(),
        }
      }),
    )
    .returning('count')
    .executeTakeFirstOrThrow()
  return Number(row.count) <= limit
}
