import path from 'node:path'
import { z } from 'zod'
import { DEFAULT_TIME_ZONE, isTimeZone } from './time/service-day'

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes')

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: or postgres://')
    .optional(),
  PARCOURS_DATA_DIR: z.string().min(1).default('./data'),
  PARCOURS_MASTER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (44 characters)')
    .optional(),
  PARCOURS_MASTER_KEY_FILE: z.string().min(1).optional(),
  // During a master-key rotation only: the key being replaced (docs/key-rotation.md).
  PARCOURS_MASTER_KEY_PREVIOUS: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (44 characters)')
    .optional(),
  PARCOURS_MASTER_KEY_PREVIOUS_FILE: z.string().min(1).optional(),
  PARCOURS_DEMO: bool.optional(),
  PARCOURS_PUBLIC_URL: z.url().optional(),
  PARCOURS_TRUST_PROXY: bool.default(false),
  PARCOURS_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  PARCOURS_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  PARCOURS_DOCUMENT_MAX_MB: z.coerce.number().min(0.01).max(200).default(10),
  PARCOURS_DOCUMENT_TYPES: z
    .string()
    .regex(/^(pdf|png|jpeg|docx|odt|txt)(,(pdf|png|jpeg|docx|odt|txt))*$/, 'a comma-separated list of pdf, png, jpeg, docx, odt, txt')
    .default('pdf,png,jpeg,docx,odt,txt'),
  PARCOURS_DENIALS_PER_MINUTE: z.coerce.number().int().min(5).max(100_000).default(120),
  PARCOURS_REVIEW_EVERY_MONTHS: z.coerce.number().int().min(1).max(24).default(3),
  // Client names on My day, the calendar and the dashboard: shown, or masked to initials until
  // hovered or focused, for users who have not chosen themselves (issue 12).
  PARCOURS_NAMES_DEFAULT: z.enum(['names', 'initials'], 'names or initials').default('names'),
  // The public page (/info) and its form: the free line, and the form's anti-abuse limits.
  PARCOURS_LINE_PHONE: z
    .string()
    .regex(/^\+?[0-9][0-9 ./-]{3,24}$/, 'a phone number as it should be shown, e.g. 0800 12 345')
    .optional(),
  PARCOURS_LINE_HOURS: z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})*$/, 'opening hours on working days, e.g. 09:00-12:30,13:30-17:00')
    .default('09:00-17:00'),
  PARCOURS_PUBLIC_FORM_MIN_SECONDS: z.coerce.number().int().min(1).max(120).default(3),
  PARCOURS_PUBLIC_FORM_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(3),
  PARCOURS_PUBLIC_FORM_PER_DAY: z.coerce.number().int().min(1).max(100_000).default(100),
  PARCOURS_PUBLIC_INBOX_MAX: z.coerce.number().int().min(1).max(1_000_000).default(500),
  // E-mail notifications (modules/notifications): off when no SMTP server is set.
  PARCOURS_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'an SMTP URL, e.g. smtp://mail.example.org:587 or smtps://user:pass@host:465')
    .optional(),
  PARCOURS_MAIL_FROM: z
    .string()
    .regex(/^[^\r\n]*[^\s@<>]+@[^\s@<>]+>?$/, 'a sender address, e.g. Parcours <parcours@example.org>')
    .default('parcours@localhost'),
  // The office's time zone: when "today" starts for overdue tasks, reminders and My day.
  PARCOURS_TIME_ZONE: z.string().refine(isTimeZone, 'a time-zone name such as Europe/Brussels').default(DEFAULT_TIME_ZONE),
  PARCOURS_RECENT_CLEAR_AT_SIGNOUT: bool.default(false),
  // Off behind a pooler that shares server connections between clients per transaction
  // (PgBouncer before 1.21, or without max_prepared_statements): it cannot keep them.
  PARCOURS_PG_PREPARED_STATEMENTS: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export type Config = {
  env: 'development' | 'production' | 'test'
  host: string
  port: number
  /** On PostgreSQL, `preparedStatements` (default true): see server/db/pg-client.ts. */
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; preparedStatements?: boolean }
  dataDir: string
  masterKey: { base64: string } | { file: string } | { generateIn: string }
  /** The master key a rotation replaces, while it runs (null otherwise). */
  previousMasterKey: { base64: string } | { file: string } | null
  demo: boolean
  publicUrl: string | undefined
  secureCookies: boolean
  trustProxy: boolean
  session: { idleMs: number; absoluteMs: number }
  logLevel: string
  documents: { maxBytes: number; types: string[] }
  /** Months between progress reviews, for the reminders on My day. */
  reviewEveryMonths: number
  /** What users who have not chosen see of clients' names where they work: names, or initials. */
  namesDefault: 'names' | 'initials'
  /** Refusals a session may cause per minute before it is blocked (audit flooding). */
  denialsPerMinute: number
  /** The free line shown on /info: its number and its hours on working days ([from, to] pairs, HH:MM). */
  line: { phone: string | null; hours: [string, string][] }
  /**
   * The public form's limits (modules/public-info): seconds a person takes at least between the
   * page and sending it; accepted requests per address and for the whole form per day; open
   * requests the inbox holds at most (past it new ones are refused, none is ever pushed out).
   */
  publicForm: { minSeconds: number; perAddressPerDay: number; perDay: number; inboxMax: number }
  /**
   * E-mail notifications: the SMTP server (null: no e-mail is queued, notifications are shown in
   * the app only), the sender, and the address the mails' sign-in link points to.
   */
  mail: { smtpUrl: string | null; from: string; baseUrl: string }
  /** The service's time zone (server/time/service-day.ts): its midnight starts "today". */
  timeZone: string
  /** Whether signing out forgets the user's recently viewed cases and persons (shared workstations). */
  recentClearAtSignOut: boolean
}

export class ConfigError extends Error {}

/** Parses the environment once. Any invalid value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const c = parsed.data
  const production = c.NODE_ENV === 'production'
  const demo = c.PARCOURS_DEMO ?? !production
  if (production && demo) throw new ConfigError('Invalid configuration:\n  PARCOURS_DEMO: demo data is refused in production')
  if (production && !c.PARCOURS_MASTER_KEY && !c.PARCOURS_MASTER_KEY_FILE) {
    throw new ConfigError(
      'Invalid configuration:\n  PARCOURS_MASTER_KEY: required in production (or PARCOURS_MASTER_KEY_FILE); a generated key is refused',
    )
  }
  if (c.PARCOURS_MASTER_KEY && c.PARCOURS_MASTER_KEY_FILE) {
    throw new ConfigError('Invalid configuration:\n  PARCOURS_MASTER_KEY_FILE: set either it or PARCOURS_MASTER_KEY, not both')
  }
  if (c.PARCOURS_MASTER_KEY_PREVIOUS && c.PARCOURS_MASTER_KEY_PREVIOUS_FILE) {
    throw new ConfigError(
      'Invalid configuration:\n  PARCOURS_MASTER_KEY_PREVIOUS_FILE: set either it or PARCOURS_MASTER_KEY_PREVIOUS, not both',
    )
  }
  if ((c.PARCOURS_MASTER_KEY_PREVIOUS || c.PARCOURS_MASTER_KEY_PREVIOUS_FILE) && !c.PARCOURS_MASTER_KEY && !c.PARCOURS_MASTER_KEY_FILE) {
    throw new ConfigError('Invalid configuration:\n  PARCOURS_MASTER_KEY: a rotation needs the new key given (or PARCOURS_MASTER_KEY_FILE)')
  }
  const dataDir = path.resolve(c.PARCOURS_DATA_DIR)
  const url = c.DATABASE_URL
  const database: Config['database'] =
    url && url.startsWith('postgres')
      ? { kind: 'postgres', url, preparedStatements: c.PARCOURS_PG_PREPARED_STATEMENTS }
      : { kind: 'sqlite', file: url ? url.slice('sqlite:'.length) || ':memory:' : path.join(dataDir, 'parcours.sqlite') }
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    database,
    dataDir,
    masterKey: c.PARCOURS_MASTER_KEY
      ? { base64: c.PARCOURS_MASTER_KEY }
      : c.PARCOURS_MASTER_KEY_FILE
        ? { file: c.PARCOURS_MASTER_KEY_FILE }
        : { generateIn: dataDir },
    previousMasterKey: c.PARCOURS_MASTER_KEY_PREVIOUS
      ? { base64: c.PARCOURS_MASTER_KEY_PREVIOUS }
      : c.PARCOURS_MASTER_KEY_PREVIOUS_FILE
        ? { file: c.PARCOURS_MASTER_KEY_PREVIOUS_FILE }
        : null,
    demo,
    publicUrl: c.PARCOURS_PUBLIC_URL,
    secureCookies: c.PARCOURS_PUBLIC_URL?.startsWith('https://') ?? false,
    trustProxy: c.PARCOURS_TRUST_PROXY,
    session: { idleMs: c.PARCOURS_SESSION_IDLE_MINUTES * 60_000, absoluteMs: c.PARCOURS_SESSION_ABSOLUTE_HOURS * 3_600_000 },
    logLevel: c.LOG_LEVEL,
    reviewEveryMonths: c.PARCOURS_REVIEW_EVERY_MONTHS,
    namesDefault: c.PARCOURS_NAMES_DEFAULT,
    denialsPerMinute: c.PARCOURS_DENIALS_PER_MINUTE,
    // Outside production a placeholder number, so that the demo page reads as the real one will;
    // in production an unset number is left off the page rather than invented.
    line: {
      phone: c.PARCOURS_LINE_PHONE ?? (production ? null : '0800 00 000'),
      hours: c.PARCOURS_LINE_HOURS.split(',').map((range) => range.split('-') as [string, string]),
    },
    publicForm: {
      minSeconds: c.PARCOURS_PUBLIC_FORM_MIN_SECONDS,
      perAddressPerDay: c.PARCOURS_PUBLIC_FORM_PER_ADDRESS,
      perDay: c.PARCOURS_PUBLIC_FORM_PER_DAY,
      inboxMax: c.PARCOURS_PUBLIC_INBOX_MAX,
    },
    mail: {
      smtpUrl: c.PARCOURS_SMTP_URL ?? null,
      from: c.PARCOURS_MAIL_FROM,
      baseUrl: (c.PARCOURS_PUBLIC_URL ?? `http://${c.HOST}:${c.PORT}`).replace(/\/+$/, ''),
    },
    documents: { maxBytes: Math.round(c.PARCOURS_DOCUMENT_MAX_MB * 1_048_576), types: c.PARCOURS_DOCUMENT_TYPES.split(',') },
    timeZone: c.PARCOURS_TIME_ZONE,
    recentClearAtSignOut: c.PARCOURS_RECENT_CLEAR_AT_SIGNOUT,
  }
}
