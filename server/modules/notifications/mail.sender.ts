import nodemailer from 'nodemailer'
import type { Transporter } from 'nodemailer'
import { NOTIFICATION_EVENTS, type NotificationEvent } from '../../../common/contracts/notifications.contracts'
import { asStaff, type StaffTx } from '../../http/staff-fence'
import { mailText } from './mail.texts'

export type MailSenderOptions = {
  smtpUrl: string
  from: string
  engine: 'sqlite' | 'postgres'
  /** How often an idle sender looks for due e-mails (default 5 s). */
  pollMs?: number
  /** Attempts in all before an e-mail is given up as `failed` (default 8). */
  maxAttempts?: number
  /** Wait before the first retry, doubled at each further one (default 30 s), at most `maxBackoffMs` (1 hour). */
  backoffMs?: number
  maxBackoffMs?: number
  /** How long a claim holds (default 2 min): past it, an e-mail whose sender died is due again. */
  leaseMs?: number
  /** Told of each failure by outbox id and error code only: never an address or content. */
  log?: (event: { mailId: string; outcome: 'retry' | 'failed'; error: string }) => void
}

type Row = { id: string; event: string; recipient: string; language: string; reference: string; link: string; attempts: number }

/**
 * What may be stored of a failed send: nodemailer's error code and the server's reply code,
 * never the message (a server's reply may quote the address).
 */
export function smtpErrorCode(e: unknown): { code: string; permanent: boolean } {
  const err = e as { code?: unknown; responseCode?: unknown }
  const response = typeof err?.responseCode === 'number' ? err.responseCode : null
  const code = typeof err?.code === 'string' && /^[A-Z_]{2,30}$/.test(err.code) ? err.code.toLowerCase() : 'unknown'
  // A 5xx reply refuses this message for good (unknown mailbox, policy): retrying cannot help.
  return { code: response ? `smtp.${code}.${response}` : `smtp.${code}`, permanent: response !== null && response >= 500 }
}

/**
 * Sends the e-mails of `mail_outbox`, each once whatever the number of senders and instances.
 *
 * A due row is claimed in one statement that counts the attempt and pushes `next_attempt_at` a
 * lease ahead, so no other sender sees it as due while it is being sent (on PostgreSQL the
 * candidate is picked `FOR UPDATE SKIP LOCKED`; on SQLite the statement is atomic). Sent: the row
 * is marked `sent`. Refused for good (5xx) or out of attempts: `failed`. Otherwise it is due again
 * after an exponential backoff. A sender that dies between the server's acceptance and the mark
 * leaves the row due again when the lease runs out: delivery is at least once in that one case.
 */
export class MailSender {
  readonly #db: StaffTx
  readonly #o: Required<Omit<MailSenderOptions, 'log'>> & Pick<MailSenderOptions, 'log'>
  readonly #transport: Transporter
  #timer: NodeJS.Timeout | null = null
  #running: Promise<unknown> | null = null
  #stopped = true
  #closing = false

  constructor(db: StaffTx, options: MailSenderOptions) {
    this.#db = db
    this.#o = { pollMs: 5000, maxAttempts: 8, backoffMs: 30_000, maxBackoffMs: 3_600_000, leaseMs: 120_000, ...options }
    this.#transport = nodemailer.createTransport({
      url: this.#o.smtpUrl,
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 30_000,
    } as unknown as Parameters<typeof nodemailer.createTransport>[0])
  }

  start(): this {
    if (!this.#stopped) return this
    this.#stopped = false
    this.#schedule(0)
    return this
  }

  /** Stops polling and waits for the batch in progress. */
  async stop(): Promise<void> {
    this.#stopped = true
    this.#closing = true
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    await this.#running?.catch(() => undefined)
    this.#transport.close()
  }

  #schedule(ms: number): void {
    if (this.#stopped) return
    this.#timer = setTimeout(() => {
      this.#running = this.runOnce()
        .catch(() => 0) // the database is unreachable for now: try again at the next poll
        .finally(() => {
          this.#running = null
          this.#schedule(this.#o.pollMs)
        })
    }, ms)
    this.#timer.unref()
  }

  /** Sends every e-mail due now, each at most once in this run; returns how many were sent. */
  async runOnce(): Promise<number> {
    const tried: string[] = []
    let sent = 0
    for (;;) {
      // Stopping: the e-mail in hand is finished, no further one is claimed.
      if (this.#closing) return sent
      const row = await this.#claim(tried)
      if (!row) return sent
      tried.push(row.id)
      if (await this.#send(row)) sent += 1
    }
  }

  async #claim(exclude: readonly string[]): Promise<Row | undefined> {
    const db = asStaff(this.#db)
    const now = new Date()
    const at = now.toISOString()
    let pick = db
      .selectFrom('mail_outbox')
      .select('mail_outbox.id')
      .where('mail_outbox.status', '=', 'pending')
      .where('mail_outbox.next_attempt_at', '<=', at)
      .orderBy('mail_outbox.next_attempt_at')
      .limit(1)
    if (exclude.length > 0) pick = pick.where('mail_outbox.id', 'not in', exclude)
    if (this.#o.engine === 'postgres') pick = pick.forUpdate().skipLocked()
    const row = await db
      .updateTable('mail_outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        next_attempt_at: new Date(now.getTime() + this.#o.leaseMs).toISOString(),
      }))
      .where('mail_outbox.id', '=', pick)
      // Checked again in the update itself: a row another sender claimed meanwhile is not due.
      .where('mail_outbox.status', '=', 'pending')
      .where('mail_outbox.next_attempt_at', '<=', at)
      .returning(['id', 'event', 'recipient', 'language', 'reference', 'link', 'attempts'])
      .executeTakeFirst()
    return row ? { ...row, attempts: Number(row.attempts) } : undefined
  }

  async #send(row: Row): Promise<boolean> {
    const db = asStaff(this.#db)
    const mine = () => db.updateTable('mail_outbox').where('id', '=', row.id).where('status', '=', 'pending')
    try {
      if (!(NOTIFICATION_EVENTS as readonly string[]).includes(row.event)) throw Object.assign(new Error('event'), { code: 'EEVENT' })
      const text = mailText(row.event as NotificationEvent, row.language, row.reference, row.link)
      await this.#transport.sendMail({ from: this.#o.from, to: row.recipient, subject: text.subject, text: text.body })
      await mine().set({ status: 'sent', sent_at: new Date().toISOString(), last_error: null }).execute()
      return true
    } catch (e) {
      const { code, permanent } = smtpErrorCode(e)
      if (permanent || row.attempts >= this.#o.maxAttempts) {
        await mine().set({ status: 'failed', last_error: code }).execute()
        this.#o.log?.({ mailId: row.id, outcome: 'failed', error: code })
      } else {
        const wait = Math.min(this.#o.backoffMs * 2 ** (row.attempts - 1), this.#o.maxBackoffMs)
        await mine()
          .set({ last_error: code, next_attempt_at: new Date(Date.now() + wait).toISOString() })
          .execute()
        this.#o.log?.({ mailId: row.id, outcome: 'retry', error: code })
      }
      return false
    }
  }
}
