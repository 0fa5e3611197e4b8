import crypto from 'node:crypto'
import type { z } from 'zod'
import type { NetworkSnapshotInput, Tie } from '../../../common/contracts/network.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { type ChangeableCase, insertRows, missOrStale, updateRows } from '../../security/case-access'
import { refreshNetworkFacts } from '../progress/progress-facts'

type Input = z.output<typeof NetworkSnapshotInput>

/** A tie without an id is new to the network: it gets one, which later snapshots keep. */
function tiesOf(input: Input): Tie[] {
  return input.ties.map((t) => ({
    id: t.id ?? crypto.randomUUID(),
    name: t.name,
    kind: t.kind,
    relation: t.relation,
    strength: t.strength,
    valence: t.valence,
    note: t.note,
  }))
}

function sealed(ctx: RequestContext, key: Buffer, id: string, input: Input) {
  return ctx.codec.sealRow('network_snapshots', key, id, { ties: tiesOf(input), note: input.note })
}

/** A snapshot is taken on a case opened for change: by its workers or its lead, never by a break-the-glass reader. */
export async function createSnapshot(ctx: RequestContext, trx: Trx, acc: ChangeableCase, input: Input): Promise<string> {
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const now = ctx.now()
  await insertRows(trx, acc, 'network_snapshots', {
    id,
    taken_on: input.takenOn,
    ...sealed(ctx, key, id, input),
    created_by: ctx.user.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  })
  await refreshNetworkFacts(ctx, trx, acc)
  return id
}

export async function updateSnapshot(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  snapshotId: string,
  version: number,
  input: Input,
): Promise<void> {
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const result = await updateRows(trx, acc, 'network_snapshots')
    .set({ taken_on: input.takenOn, ...sealed(ctx, key, snapshotId, input), updated_at: ctx.now(), version: version + 1 })
    .where('network_snapshots.id', '=', snapshotId)
    .where('network_snapshots.version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await missOrStale(trx, acc, 'network_snapshots', snapshotId)
  await refreshNetworkFacts(ctx, trx, acc)
}
