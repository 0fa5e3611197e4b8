import { AsyncLocalStorage } from 'node:async_hooks'
import type { Kysely, Selectable } from 'kysely'
import type { AuditAction } from '../../common/audit-actions'
import type { SessionState } from '../../common/contracts/auth.contracts'
import type { Role } from '../../common/roles'
import type { Config } from '../config'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import { type AuditEntry, appendAudit, type Verification } from '../security/audit.chain'
import { sqliteFileOf, verifyAuditParallel } from '../security/audit.verify'
import type { Codec } from '../security/codec'
import type { ContactIndex } from '../security/contact-index'
import type { DenialLimiter, DenialWindow } from '../security/denial-limiter'
import type { DocumentStore } from '../security/document-store'
import type { NameIndex } from '../security/name-index'
import { fail } from './errors'
import type { ReadBatcher } from './read-batcher'
import { type StaffDb, fenceStaffTables } from './staff-fence'

/** What feature code gets instead of the database: a transaction that carries its audit entry. */
export type Trx = Kysely<Database>

/** A table's row as a query selects it: for the modules, which see the schema's types through here, not db/. */
export type Row<T extends keyof Database> = Selectable<Database[T]>

/** The composition root, database included: for http/, the CLI and seeds, never for modules. */
export type Services = {
  db: Kysely<Database>
  kind: DbKind
  config: Config
  codec: Codec
  names: NameIndex
  /** Blind indexes of callers' phones and e-mails (the contact point). */
  contactIndex: ContactIndex
  /** HMAC key for pseudonymous values in the audit (e-mails of failed logins). */
  auditKey: Buffer
  reads: ReadBatcher
  documents: DocumentStore
  denials: DenialLimiter
}

/** What a module may use besides its transaction: no database handle, no batcher, no limiter. */
export type ModuleServices = Readonly<{
  kind: DbKind
  config: Config
  names: NameIndex
  contactIndex: ContactIndex
  auditKey: Buffer
  documents: DocumentStore
  /** Walks the audit chain (read-only): the one way a module reaches the log's raw rows. */
  verifyAudit: () => Promise<Verification>
}>

export type Actor = {
  userId: string
  email: string
  displayName: string
  roles: Role[]
  teamIds: string[]
  sessionId: string
  sessionState: SessionState
  /** The user's refusals this minute, read with the session (absent outside a request). */
  denials?: DenialWindow | null
}

/** Filled in by the handler: what the audit entry is about. */
export class AuditDraft {
  subjectType: string | null = null
  subjectId: string | null = null
  personId: string | null = null
  /** Every person whose data the request showed or changed. */
  readonly persons = new Set<string>()
  details: Record<string, unknown> | null = null
  outcome: AuditEntry['outcome'] = 'success'

  subject(type: string, id: string): this {
    this.subjectType = type
    this.subjectId = id
    if (type === 'person') this.person(id)
    return this
  }
  /** The main person of the entry; shown too. */
  person(id: string): this {
    this.personId = id
    this.persons.add(id)
    return this
  }
  /** Persons the response shows besides the main one (list rows, names in a list). */
  shows(ids: Iterable<string | null | undefined>): this {
    for (const id of ids) if (id) this.persons.add(id)
    return this
  }
  outcomeOf(outcome: AuditEntry['outcome']): this {
    this.outcome = outcome
    return this
  }
  detail(details: Record<string, unknown>): this {
    this.details = { ...(this.details ?? {}), ...details }
    return this
  }
}

/** The audit entry being prepared by the read or write that is running, for the recording codec. */
const current = new AsyncLocalStorage<AuditDraft>()

/**
 * The codec as modules see it. Opening a person's data key is how any sealed value of theirs is
 * read or written, so each key fetched is recorded on the audit entry of the read or write in
 * progress; and a key cannot be fetched outside one, so nothing sealed is opened unaudited.
 */
export class RecordingCodec {
  // A true private field: the raw codec (which records nothing) is not reachable through this one.
  readonly #codec: Codec
  constructor(codec: Codec) {
    this.#codec = codec
  }

  private draft(): AuditDraft {
    const draft = current.getStore()
    if (!draft) throw new Error('a person key was requested outside ctx.read or ctx.write')
    return draft
  }
  async personKey(trx: Trx, personId: string): Promise<Buffer> {
    const draft = this.draft()
    const key = await this.#codec.personKey(trx, personId)
    draft.persons.add(personId)
    return key
  }
  async personKeys(trx: Trx, personIds: string[], options?: { remember?: boolean }): Promise<Map<string, Buffer>> {
    const draft = this.draft()
    const keys = await this.#codec.personKeys(trx, personIds, options)
    for (const id of keys.keys()) draft.persons.add(id)
    return keys
  }
  async createPersonKey(trx: Trx, personId: string, now: string): Promise<Buffer> {
    const draft = this.draft()
    const key = await this.#codec.createPersonKey(trx, personId, now)
    draft.persons.add(personId)
    return key
  }
  /** Destroys a data key (shredding), inside a write: the entry records it like any key it touches. */
  async shredKey(trx: Trx, keyId: string): Promise<void> {
    const draft = this.draft()
    await this.#codec.shredKey(trx, keyId)
    draft.persons.add(keyId)
  }
  sealRow: Codec['sealRow'] = (...args) => this.#codec.sealRow(...args)
  openRow: Codec['openRow'] = (...args) => this.#codec.openRow(...args)
  sealSecret: Codec['sealSecret'] = (...args) => this.#codec.sealSecret(...args)
  openSecret: Codec['openSecret'] = (...args) => this.#codec.openSecret(...args)
}

export class RequestContext {
  actor: Actor | null = null
  /** The role under which the actor acts on this route (the first that grants the permission). */
  actingRole: string | null = null
  /** What feature code may use: everything but the database, which it reaches through ctx. */
  readonly services: ModuleServices
  readonly codec: RecordingCodec
  // A true private field: no module, cast or bracket access reaches the composition root.
  readonly #system: Services
  readonly #staff: StaffDb

  constructor(
    system: Services,
    readonly requestId: string,
    readonly clientIp: string,
    readonly purpose: string | null,
  ) {
    this.#system = system
    this.#staff = fenceStaffTables(system.db)
    this.services = Object.freeze({
      kind: system.kind,
      config: system.config,
      names: system.names,
      contactIndex: system.contactIndex,
      auditKey: system.auditKey,
      documents: system.documents,
      verifyAudit: () => verifyAuditParallel(system.db, { sqliteFile: sqliteFileOf(system.config) }),
    })
    this.codec = new RecordingCodec(system.codec)
  }

  get user(): Actor {
    if (!this.actor) throw fail('auth.required')
    return this.actor
  }

  get names(): NameIndex {
    return this.#system.names
  }

  now(): string {
    return new Date().toISOString()
  }

  /**
   * Runs `fn` in one transaction and appends the audit entry in that same transaction: the
   * change and its record commit together or not at all.
   */
  async write<T>(action: AuditAction, fn: (trx: Trx, audit: AuditDraft) => Promise<T>): Promise<T> {
    return this.#system.db.transaction().execute(async (trx) => {
      const draft = new AuditDraft()
      const result = await current.run(draft, () => fn(trx, draft))
      await appendAudit(trx, this.entry(action, draft))
      return result
    })
  }

  /**
   * Reads personal data: `fn` and its `viewed` entry run in one transaction, shared with other
   * reads arriving at the same moment (group commit); the result is released after the commit.
   */
  read<T>(action: AuditAction, fn: (trx: Trx, audit: AuditDraft) => Promise<T>): Promise<T> {
    return this.#system.reads.run<T>(
      (trx, draft) => current.run(draft, () => fn(trx, draft)),
      (draft) => this.entry(action, draft),
    )
  }

  /**
   * For data that is not about a person concerned: staff accounts, teams, sign-in throttling,
   * instrument definitions. The handle is typed to those tables, and fenced at run time: a query
   * naming any other table, or written as raw SQL, throws before it reaches the database.
   */
  unaudited<T>(fn: (db: StaffDb) => Promise<T>): Promise<T> {
    return fn(this.#staff)
  }

  /**
   * Records a refusal, unless the user has gone past their share of refusals this minute: then
   * one `rate.limited` entry says so, and the user is refused (429) until the minute is over.
   * Counted per user, not per session, so that signing in again does not reset it.
   */
  async recordDenial(draft: AuditDraft): Promise<void> {
    const verdict = this.actor ? await this.#system.denials.note(this.#system.db, this.actor.userId) : 'record'
    if (verdict === 'record') await this.record('access.denied', draft)
    else if (verdict === 'first_over')
      await this.record(
        'rate.limited',
        new AuditDraft().detail({ limit: this.#system.config.denialsPerMinute, per: 'minute' }).outcomeOf('denied'),
      )
  }

  /** Whether the signed-in user is over their refusals for this minute. */
  get overDenialLimit(): boolean {
    return !!this.actor && this.#system.denials.blocked(this.actor.denials)
  }

  /** A standalone entry, for events with no data change: denials, failed logins. */
  async record(action: AuditAction, draft: AuditDraft): Promise<void> {
    await this.#system.db.transaction().execute((trx) => appendAudit(trx, this.entry(action, draft)).then(() => undefined))
  }

  private entry(action: AuditAction, d: AuditDraft): AuditEntry {
    return {
      at: this.now(),
      actorId: this.actor?.userId ?? null,
      actorRole: this.actingRole ?? this.actor?.roles.join(',') ?? null,
      action,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      personId: d.personId,
      persons: [...d.persons],
      purpose: this.purpose,
      outcome: d.outcome,
      requestId: this.requestId,
      clientIp: this.clientIp,
      details: d.details,
    }
  }
}
