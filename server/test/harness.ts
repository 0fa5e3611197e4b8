import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import type { Role } from '../../common/roles'
import { buildApp } from '../app'
import { type Config, loadConfig } from '../config'
import type { Services } from '../http/context'
import { codeFor } from '../security/mfa'
import { hashPassword } from '../security/passwords'
import { createServices } from '../services'
import { createUser } from '../modules/users/users.commands'
import { systemContext } from '../seed/system-context'
import { createDatabase as createPgDatabase, dropDatabase as dropPgDatabase } from './pg-drop'
import { addDays } from '../modules/tasks/reminders.queries'
import { serviceToday, serviceWallTime } from '../time/service-day'

/** Which engine this run of the API suite uses; the same files run once per engine. */
export const DB_KIND: 'sqlite' | 'postgres' = process.env.PARCOURS_TEST_DB === 'postgres' ? 'postgres' : 'sqlite'
export const PG_ADMIN_URL = process.env.PARCOURS_TEST_PG_URL ?? 'postgres://parcours:parcours@127.0.0.1:5432/postgres'
export const TEST_PASSWORD = 'a long test passphrase 2026'

let passwordHash: Promise<string> | null = null

export type TestApp = Awaited<ReturnType<typeof startTestApp>>

/** A real app on a real, empty database of the engine under test. */
export async function startTestApp(options: { demo?: boolean; env?: Record<string, string>; webRoot?: string } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-test-'))
  let databaseUrl = `sqlite:${path.join(dataDir, 'test.sqlite')}`
  let dropDatabase = async () => {}
  if (DB_KIND === 'postgres') {
    const { name, url } = await createPgDatabase(PG_ADMIN_URL, 'parcours_t')
    databaseUrl = url
    dropDatabase = () => dropPgDatabase(PG_ADMIN_URL, name)
  }
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    PARCOURS_DATA_DIR: dataDir,
    PARCOURS_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
    PARCOURS_DEMO: options.demo === false ? 'false' : 'true',
    DATABASE_URL: databaseUrl,
    ...options.env,
  })
  const { services } = await createServices(config)
  const app = await buildApp(services, { webRoot: options.webRoot })
  await app.ready()

  const harness = {
    app,
    services,
    config,
    dataDir,
    databaseUrl,
    async close() {
      await app.close()
      await services.db.destroy()
      await dropDatabase()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
    /** A user with a known password, written as an admin would. */
    async user(roles: Role[], opts: { teamIds?: string[]; mfaSecret?: string; email?: string } = {}) {
      passwordHash ??= hashPassword(TEST_PASSWORD)
      const hash = await passwordHash
      const email = opts.email ?? `${roles.join('-')}-${crypto.randomBytes(4).toString('hex')}@test.parcours.test`
      const ctx = await systemContext(services, null, 'test')
      const id = await ctx.write('user.created', async (trx, audit) => {
        const created = await createUser(
          trx,
          { email, displayName: `Test ${roles.join(' ')}`, roles, teamIds: opts.teamIds ?? [] },
          ctx.now(),
          hash,
        )
        if (opts.mfaSecret) {
          await trx
            .updateTable('users')
            .set({ mfa_enabled: 1, mfa_secret_sealed: services.codec.sealSecret(opts.mfaSecret, `users.mfa_secret:${created.id}`) })
            .where('id', '=', created.id)
            .execute()
        }
        audit.subject('user', created.id)
        return created.id
      })
      return { id, email, password: TEST_PASSWORD }
    },
    agent(ip = '127.0.0.1') {
      return new Agent(app, ip)
    },
    /** A signed-in agent for a new user with these roles. */
    async as(roles: Role[], opts: { teamIds?: string[] } = {}) {
      const u = await harness.user(roles, opts)
      const agent = new Agent(app)
      const res = await agent.post('/api/auth/login', { email: u.email, password: u.password })
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode}`)
      return Object.assign(agent, { userId: u.id, email: u.email })
    },
    async team(name = `Team ${crypto.randomBytes(3).toString('hex')}`) {
      const id = crypto.randomUUID()
      await services.db.insertInto('teams').values({ id, name, created_at: new Date().toISOString() }).execute()
      return id
    },
  }
  return harness
}

/** An HTTP client with a cookie jar, sending what our web app sends. */
export class Agent {
  cookie: string | null = null
  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '127.0.0.1',
  ) {}

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        ...(method !== 'GET' ? { 'x-parcours-request': '1' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body !== undefined && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
    })
    const set = res.headers['set-cookie']
    const line = Array.isArray(set) ? set[0] : set
    if (line) {
      const [pair] = line.split(';')
      this.cookie = /Max-Age=0/.test(line) ? null : (pair ?? null)
    }
    return res
  }
  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers)
  }
  post(url: string, body: unknown = {}, headers?: Record<string, string>) {
    return this.request('POST', url, body, headers)
  }
  put(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, body, headers)
  }
  patch(url: string, body: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, body, headers)
  }
  /** Signs in through both steps, using the TOTP code of the given time. */
  async loginWithMfa(email: string, password: string, secret: string, at = Date.now()) {
    const first = await this.post('/api/auth/login', { email, password })
    const second = await this.post('/api/auth/mfa/verify', { code: codeFor(secret, at) })
    return { first, second }
  }
}

export async function auditRows(services: Services, action?: string) {
  let q = services.db.selectFrom('audit_log').selectAll().orderBy('seq')
  if (action) q = q.where('action', '=', action)
  return q.execute()
}

/**
 * The service's date `offset` days from today, as the server computes "today": in Brussels, not
 * UTC. Between 22:00/23:00 and midnight UTC the two differ, and a test built on UTC's date fails
 * at night only.
 */
export const serviceDate = (offset = 0): string => addDays(serviceToday(), offset)
/** The instant the Brussels clocks read `time` (HH:MM), `offset` days from the service's today. */
export const serviceAt = (offset: number, time = '12:00'): string => serviceWallTime(serviceDate(offset), time)

export const json = <T = any>(res: LightMyRequestResponse): T => res.json() as T
