import type { Kysely } from 'kysely'
import type { Role } from '../../common/roles'
import type { Config } from '../config'
import type { DbKind } from '../db/database'
import type { Database } from '../db/schema'
import { type AuditEntry, appendAudit } from '../security/audit.chain'
import type { Codec } from '../security/codec'
import type { DenialLimiter } from '../security/denial-limiter'
import type { DocumentStore } from '../security/document-store'
import type { NameIndex } from '../security/name-index'
import { fail } from './errors'
import type { ReadBatcher } from './read-batcher'

/** What feature code gets instead of the database: a transaction that carries its audit entry. */
export type Trx = Kysely<Database>

export type Services = {
  db: Kysely<Database>
  kind: DbKind
  config: Config
  codec: Codec
  names: NameIndex
  /** HMAC key for pseudonymous values in the audit (e-mails of failed logins). */
  auditKey: Buffer
  reads: ReadBatcher
  documents: DocumentStore
  denials: DenialLimiter
}

export type Actor = {
  userId: string
  email: string
  displayName: string
  roles: Role[]
  teamIds: string[]
  sessionId: string
  sessionState: 'active' | 'mfa_pending' | 'mfa_enrolment'
}

/** Filled in by the handler: what the audit entry is about. */
export class AuditDraft {
  subjectType: string | null = null
  subjectId: string | null = null
  personId: string | null = null
  details: Record<string, unknown> | null = null
  outcome: AuditEntry['outcome'] = 'success'

  subject(type: string, id: string): this {
    this.subjectType = type
    this.subjectId = id
    if (type === 'person') this.personId = id
    return this
  }
  person(id: string): this {
    this.personId = id
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

export class RequestContext {
  actor: Actor | null = null
  /** The role under which the actor acts on this route (the first that grants the permission). */
  actingRole: string | null = null

  constructor(
    /** The whole composition root, database included: for http/ and operator code only. */
    readonly system: Services,
    readonly requestId: string,
    readonly clientIp: string,
    readonly purpose: string | null,
  ) {}

  get user(): Actor {
    if (!this.actor) throw fail('auth.required')
    return this.actor
  }

  /** What feature code may use: everything but the database, which it reaches through ctx. */
  get services(): Omit<Services, 'db' | 'reads'> {
    return this.system
  }

  get codec(): Codec {
    return this.system.codec
  }

  get names(): NameIndex {
    return this.system.names
  }

  now(): string {
    return new Date().toISOString()
  }

  /**
   * Runs `fn` in one transaction and appends the audit entry in that same transaction: the
   * change and its record commit together or not at all.
   */
  async write<T>(action: string, fn: (trx: Trx, audit: AuditDraft) => Promise<T>): Promise<T> {
    return this.system.db.transaction().execute(async (trx) => {
      const draft = new AuditDraft()
      const result = await fn(trx, draft)
      await appendAudit(trx, this.entry(action, draft))
      return result
    })
  }

  /**
   * Reads personal data: `fn` and its `viewed` entry run in one transaction, shared with other
   * reads arriving at the same moment (group commit); the result is released after the commit.
   */
  read<T>(action: string, fn: (trx: Trx, audit: AuditDraft) => Promise<T>): Promise<T> {
    return this.system.reads.run<T>(fn, (draft) => this.entry(action, draft))
  }

  /**
   * For data that is not about a person concerned (staff accounts, teams, sign-in throttling,
   * health): no audit entry. Anything about a person goes through read() or write().
   */
  unaudited<T>(fn: (db: Trx) => Promise<T>): Promise<T> {
    return fn(this.system.db)
  }

  /** A standalone entry, for events with no data change: denials, failed logins. */
  async record(action: string, draft: AuditDraft): Promise<void> {
    await this.system.db.transaction().execute((trx) => appendAudit(trx, this.entry(action, draft)).then(() => undefined))
  }

  private entry(action: string, d: AuditDraft): AuditEntry {
    return {
      at: this.now(),
      actorId: this.actor?.userId ?? null,
      actorRole: this.actingRole ?? this.actor?.roles.join(',') ?? null,
      action,
      subjectType: d.subjectType,
      subjectId: d.subjectId,
      personId: d.personId,
      purpose: this.purpose,
      outcome: d.outcome,
      requestId: this.requestId,
      clientIp: this.clientIp,
      details: d.details,
    }
  }
}
