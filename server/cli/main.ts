import { ROLES, type Role } from '../../common/roles'
import { ConfigError, loadConfig } from '../config'
import { checkAnchors, currentAnchor, parseAnchor } from '../security/audit.chain'
import { sqliteFileOf, verifyAuditParallel } from '../security/audit.verify'
import { reindexNames } from '../security/name-reindex'
import { seedDemo } from '../seed/demo.seed'
import { seedPersons } from '../seed/persons.seed'
import { systemContext } from '../seed/system-context'
import { createServices } from '../services'
import { createUser } from '../modules/users/users.commands'
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
  jobs list [--state S] [--limit N]  background jobs, latest first: state, attempts, progress, last error
                                   (S: queued, running, done, failed)
  jobs retry <id>                  give a failed job a fresh set of attempts, due now
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
