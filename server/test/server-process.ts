import { type ChildProcess, spawn } from 'node:child_process'
import crypto from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = fileURLToPath(new URL('../..', import.meta.url))
export const TSX = path.join(REPO, 'node_modules/tsx/dist/cli.mjs')

export type ServerProcess = {
  child: ChildProcess
  url: string
  stdout: () => string
  stderr: () => string
  exited: Promise<number | null>
}

/**
 * A real Parcours server process (`node <entry>`, or the sources through tsx), on a free port,
 * resolved once it prints its URL; rejected with its output when it exits first.
 */
export function startServer(options: {
  dataDir: string
  env?: Record<string, string>
  entry?: string[]
  /** The program to run with `entry` as arguments: node by default, npm for `npm start`. */
  command?: string
  cwd?: string
  timeoutMs?: number
}): Promise<ServerProcess> {
  // tsx as a loader in the one process (its CLI would put a parent process between us and the
  // server, and answer signals itself).
  const entry = options.entry ?? ['--import', 'tsx', path.join(REPO, 'server/main.ts')]
  const child = spawn(options.command ?? process.execPath, entry, {
    // Its own process group: a signal to -pid reaches npm's children too.
    detached: true,
    cwd: options.cwd ?? REPO,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'development',
      PORT: '0',
      PARCOURS_DATA_DIR: options.dataDir,
      PARCOURS_MASTER_KEY: crypto.randomBytes(32).toString('base64'),
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start in time\n${out}\n${err}`))
    }, options.timeoutMs ?? 120_000)
    const poll = setInterval(() => {
      const m = /running on (http:\/\/[\d.]+:\d+)/.exec(out)
      if (m) {
        clearInterval(poll)
        clearTimeout(timer)
        resolve({ child, url: m[1]!, stdout: () => out, stderr: () => err, exited })
      }
    }, 50)
    void exited.then((code) => {
      clearInterval(poll)
      clearTimeout(timer)
      reject(Object.assign(new Error(`server exited with ${code}\n${out}\n${err}`), { code, stdout: out, stderr: err }))
    })
  })
}

/** Signs in a demo user over HTTP and returns the session cookie. */
export async function demoLogin(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-parcours-request': '1' },
    body: JSON.stringify({ email, password: 'demo-parcours-2026' }),
  })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0])
  return cookie.join('; ')
}
