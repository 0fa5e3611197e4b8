import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { round } from './load'
import { BENCH_PASSWORD } from './bench-app'

const ROOT = path.join(import.meta.dirname, '..')
const MB = 1024 * 1024
const log = (m: string) => process.stderr.write(`${m}\n`)

/** The resident set of a process, from Linux's /proc (null elsewhere). */
function rssOf(pid: number): number | null {
  try {
    const line = fs
      .readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'))
    return line ? Number(line.replace(/\D+/g, '')) * 1024 : null
  } catch {
    return null
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })
}

/**
 * The memory target is the process's RSS, and the bench's own process (tsx, the harness,
 * the dataset opened beside the app) starts well above what the service does. So, once the
 * in-process runs are done and the dataset closed, one more extract of the same study is taken
 * from the built server (`node dist/server/main.js`, as `npm start` runs it, its own job runner
 * making the extract) on the same database, and that process's RSS is read from /proc every 50 ms:
 * idle after start-up and sign-in, and its peak until the extract is ready.
 */
export async function extractOnBuiltServer(options: {
  databaseUrl: string
  dataDir: string
  masterKey: string
  studyId: string
}): Promise<{ idleRssMB: number | null; peakRssMB: number | null; seconds: number; state: string | undefined }> {
  const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (built.status !== 0) throw new Error('the build failed')
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: options.databaseUrl,
      PARCOURS_DATA_DIR: options.dataDir,
      PARCOURS_MASTER_KEY: options.masterKey,
      // As the in-process runs sign in: without a second factor (demo accounts are added once).
      PARCOURS_DEMO: 'true',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
  })
  const base = `http://127.0.0.1:${port}`
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`the built server exited (${child.exitCode})`)
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) break
      if (i > 600) throw new Error('the built server did not start in 60 s')
      await new Promise((r) => setTimeout(r, 100))
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-parcours-request': '1' },
      body: JSON.stringify({ email: 'researcher@bench.parcours.test', password: BENCH_PASSWORD }),
    })
    if (login.status !== 200) throw new Error(`login: ${login.status}`)
    const cookie = String(login.headers.get('set-cookie')).split(';')[0] as string
    const headers = { cookie, 'x-parcours-request': '1' }
    // Idle: a few seconds after start-up (its start-up work done), before the extract is asked.
    await new Promise((r) => setTimeout(r, 3000))
    const idle = rssOf(child.pid!)
    let peak = idle ?? 0
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(child.pid!) ?? 0)
    }, 50)
    const started = performance.now()
    const res = await fetch(`${base}/api/studies/${options.studyId}/extracts`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'fr' }),
    })
    const queued = (await res.json()) as { id: string }
    if (res.status !== 201) throw new Error(`extract: ${res.status} ${JSON.stringify(queued)}`)
    let state: string | undefined
    for (;;) {
      await new Promise((r) => setTimeout(r, 200))
      const items = (
        (await (await fetch(`${base}/api/studies/${options.studyId}/extracts`, { headers })).json()) as {
          items: { id: string; state: string }[]
        }
      ).items
      state = items.find((e) => e.id === queued.id)?.state
      if (state !== 'queued' && state !== 'running') break
    }
    const seconds = round((performance.now() - started) / 1000, 2)
    clearInterval(sampler)
    log(
      `built server: idle ${idle === null ? '?' : round(idle / MB, 0)} MB, peak ${round(peak / MB, 0)} MB, extract ${seconds} s (${state})`,
    )
    return { idleRssMB: idle === null ? null : round(idle / MB, 0), peakRssMB: idle === null ? null : round(peak / MB, 0), seconds, state }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
  }
}
