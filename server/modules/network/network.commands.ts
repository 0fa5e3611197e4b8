import crypto from 'node:crypto'
import type { z } from 'zod'
import type { NetworkSnapshotInput, Tie } from '../../../common/contracts/network.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { assertMayChange } from '../accompaniments/accompaniments.queries'
import { missOrStale } from '../accompaniments/case-rows'

type Input = z.output<typeof NetworkSnapshotInput>
type Case = { id: string; team_id: string; person_id: string; status: string }

/** A snapshot is taken by the case's workers or its lead; a break-the-glass reader only reads. */
async function checkWriter(ctx: RequestContext, trx: Trx, acc: Case): Promise<void> {
  await assertMayChange(trx, ctx.user, acc)
  if (acc.status === 'closed') throw fail('state.invalid_transition')
}

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
  const s = ctx.codec.sealRow('network_snapshots', key, id, { ties: tiesOf(input), note: input.note })
  return { ties_sealed: s.ties_sealed as string, note_sealed: s.note_sealed ?? null }
}

export async function createSnapshot(ctx: RequestContext, trx: Trx, acc: Case, input: Input): Promise<string> {
  await checkWriter(ctx, trx, acc)
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const now = ctx.now()
  await trx
    .insertInto('network_snapshots')
    .values({
      id,
      accompaniment_id: acc.id,
      taken_on: input.takenOn,
      ...sealed(ctx, key, id, input),
      created_by: ctx.user.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute()
  return id
}

export async function updateSnapshot(
  ctx: RequestContext,
  trx: Trx,
  acc: Case,
  snapshotId: string,
  version: number,
  input: Input,
): Promise<void> {
  await checkWriter(ctx, trx, acc)
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const result = await trx
    .updateTable('network_snapshots')
    .set({ taken_on: input.takenOn, ...sealed(ctx, key, snapshotId, input), updated_at: ctx.now(), version: version + 1 })
    .where('id', '=', snapshotId)
    .where('accompaniment_id', '=', acc.id)
    .where('version', '=', version)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) await missOrStale(trx, 'network_snapshots', snapshotId, acc.id)
}
