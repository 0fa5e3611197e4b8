import { ageBandsBackfill } from './age-bands.command'
import { progressFactsBackfill } from './progress-facts.command'
import { indicatorSums } from './indicator-sums.command'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { ROLES, type Role } from '../../common/roles'
import { type Config, ConfigError, loadConfig } from '../config'
import type { Services } from '../http/context'
import { BackupError, backup, restore } from '../ops/backup'
import { rotateKeys, verifyKeys } from '../ops/key-rotation'
import { loadMasterKeyring, masterKeyId } from '../security/master-key'
import { checkAnchors, currentAnchor, parseAnchor } from '../security/audit.chain'
import { sqliteFileOf, verifyAuditParallel } from '../security/audit.verify'
import { reindexNames } from '../security/name-reindex'
import { seedDemo } from '../seed/demo.seed'
import { seedPersons } from '../seed/persons.seed'
import { systemContext } from '../seed/system-context'
import { createServices } from '../services'
import { createUser } from '../modules/users/users.commands'
import { retentionDue } from '../modules/retention/retention.due'
import { retentionRunCommand } from './retention.command'
import { jobsCommand } from './jobs.command'

const USAGE = `Usage: npm run parcours -- <command>

  migrate                          apply database migrations
  seed --demo                      demo teams, users and fictitious persons
  seed --persons N                 N synthetic persons (scale data)
  user add --email E --role R [--role R2] [--name "Name"]
                                   create a user; prints a one-time activation link
  audit verify [--anchor SEQ:HASH]  verify the audit hash chain (exit 1 when broken), and that it
                                   still matches anchors taken earlier (repeatable)
  audit head                       print an anchor (last entry and its hash) to keep outside the database
  names reindex                    make every person's search keys again (start-up does it when the
                                   name index changed; run it after restoring an older backup)
  progress-facts backfill          write the progress indicators' facts of cases saved before them
  cases age-bands                  keep the client's age band on cases opened before it was kept
  indicators check                 compare the sums the indicators read (kept by triggers) with the
                                   same sums made afresh (exit 1 when they differ)
  indicators rebuild               make those sums again from the facts and sessions
  jobs list [--state S] [--limit N]  background jobs, latest first: state, attempts, progress, last error
                                   (S: queued, running, done, failed)
  jobs retry <id>                  give a failed job a fresh set of attempts, due now
  keys generate --to FILE          write a new master key (32 random bytes, base64, mode 0600)
  keys rotate [--batch N] [--pause-ms MS]
                                   re-wrap every data key under PARCOURS_MASTER_KEY (the app keeps
                                   serving; resumable); PARCOURS_MASTER_KEY_PREVIOUS is the old key
  keys verify                      check that every wrapped key opens under the current master alone
                                   (exit 1 otherwise): then the previous key can be retired
  backup --to DIR                  a consistent copy of the database and documents, without any key
  restore --from DIR [--force]     put a backup in place (app stopped); --force replaces a non-empty target
  retention run --dry-run          what the retention schedules make due today, per kind (counts; held
                                   cases apart): what a run proposed now would take
  retention run                    carry out the run the DPO approved (erasure, anonymisation; a report
                                   of counts); without one, print the proposal waiting for approval (exit 2)
`

function flags(args: string[]): Map<string, string[]> {
  const m = new Map<string, string[]>()
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string
    if (!a.startsWith('--')) continue
    const next = args[i + 1]
    const value = next && !next.startsWith('--') ? (i++, next) : 'true'
    m.set(a.slice(2), [...(m.get(a.slice(2)) ?? []), value])
  }
  return m
}

async function run(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE)
    return command ? 0 : 2
  }
  // What the CLI creates in the data folder (a generated key, a new database) is the owner's alone.
  process.umask(0o077)
  const config = loadConfig()
  // Before any database work: a backup reads, a restore replaces, neither migrates.
  if (command === 'backup' || command === 'restore') return backupCommand(config, command, [sub ?? '', ...rest])
  if (command === 'keys' && sub === 'generate') {
    const to = flags(rest).get('to')?.[0]
    if (!to || to === 'true') throw new UsageError('keys generate needs --to FILE')
    fs.writeFileSync(to, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
    console.log(`new master key written to ${to}: keep a copy apart from the backups (docs/key-rotation.md)`)
    return 0
  }
  const { services, close } = await createServices(config)
  try {
    if (command === 'migrate') {
      console.log('database is up to date')
      return 0
    }
    if (command === 'seed') {
      const f = flags([sub ?? '', ...rest])
      if (f.has('demo')) {
        await seedDemo(services)
        console.log('demo data created')
      }
      if (f.has('persons')) {
        const n = Number(f.get('persons')?.[0])
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--persons needs a positive whole number')
        await seedPersons(services, n, (done) => progress(done, n))
        process.stderr.write('\n')
        console.log(`${n} synthetic persons created`)
      }
      if (!f.has('demo') && !f.has('persons')) throw new UsageError('seed needs --demo or --persons N')
      return 0
    }
    if (command === 'user' && sub === 'add') {
      const f = flags(rest)
      const email = f.get('email')?.[0]
      const roles = f.get('role') ?? []
      if (!email || roles.length === 0) throw new UsageError('user add needs --email and at least one --role')
      const bad = roles.find((r) => !(ROLES as readonly string[]).includes(r))
      if (bad) throw new UsageError(`unknown role ${bad}; roles: ${ROLES.join(', ')}`)
      const ctx = await systemContext(services, null, 'cli')
      const { token } = await ctx.write('user.created', async (trx, audit) => {
        const created = await createUser(
          trx,
          { email, displayName: f.get('name')?.[0] ?? email, roles: roles as Role[], teamIds: [] },
          ctx.now(),
        )
        audit.subject('user', created.id).detail({ roles, via: 'cli' })
        return created
      })
      const base = config.publicUrl ?? `http://${config.host}:${config.port}`
      console.log(`user created; activation link (valid 72 hours, shown once):\n${base}/activate#token=${token}`)
      return 0
    }
    if (command === 'audit' && sub === 'head') {
      const a = await currentAnchor(services.db)
      console.log(`audit head: entry ${a.seq}\nanchor: ${a.seq}:${a.hash}`)
      console.log('Keep the anchor outside the database (the DPO register, a signed e-mail). Later,')
      console.log(`npm run parcours -- audit verify --anchor ${a.seq}:${a.hash} proves the log up to it was not rewritten.`)
      return 0
    }
    if (command === 'audit' && sub === 'verify') {
      const anchors = (flags(rest).get('anchor') ?? []).map((text) => {
        const a = parseAnchor(text)
        if (!a) throw new UsageError('an anchor is SEQ:HASH, as printed by `audit head`')
        return a
      })
      const r = await verifyAuditParallel(services.db, { sqliteFile: sqliteFileOf(services.config) })
      const rate = r.durationMs > 0 ? Math.round(r.entries / (r.durationMs / 1000)) : r.entries
      if (r.ok) {
        const mismatch = await checkAnchors(services.db, anchors)
        if (mismatch) {
          console.error(`audit chain does NOT MATCH its anchor at entry ${mismatch.seq}: ${mismatch.reason}`)
          return 1
        }
        console.log(`audit chain intact: ${r.entries} entries verified in ${r.durationMs.toFixed(0)} ms (${rate} entries/s)`)
        if (anchors.length) console.log(`and it matches ${anchors.length} anchor(s)`)
        return 0
      }
      console.error(`audit chain BROKEN at entry ${r.firstBadSeq}: ${r.reason} (${r.entries} entries verified before it)`)
      return 1
    }
    if (command === 'names' && sub === 'reindex') {
      const r = await reindexNames(services.db, services.codec, services.names, {
        force: true,
        reason: 'operator',
        onProgress: (done, total) => progress(done, total),
      })
      if (r?.reindexed) process.stderr.write('\n')
      console.log(`search keys made again for ${r?.reindexed ?? 0} persons`)
      return 0
    }
    if (command === 'retention' && sub === 'run') {
      const ctx = await systemContext(services, null, 'cli')
      if (!flags(rest).has('dry-run')) return await retentionRunCommand(ctx)
      const due = await ctx.read('retention.due_listed', async (trx, audit) => {
        const d = await retentionDue(trx, ctx.now())
        audit.detail({ due: d.kinds.reduce((n, k) => n + k.due, 0), via: 'cli' })
        return d
      })
      console.log(`retention dry run on ${due.asOf} (nothing is changed)`)
      for (const k of due.kinds) {
        const term = k.months === null ? 'no term set' : `${k.months} months`
        console.log(`  ${k.kind.padEnd(18)} ${term.padEnd(14)} due ${String(k.due).padStart(6)}  held ${k.held}`)
      }
      console.log(`total due: ${due.kinds.reduce((n, k) => n + k.due, 0)}`)
      return 0
    }
    if (command === 'keys' && (sub === 'rotate' || sub === 'verify')) {
      const f = flags(rest)
      return await keysCommand(services, config, sub, { batch: f.get('batch')?.[0], pauseMs: f.get('pause-ms')?.[0] })
    }
    if (command === 'cases' && sub === 'age-bands') {
      const done = await ageBandsBackfill(await systemContext(services, null, 'cli'), (n) => process.stderr.write(`\r${n} cases`))
      if (done) process.stderr.write('\n')
      console.log(`age bands kept for ${done} cases`)
      return 0
    }
    if (command === 'progress-facts' && sub === 'backfill') {
      const done = await progressFactsBackfill(await systemContext(services, null, 'cli'), (n) => process.stderr.write(`\r${n} cases`))
      if (done) process.stderr.write('\n')
      console.log(`progress facts written for ${done} cases`)
      return 0
    }
    if (command === 'indicators' && (sub === 'check' || sub === 'rebuild')) {
      const report = await indicatorSums(services, sub)
      for (const r of report)
        console.log(`${r.table}: ${r.rows} rows, ${r.differing} differing${sub === 'rebuild' && r.differing ? ' (rebuilt)' : ''}`)
      return sub === 'check' && report.some((r) => r.differing > 0) ? 1 : 0
    }
    if (command === 'jobs') {
      const f = flags(rest)
      const outcome = await jobsCommand(services, sub, rest, { state: f.get('state')?.[0], limit: f.get('limit')?.[0] })
      if (outcome.usage) throw new UsageError(outcome.usage)
      return outcome.code
    }
    throw new UsageError(`unknown command: ${argv.join(' ')}`)
  } finally {
    await close()
  }
}

class UsageError extends Error {}

function whole(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} needs a whole number from ${min}`)
  return n
}

/**
 * The rotation and its check in the audit chain, by the operator through the CLI (no staff account
 * behind it): the counts and the masters' ids (a hash of each key, never the key itself). Written
 * after the work, failed or not, so that a partial run is on record too.
 */
async function auditKeys(
  services: Services,
  action: 'keys.rotated' | 'keys.verified',
  keyring: ReturnType<typeof loadMasterKeyring>,
  counts: Record<string, unknown>,
): Promise<void> {
  const ctx = await systemContext(services, null, 'cli')
  await ctx.write(action, async (_trx, audit) => {
    audit.subject('master_key', services.codec.masterKeyId).detail({
      via: 'cli',
      masterKeyId: services.codec.masterKeyId,
      previousMasterKeyId: keyring.previous ? masterKeyId(keyring.previous) : null,
      ...counts,
    })
  })
}

async function keysCommand(
  services: Services,
  config: Config,
  sub: 'rotate' | 'verify',
  options: { batch?: string; pauseMs?: string },
): Promise<number> {
  const keyring = loadMasterKeyring(config)
  if (sub === 'verify') {
    const r = await verifyKeys(services.db, services.codec, keyring, { onProgress: progress })
    if (r.keys.ok + r.keys.failed > 0) process.stderr.write('\n')
    const failed = r.keys.failed + r.secrets.failed + r.stable.failed
    await auditKeys(services, 'keys.verified', keyring, { keys: r.keys, secrets: r.secrets, stable: r.stable })
    const line = `data keys: ${r.keys.ok} open, ${r.keys.failed} do not; system secrets: ${r.secrets.ok} open, ${r.secrets.failed} do not; stable keys: ${r.stable.ok} open, ${r.stable.failed} do not`
    if (failed === 0) {
      console.log(`every key opens under the current master key (${services.codec.masterKeyId})\n${line}`)
      return 0
    }
    console.error(`${failed} key(s) do NOT open under the current master key (${services.codec.masterKeyId})\n${line}`)
    return 1
  }
  const batch = whole(options.batch, '--batch', 1)
  // Five parameters a key in one statement: within both engines' limits.
  if (batch && batch > 5000) throw new UsageError('--batch needs a whole number from 1 to 5000')
  const pauseMs = whole(options.pauseMs, '--pause-ms', 0)
  if (!keyring.previous)
    console.log('no PARCOURS_MASTER_KEY_PREVIOUS given: only keys not yet marked with the current master are re-wrapped')
  const r = await rotateKeys(services.db, services.codec, keyring, { batch, pauseMs, onProgress: progress })
  if (r.rewrapped + r.already + r.failed > 0) process.stderr.write('\n')
  await auditKeys(services, 'keys.rotated', keyring, {
    keys: { rewrapped: r.rewrapped, already: r.already, failed: r.failed },
    secrets: r.secrets,
    stable: r.stable,
    durationMs: Math.round(r.durationMs),
  })
  const rate = r.durationMs > 0 ? Math.round(r.rewrapped / (r.durationMs / 1000)) : r.rewrapped
  console.log(
    `data keys re-wrapped: ${r.rewrapped} in ${(r.durationMs / 1000).toFixed(1)} s (${rate} keys/s); already under the current master: ${r.already}`,
  )
  console.log(`system secrets sealed again: ${r.secrets.resealed}; stable keys re-wrapped: ${r.stable.rewrapped}`)
  const failed = r.failed + r.secrets.failed + r.stable.failed
  if (failed > 0) {
    console.error(`${failed} key(s) open under no master key given: left unchanged (is PARCOURS_MASTER_KEY_PREVIOUS the old key?)`)
    return 1
  }
  console.log('now run `keys verify`; when it passes, remove PARCOURS_MASTER_KEY_PREVIOUS and restart (docs/key-rotation.md)')
  return 0
}

async function backupCommand(config: Config, command: 'backup' | 'restore', args: string[]): Promise<number> {
  const f = flags(args)
  try {
    if (command === 'backup') {
      const to = f.get('to')?.[0]
      if (!to || to === 'true') throw new UsageError('backup needs --to DIR')
      const r = await backup(config, to)
      console.log(
        `backup written to ${to}: ${r.files} files, ${(r.bytes / 1_048_576).toFixed(1)} MB in ${(r.durationMs / 1000).toFixed(1)} s`,
      )
      console.log('it holds no key: keep the master key apart (README, "Backups")')
      return 0
    }
    const from = f.get('from')?.[0]
    if (!from || from === 'true') throw new UsageError('restore needs --from DIR')
    const r = await restore(config, from, { force: f.has('force') })
    console.log(`restored ${r.files} files from ${from}; start Parcours with the master key of that database`)
    return 0
  } catch (e) {
    if (e instanceof BackupError) {
      console.error(e.message)
      return 1
    }
    throw e
  }
}

function progress(done: number, total: number): void {
  const width = 30
  const filled = Math.round((done / total) * width)
  process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.floor((done / total) * 100)}% ${done}/${total}`)
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) console.error(`${e.message}\n\n${USAGE}`)
    else if (e instanceof ConfigError) console.error(e.message)
    else console.error(e instanceof Error ? `error: ${e.message}` : 'error')
    process.exit(e instanceof UsageError ? 2 : 1)
  },
)
