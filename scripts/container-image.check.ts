/**
 * Builds the container image and runs it as production would: read-only, non-root, healthy,
 * stopping with exit 0. It needs a Docker engine, which the CI machine lacks, so it is a check
 * of its own (`npm run check:container`) rather than a test the suite would have to skip.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import { REPO } from '../server/test/server-process'

const engine = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' })
if (engine.error || engine.status !== 0) {
  console.error(`no Docker engine: ${(engine.error?.message ?? engine.stderr).trim().split('\n').at(-1)}`)
  process.exit(2)
}

const fail = (what: string) => {
  console.error(`container check failed: ${what}`)
  process.exitCode = 1
}

const tag = `parcours-check:${crypto.randomBytes(4).toString('hex')}`
execFileSync('docker', ['build', '-t', tag, REPO], { stdio: 'inherit', timeout: 1_200_000 })
const id = execFileSync(
  'docker',
  ['run', '-d', '--read-only', '--tmpfs', '/tmp', '-e', `PARCOURS_MASTER_KEY=${crypto.randomBytes(32).toString('base64')}`, tag],
  { encoding: 'utf8' },
).trim()
try {
  if (execFileSync('docker', ['exec', id, 'id', '-u'], { encoding: 'utf8' }).trim() === '0') fail('runs as root')
  let health = ''
  for (let i = 0; i < 90 && health !== 'healthy'; i++) {
    health = execFileSync('docker', ['inspect', '-f', '{{.State.Health.Status}}', id], { encoding: 'utf8' }).trim()
    if (health !== 'healthy') execFileSync('sleep', ['2'])
  }
  if (health !== 'healthy') fail(`health is "${health}" after 180 s`)
  execFileSync('docker', ['stop', '-t', '30', id])
  const code = execFileSync('docker', ['inspect', '-f', '{{.State.ExitCode}}', id], { encoding: 'utf8' }).trim()
  if (code !== '0') fail(`stopped with exit ${code}`)
} finally {
  spawnSync('docker', ['rm', '-f', id])
  spawnSync('docker', ['rmi', '-f', tag])
}
if (!process.exitCode) console.log('container image: builds, runs read-only as a non-root user, turns healthy, stops with exit 0')
