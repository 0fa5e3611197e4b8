import path from 'node:path'
import { buildApp } from './app'
import { startJobs } from './jobs/jobs'
import { ConfigError, loadConfig } from './config'
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo.data'
import { hasAnyUser, seedDemo } from './seed/demo.seed'
import { createServices } from './services'

const out = (line = '') => process.stdout.write(`${line}\n`)

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`)
      process.exit(78)
    }
    throw e
  }
  const { services, generatedKey, reindexed } = await createServices(config)
  if (reindexed) process.stderr.write(`name search keys made again for ${reindexed} persons (the name index changed)\n`)
  if (generatedKey)
    process.stderr.write(`warning: generated a new master key in ${generatedKey}; keep it safe and out of backups of the database\n`)
  const seeded = config.demo && !(await hasAnyUser(services))
  if (seeded) await seedDemo(services)
  const app = await buildApp(services, { logger: true, webRoot: path.resolve('dist/web') })
  await app.listen({ host: config.host, port: config.port })
  const jobs = startJobs(services, { log: (event) => app.log.warn(event, 'background job failed') })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  out()
  out(`Parcours is running on http://${config.host}:${port} (${services.kind})`)
  if (config.demo) {
    out(`Demo mode${seeded ? ': demo data created' : ''}. Fictitious data only. Sign in with one of (password "${DEMO_PASSWORD}"):`)
    for (const u of DEMO_USERS) out(`  ${u.roles.join(',').padEnd(11)} ${u.email}`)
  }
  out()
  const stop = async () => {
    await jobs.stop()
    await app.close()
    await services.db.destroy()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
