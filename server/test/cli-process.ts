import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { REPO } from './server-process'

export type CliProcess = { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> }

/**
 * The operator's command line as a child process of its own (tsx as a loader, so that a kill -9
 * reaches the process doing the work, not a parent in front of it), with the environment given.
 */
export function startCli(args: string[], env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'server/cli/main.ts'), ...args], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, stdout: () => out, stderr: () => err, exited }
}

/** Runs a command to its end: exit code and output. */
export async function runCliWith(args: string[], env: Record<string, string>) {
  const p = startCli(args, env)
  const status = await p.exited
  return { status, stdout: p.stdout(), stderr: p.stderr() }
}
