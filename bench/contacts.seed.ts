import crypto from 'node:crypto'
import type { Insertable } from 'kysely'
import { CALLER_SECTORS, ORIENTATIONS, URGENCIES } from '../common/contracts/contacts.contracts'
import { toJson } from '../server/db/json'
import type { Database } from '../server/db/schema'
import type { Services } from '../server/http/context'
import { createUser } from '../server/modules/users/users.commands'
import { type CountedContact, countNewContacts } from '../server/security/contact-day-counts'
import { FIRST_NAMES, LAST_NAMES, pick, rng } from '../server/seed/synthetic'
import { systemContext } from '../server/seed/system-context'

export type ContactScale = {
  contacts: number
  callers: number
  /** Contacts waiting in the intake queue (final, no orientation or a call-back due). */
  queued: number
  /** Share of contacts linked to a case (and to the case's client). */
  linkedShare: number
  years: number
}

export type ContactDataset = {
  intakeEmail: string
  /** Phone numbers as a caller would type them: the heaviest repeat caller first, then a spread. */
  phones: string[]
  /** A case with linked contacts, and the worker who holds it. */
  linkedCase: { id: string; workerEmail: string } | null
  contacts: number
  linked: number
  queued: number
}

const DAY = 86_400_000
const BATCH = 2000
/** Rows per INSERT: under SQLite's 32,766 bound parameters (contacts have 33 columns). */
const ROWS_PER_INSERT = 500
const THEMES = ['worry_relative', 'online_exposure', 'conflict_zone', 'threat', 'school_situation', 'detention', 'information_request']
const iso = (ms: number) => new Date(ms).toISOString()

/** The caller's phone as typed at the line: a Belgian mobile, in the local form the index normalises. */
const phoneOf = (caller: number) => `0470 ${String(100_000 + caller).padStart(6, '0')}`
const emailOf = (caller: number) => `caller.${caller}@example.org`

/**
 * Five years of a national line's contacts for the benchmark, on top of a small caseload (its
 * cases, workers and leads come from seedCaseload): every contact has its own data key in
 * `person_keys` and real ciphertext (caller, summary, person description) sealed under it — one
 * seal per field per row, because the additional data names the row, so ciphertext cannot be
 * shared. Phones and e-mails are blind-indexed by the app's own ContactIndex. Callers are skewed
 * (caller n is drawn as ⌊callers·u²⌋): a few call back again and again, most call once or twice.
 * A share is anonymous (no identity, no index). Each batch is one transaction with one audit entry.
 */
export async function seedContacts(
  services: Services,
  scale: ContactScale,
  cases: { id: string; personId: string; workerEmail: string | null }[],
  passwordHash: string,
  onProgress?: (done: number) => void,
): Promise<ContactDataset> {
  const r = rng(2031)
  const ctx = await systemContext(services, null, 'seed-contacts')
  const nowMs = Date.now()
  const intakeEmail = 'intake@bench.parcours.test'
  const intakeId = await ctx.write('seed.caseload_staff', async (trx, audit) => {
    const u = await createUser(trx, { email: intakeEmail, displayName: 'Intake', roles: ['intake'], teamIds: [] }, iso(nowMs), passwordHash)
    audit.detail({ users: 1 })
    return u.id
  })
  // Indexes are computed once per caller, as the app computes them for each contact it writes.
  const phoneIndex = new Map<number, string>()
  const emailIndex = new Map<number, string>()
  const index = (caller: number) => {
    let p = phoneIndex.get(caller)
    if (!p) {
      p = services.contactIndex.phone(phoneOf(caller)) as string
      phoneIndex.set(caller, p)
    }
    let e = emailIndex.get(caller)
    if (!e && caller % 3 === 0) {
      e = services.contactIndex.email(emailOf(caller))
      emailIndex.set(caller, e)
    }
    return { phone: p, email: caller % 3 === 0 ? (e as string) : null }
  }
  // The queued contacts are spread through the run, the last ones recent.
  const queueEvery = scale.queued > 0 ? Math.max(1, Math.floor(scale.contacts / scale.queued)) : Infinity
  let linked = 0
  let queued = 0
  let linkedCase: ContactDataset['linkedCase'] = null
  for (let done = 0; done < scale.contacts;) {
    const size = Math.min(BATCH, scale.contacts - done)
    await ctx.write('seed.caseload', async (trx, audit) => {
      const rows: Insertable<Database['contacts']>[] = []
      const keys: Insertable<Database['person_keys']>[] = []
      const events: Insertable<Database['accompaniment_events']>[] = []
      for (let i = 0; i < size; i++) {
        const n = done + i
        const id = crypto.randomUUID()
        const { key, wrappedKey } = services.codec.newPersonKey(id)
        const occurredMs = nowMs - Math.floor(r() * scale.years * 365 * DAY)
        const anonymous = r() < 0.25
        const caller = Math.floor(scale.callers * r() * r())
        const idx = anonymous ? { phone: null, email: null } : index(caller)
        const kindDraw = r()
        const callerKind = anonymous ? 'anonymous' : kindDraw < 0.55 ? 'relative' : kindDraw < 0.9 ? 'professional' : 'person_concerned'
        const channelDraw = r()
        const channel =
          channelDraw < 0.7
            ? 'phone'
            : channelDraw < 0.85
              ? 'email'
              : channelDraw < 0.92
                ? 'walk_in'
                : channelDraw < 0.97
                  ? 'web_form'
                  : 'letter'
        const inQueue = n % queueEvery === 0 && queued < scale.queued
        const urgency = inQueue ? pick(r, URGENCIES) : r() < 0.8 ? 'none' : pick(r, URGENCIES)
        const acc = !inQueue && cases.length > 0 && r() < scale.linkedShare ? pick(r, cases) : null
        const sealed = services.codec.sealRow('contacts', key, id, {
          caller: anonymous
            ? null
            : {
                name: `${pick(r, FIRST_NAMES)} ${pick(r, LAST_NAMES)}`,
                phone: phoneOf(caller),
                email: idx.email ? emailOf(caller) : null,
                reach: 'Après 17 h',
              },
          description: acc ? null : 'Son fils de 17 ans, passe ses nuits sur des forums',
          summary: 'Inquiète du repli de son fils, conseils donnés sur le dialogue, rappel proposé.',
          referred_to: null,
        })
        const callbackOn = inQueue && r() < 0.5 ? iso(nowMs + Math.floor(r() * 7) * DAY).slice(0, 10) : null
        const orientation = inQueue && !callbackOn ? null : acc ? 'accompaniment' : pick(r, ORIENTATIONS)
        keys.push({ person_id: id, wrapped_key: wrappedKey, created_at: iso(occurredMs) })
        rows.push({
          id,
          status: 'final',
          channel,
          direction: r() < 0.85 ? 'incoming' : 'outgoing',
          occurred_at: iso(occurredMs),
          duration_minutes: channel === 'phone' ? 3 + Math.floor(r() * 40) : null,
          caller_kind: callerKind,
          caller_sector: callerKind === 'professional' ? pick(r, CALLER_SECTORS) : null,
          caller_sealed: sealed.caller_sealed ?? null,
          phone_index: idx.phone,
          email_index: idx.email,
          person_id: acc?.personId ?? null,
          description_sealed: sealed.description_sealed ?? null,
          themes: toJson([pick(r, THEMES)]),
          summary_sealed: sealed.summary_sealed ?? null,
          orientation,
          referred_to_sealed: null,
          urgency,
          callback_on: callbackOn,
          callback_assignee_id: callbackOn ? intakeId : null,
          queue_rank: inQueue ? URGENCIES.indexOf(urgency) : null,
          accompaniment_id: acc?.id ?? null,
          created_by: channel === 'web_form' ? null : intakeId,
          created_at: iso(occurredMs),
          updated_at: iso(occurredMs + 600_000),
          finalised_at: iso(occurredMs + 600_000),
          version: 2,
          danger_at: null,
          danger_acknowledged_at: null,
          danger_acknowledged_by: null,
          answers_contact_id: null,
          called_back_at: null,
        })
        if (inQueue) queued++
        if (acc) {
          linked++
          // The case's timeline names the contact that led to it, as linkContact writes it.
          events.push({
            id: crypto.randomUUID(),
            accompaniment_id: acc.id,
            at: iso(occurredMs + 600_000),
            actor_id: intakeId,
            type: 'contact_linked',
            data: toJson({ contactId: id, channel, occurredAt: iso(occurredMs) }),
            note_sealed: null,
          })
          if (!linkedCase && acc.workerEmail) linkedCase = { id: acc.id, workerEmail: acc.workerEmail }
        }
      }
      for (let i = 0; i < keys.length; i += ROWS_PER_INSERT)
        await trx
          .insertInto('person_keys')
          .values(keys.slice(i, i + ROWS_PER_INSERT))
          .execute()
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
        await trx
          .insertInto('contacts')
          .values(rows.slice(i, i + ROWS_PER_INSERT))
          .execute()
      // The statistics' day counts, as the contact door keeps them with each contact it writes.
      await countNewContacts(trx, rows as CountedContact[])
      for (let i = 0; i < events.length; i += ROWS_PER_INSERT)
        await trx
          .insertInto('accompaniment_events')
          .values(events.slice(i, i + ROWS_PER_INSERT))
          .execute()
      audit.detail({ contacts: rows.length })
    })
    done += size
    onProgress?.(done)
  }
  // The heaviest caller (caller 0), then callers across the range: most have called once or twice.
  const phones = [phoneOf(0), ...Array.from({ length: 49 }, (_, i) => phoneOf(Math.floor(((i + 1) * scale.callers) / 60)))]
  return { intakeEmail, phones, linkedCase, contacts: scale.contacts, linked, queued }
}
