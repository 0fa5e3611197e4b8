import crypto from 'node:crypto'
import type { z } from 'zod'
import type {
  DpoRequestDecisionInput,
  DpoRequestExtension,
  DpoRequestInput,
  DpoRequestStatus,
  DpoRequestUpdate,
} from '../../../common/contracts/dpo-requests.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail, invalidField } from '../../http/errors'
import { personCodes } from '../../security/person-access'
import { serviceToday } from '../../time/service-day'
import { freeCode } from '../../security/codes'
import { newCode } from '../persons/person-code'
import { dueOn, latestExtension } from './dpo-requests.deadline'
import { type DpoRequestRow, requireDpoRequest } from './dpo-requests.lookup'
import { UNANSWERED } from './dpo-requests.queries'

type Input = z.output<typeof DpoRequestInput>

/**
 * Records a data-subject request. Its words are sealed with the subject's key when the DPO names
 * a person Parcours holds, otherwise with a key of the request's own, so that they are never
 * stored in clear and go with the person if the person is erased.
 */
export async function recordDpoRequest(ctx: RequestContext, trx: Trx, input: Input): Promise<string> {
  if (input.personId) {
    if (!(await personCodes(trx, [input.personId])).has(input.personId)) throw invalidField('personId', 'unknown_person', 'No such person')
  }
  const today = serviceToday(ctx.now())
  if (input.receivedOn > today) throw invalidField('receivedOn', 'in_future', 'A request cannot be received after today')
  const id = crypto.randomUUID()
  const now = ctx.now()
  const keyId = input.personId ?? id
  const key = input.personId ? await ctx.codec.personKey(trx, keyId) : await ctx.codec.createPersonKey(trx, keyId, now)
  await trx
    .insertInto('dpo_requests')
    .values({
      id,
      code: await freeCode(trx, 'dpo_requests', () => newCode('D')),
      kind: input.kind,
      person_id: input.personId,
      key_id: keyId,
      requester: input.requester,
      channel: input.channel,
      identity_check: input.identityCheck,
      received_on: input.receivedOn,
      due_on: dueOn(input.receivedOn),
      extended_to: null,
      status: 'received',
      decision: null,
      closed_on: null,
      created_by: ctx.user.userId,
      created_at: now,
      updated_at: now,
      version: 1,
      rectified_by: null,
      rectified_at: null,
      ...ctx.codec.sealRow('dpo_requests', key, id, { details: input.details, extension_reason: null, decision_reason: null }),
    })
    .execute()
  return id
}

type Update = z.output<typeof DpoRequestUpdate>
type Extension = z.output<typeof DpoRequestExtension>
type Decision = z.output<typeof DpoRequestDecisionInput>

/**
 * The request at `version`, for a change the state machine allows from `from`: 404 unknown, 409
 * (state.invalid_transition) from any other status, 412 stale.
 */
async function loadForChange(trx: Trx, id: string, version: number, from: readonly DpoRequestStatus[]) {
  const row = await trx.selectFrom('dpo_requests').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw fail('resource.not_found')
  if (!from.includes(row.status)) throw fail('state.invalid_transition')
  if (row.version !== version) throw fail('version.mismatch')
  return row
}

async function save(trx: Trx, row: DpoRequestRow, set: Partial<Omit<DpoRequestRow, 'id' | 'version'>>, now: string) {
  const done = await trx
    .updateTable('dpo_requests')
    .set({ ...set, updated_at: now, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst()
  if (Number(done.numUpdatedRows) === 0) throw fail('version.mismatch')
}

/** Any work on a request just received starts it. */
const started = (row: DpoRequestRow) => (row.status === 'received' ? { status: 'in_progress' as const } : {})

const NO_WORDS = { details: null, extension_reason: null, decision_reason: null }

/**
 * The key the request's words are sealed with, and those words. Once the person is erased their
 * key is shredded and the words sealed with it were emptied by the erasure: the request goes on
 * under a key of its own (`key_id` = the request), so the DPO can still extend, decide and give
 * reasons on it, and nothing of the person's words comes back.
 */
async function sealing(ctx: RequestContext, trx: Trx, row: DpoRequestRow) {
  const held = (await ctx.codec.personKeys(trx, [row.key_id])).get(row.key_id)
  if (held) return { keyId: row.key_id, key: held, words: ctx.codec.openRow('dpo_requests', held, row.id, row) }
  const own = (await ctx.codec.personKeys(trx, [row.id])).get(row.id) ?? (await ctx.codec.createPersonKey(trx, row.id, ctx.now()))
  return { keyId: row.id, key: own, words: NO_WORDS }
}

/**
 * Who asked, how, how the identity was checked, the person and the words: until decided. Moving
 * the request to another person (or from nobody to someone) reseals its words with the new key.
 */
export async function updateDpoRequest(ctx: RequestContext, trx: Trx, id: string, version: number, input: Update) {
  const row = await loadForChange(trx, id, version, UNANSWERED)
  const personId = input.personId === undefined ? row.person_id : input.personId
  if (personId && personId !== row.person_id) {
    if (!(await personCodes(trx, [personId])).has(personId)) throw invalidField('personId', 'unknown_person', 'No such person')
  }
  if (row.rectified_at && personId !== row.person_id)
    throw invalidField('personId', 'rectification_done', 'The rectification was done on this person')
  const current = await sealing(ctx, trx, row)
  const words = current.words
  const wanted = personId ?? row.id
  const { keyId, key } =
    wanted === row.key_id || wanted === current.keyId
      ? current
      : personId
        ? { keyId: wanted, key: await ctx.codec.personKey(trx, wanted) }
        : {
            keyId: wanted,
            key: (await ctx.codec.personKeys(trx, [wanted])).get(wanted) ?? (await ctx.codec.createPersonKey(trx, wanted, ctx.now())),
          }
  await save(
    trx,
    row,
    {
      person_id: personId,
      key_id: keyId,
      requester: input.requester ?? row.requester,
      channel: input.channel ?? row.channel,
      identity_check: input.identityCheck ?? row.identity_check,
      ...started(row),
      ...ctx.codec.sealRow('dpo_requests', key, row.id, {
        details: input.details === undefined ? words.details : input.details,
        extension_reason: words.extension_reason,
        decision_reason: words.decision_reason,
      }),
    },
    ctx.now(),
  )
  return { previousPersonId: row.person_id, personId }
}

/** Art. 12(3): once, by up to two further months after the first deadline, with its reason. */
export async function extendDpoRequest(ctx: RequestContext, trx: Trx, id: string, version: number, input: Extension) {
  const row = await loadForChange(trx, id, version, UNANSWERED)
  if (row.extended_to) throw fail('state.invalid_transition')
  if (input.extendedTo <= row.due_on)
    throw invalidField('extendedTo', 'not_after_deadline', 'An extension must end after the first deadline')
  if (input.extendedTo > latestExtension(row.received_on))
    throw invalidField('extendedTo', 'beyond_two_months', 'At most two further months after the first deadline')
  const { keyId, key, words } = await sealing(ctx, trx, row)
  await save(
    trx,
    row,
    {
      extended_to: input.extendedTo,
      key_id: keyId,
      ...started(row),
      ...ctx.codec.sealRow('dpo_requests', key, row.id, { ...words, extension_reason: input.reason }),
    },
    ctx.now(),
  )
  return row
}

/** Granted, partly granted or refused; the reasons are required unless granted in full. */
export async function decideDpoRequest(ctx: RequestContext, trx: Trx, id: string, version: number, input: Decision) {
  const reason = input.reason?.trim() || null
  if (input.decision !== 'granted' && !reason) throw invalidField('reason', 'required', 'A refusal or partial grant needs its reasons')
  const row = await loadForChange(trx, id, version, UNANSWERED)
  const { keyId, key, words } = await sealing(ctx, trx, row)
  await save(
    trx,
    row,
    {
      status: 'decided',
      key_id: keyId,
      decision: input.decision,
      ...ctx.codec.sealRow('dpo_requests', key, row.id, { ...words, decision_reason: reason }),
    },
    ctx.now(),
  )
  return row
}

/** The answer sent: closed on a day between receipt and today. */
export async function closeDpoRequest(ctx: RequestContext, trx: Trx, id: string, version: number, closedOn: string) {
  const row = await loadForChange(trx, id, version, ['decided'])
  if (closedOn > serviceToday(ctx.now())) throw invalidField('closedOn', 'in_future', 'A request cannot be closed after today')
  if (closedOn < row.received_on) throw invalidField('closedOn', 'before_receipt', 'A request cannot be closed before it was received')
  await save(trx, row, { status: 'closed', closed_on: closedOn }, ctx.now())
  return row
}

/**
 * The worker (or lead) who corrected the person through the normal screens marks the
 * rectification done: once, on a rectification request about this person, still unanswered.
 */
export async function markRectified(ctx: RequestContext, trx: Trx, requestId: string, personId: string) {
  const row = await requireDpoRequest(trx, requestId, ['rectification'], personId)
  if (!(UNANSWERED as readonly string[]).includes(row.status) || row.rectified_at) throw fail('state.invalid_transition')
  await save(trx, row, { rectified_by: ctx.user.userId, rectified_at: ctx.now(), ...started(row) }, ctx.now())
  return row
}
