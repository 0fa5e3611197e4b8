import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app'
import type { Services } from '../http/context'
import { createServices } from '../services'
import { Agent, startTestApp, type TestApp } from './harness'

/** One more instance of the app: its own services (pool, limiter, batcher) and its own data directory. */
export type Instance = {
  name: string
  app: FastifyInstance
  services: Services
  agent(ip?: string): Agent
}

/**
 * Several app instances on one database, as replicas behind a load balancer would be: the first
 * is the harness's (fresh database, helpers to make users and teams); the others open the same
 * database URL with the same master key through their own `createServices`, each with its own
 * connection pool, in-process state and data directory (as on another machine).
 */
export async function startCluster(count: number, options: Parameters<typeof startTestApp>[0] = {}) {
  const first: TestApp = await startTestApp(options)
  const instances: Instance[] = [{ name: 'A', app: first.app, services: first.services, agent: (ip) => first.agent(ip) }]
  const extra: { services: Services; app: FastifyInstance; dataDir: string }[] = []
  for (let i = 1; i < count; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-test-'))
    const { services } = await createServices({ ...first.config, dataDir })
    const app = await buildApp(services)
    await app.ready()
    extra.push({ services, app, dataDir })
    instances.push({ name: String.fromCharCode(65 + i), app, services, agent: (ip = '127.0.0.1') => new Agent(app, ip) })
  }
  return {
    first,
    instances,
    async close() {
      for (const e of extra) {
        await e.app.close()
        await e.services.db.destroy()
        fs.rmSync(e.dataDir, { recursive: true, force: true })
      }
      await first.close()
    },
  }
}
