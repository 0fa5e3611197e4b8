import type { RequestContext, Trx } from '../../http/context'

/** "First Last" of the given persons, decrypted with one key query; for lists of cases. */
export async function personNames(ctx: RequestContext, trx: Trx, personIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(personIds)]
  if (ids.length === 0) return new Map()
  const [rows, keys] = await Promise.all([
    trx.selectFrom('persons').select(['id', 'first_name_sealed', 'last_name_sealed']).where('id', 'in', ids).execute(),
    ctx.codec.personKeys(trx, ids),
  ])
  const names = new Map<string, string>()
  for (const row of rows) {
    const key = keys.get(row.id)
    if (!key) continue
    const plain = ctx.codec.openRow('persons', key, row.id, row)
    names.set(row.id, `${String(plain.first_name)} ${String(plain.last_name)}`)
  }
  return names
}
