import pg from 'pg'

/** How many statements one connection keeps prepared; the least recently used is deallocated. */
export const PREPARED_PER_CONNECTION = 200

// 0A000 "cached plan must not change result type" (a table's columns changed under a `select *`
// prepared before; the statement still exists), 26000 "prepared statement does not exist" (dropped
// behind our back, e.g. by a pooler's `DISCARD ALL`): either way the query fails once, and the
// statement is prepared again under a fresh name next time.
const STALE_STATEMENT = new Set(['0A000', '26000'])

type Connection = { parsedStatements: Record<string, string>; submittedNamedStatements: Record<string, string> }

/**
 * A PostgreSQL connection that prepares the statements Kysely sends with parameters, once per
 * connection, instead of having the server parse and plan them on every execution. Kysely sends
 * every query as unnamed; for the short, frequent statements of an audited read (the session, the
 * person's door, the audit append) the server spent more time parsing and planning than running
 * them (ADR 0004, second update of 2026-12-06).
 *
 * Names are never reused: a statement that must be prepared again gets a new one, so a name can
 * never stand for two texts. At most PREPARED_PER_CONNECTION are kept; beyond, the least recently
 * used is deallocated. Statements without parameters (`begin`, `commit`, migrations' scripts) go
 * as before, through the simple protocol, which allows several statements in one text.
 */
export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>()
  /** Names whose deallocation failed (the connection was in an aborted transaction): retried later. */
  readonly #retired: string[] = []
  #counter = 0

  static {
    // pg's overloads of `query` cannot be restated one by one on an override: the method is
    // replaced here, and keeps the type the class inherits from pg.
    PreparingClient.prototype.query = function (this: PreparingClient, ...args: unknown[]) {
      return this.#query(args)
    } as pg.Client['query']
  }

  #query(args: unknown[]): unknown {
    const [text, values, callback] = args
    const call = pg.Client.prototype.query as (...a: unknown[]) => unknown
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined || !this.#connection()) {
      return call.apply(this, args)
    }
    if (this.#retired.length > 0 && this.#transactionStatus() !== 'E') this.#deallocateRetired()
    const name = this.#nameFor(text)
    const result = call.call(this, { name, text, values }) as Promise<pg.QueryResult>
    return result.catch((error: unknown) => {
      const code = (error as { code?: string }).code ?? ''
      // Not prepared (its parse failed) or stale: forgotten, so that it is prepared afresh next time.
      if (STALE_STATEMENT.has(code) || this.#connection()?.parsedStatements[name] === undefined) this.#retire(text, name)
      throw error
    })
  }

  #connection(): Connection | null {
    const connection = (this as unknown as { connection?: Partial<Connection> }).connection
    // Only when pg keeps its record of prepared statements where this class expects it.
    return connection?.parsedStatements && connection.submittedNamedStatements ? (connection as Connection) : null
  }

  #nameFor(text: string): string {
    const known = this.#names.get(text)
    if (known !== undefined) {
      // Most recently used last: a Map iterates in insertion order.
      this.#names.delete(text)
      this.#names.set(text, known)
      return known
    }
    if (this.#names.size >= PREPARED_PER_CONNECTION) {
      const [oldText, oldName] = this.#names.entries().next().value as [string, string]
      this.#retire(oldText, oldName)
    }
    const name = `parcours_${++this.#counter}`
    this.#names.set(text, name)
    return name
  }

  /**
   * Forgets a statement, and deallocates it on the server only when pg saw it prepared there: a
   * `deallocate` of a name the server does not hold would fail, and abort the transaction the
   * connection may be in.
   */
  #retire(text: string, name: string): void {
    if (this.#names.get(text) === name) this.#names.delete(text)
    if (this.#connection()?.parsedStatements[name] === undefined) return
    this.#retired.push(name)
    if (this.#transactionStatus() !== 'E') this.#deallocateRetired()
  }

  /**
   * One `deallocate` per name, so that one failing does not keep the others; each is queued behind
   * whatever the connection is running and never awaited by the query that retired it.
   */
  #deallocateRetired(): void {
    const connection = this.#connection()
    const call = pg.Client.prototype.query as (...a: unknown[]) => Promise<unknown>
    for (const n of this.#retired.splice(0)) {
      call.call(this, `deallocate ${n}`).then(
        () => {
          if (connection) delete connection.parsedStatements[n]
        },
        (error: { code?: string }) => {
          // In an aborted transaction: tried again before the next statement outside one. Any
          // other failure means the server no longer holds the name (a pooler's DISCARD ALL).
          if (error.code === '25P02') this.#retired.push(n)
          else if (connection) delete connection.parsedStatements[n]
        },
      )
    }
  }

  /** pg's record of the server's last word on the transaction: I idle, T in one, E failed. */
  #transactionStatus(): string | null {
    return this.getTransactionStatus()
  }

  /** For tests and diagnostics: the statements this connection has prepared. */
  get preparedCount(): number {
    return this.#names.size
  }
}
