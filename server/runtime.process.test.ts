import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoLogin, REPO, type ServerProcess, startServer, TSX } from './test/server-process'

/** Real server processes on one SQLite data folder, as an operator runs them. */
describe('the server process on a SQLite data folder', () => {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-proc-')), 'data')
  let server: ServerProcess
  let key: string

  beforeAll(async () => {
    key = (await import('node:crypto')).randomBytes(32).toString('base64')
    server = await startServer({ dataDir, env: { PARCOURS_MASTER_KEY: key } })
  }, 180_000)
  afterAll(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL')
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true })
  })

  it('creates its data folder and files for its owner only', () => {
    const mode = (f: string) => (fs.statSync(path.join(dataDir, f)).mode & 0o777).toString(8)
    expect(mode('.')).toBe('700')
    for (const f of ['parcours.sqlite', 'parcours.sqlite-wal', 'parcours.sqlite-shm', 'parcours.lock']) expect(mode(f), f).toBe('600')
    // Whatever else start-up left in the folder is owner-only too.
    for (const f of fs.readdirSync(dataDir)) expect(Number.parseInt(mode(f), 8) & 0o077, f).toBe(0)
  })

  it('refuses a second server on the same data folder, naming the first, and leaves the first serving', async () => {
    const second = await startServer({ dataDir, env: { PARCOURS_MASTER_KEY: key } }).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    )
    expect(second?.code).toBe(75)
    expect(second?.stderr).toContain(`Another Parcours server (pid ${server.child.pid}) is using the data folder ${dataDir}`)
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(200)
  }, 180_000)

  it('lets the CLI write beside the running server: neither meets a locked database', async () => {
    const cookie = await demoLogin(server.url, 'intervenant@demo.parcours.test')
    const cli = spawn(process.execPath, [TSX, path.join(REPO, 'server/cli/main.ts'), 'seed', '--persons', '400'], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', PARCOURS_DATA_DIR: dataDir, PARCOURS_MASTER_KEY: key },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let cliErr = ''
    cli.stderr.on('data', (d: Buffer) => (cliErr += d.toString()))
    const cliDone = new Promise<number | null>((resolve) => cli.on('exit', resolve))
    // Audited reads (each writes its entry to the chain) for as long as the CLI writes persons.
    const statuses: number[] = []
    let running = true
    void cliDone.then(() => (running = false))
    while (running) {
      const batch = await Promise.all(
        Array.from({ length: 8 }, () => fetch(`${server.url}/api/accompaniments`, { headers: { cookie } }).then((r) => r.status)),
      )
      statuses.push(...batch)
    }
    expect(await cliDone, cliErr).toBe(0)
    expect(statuses.length).toBeGreaterThan(0)
    expect(statuses.filter((s) => s !== 200)).toEqual([])
  }, 180_000)

  it('on SIGTERM finishes every request it accepted, commits their audit entries, and exits 0', async () => {
    const cookie = await demoLogin(server.url, 'intervenant@demo.parcours.test')
    const answers: Promise<{ status: number; requestId: string | null } | { error: string }>[] = []
    for (let i = 0; i < 60; i++) {
      answers.push(
        fetch(`${server.url}/api/accompaniments`, { headers: { cookie } }).then(
          async (r) => ({ status: r.status, requestId: r.headers.get('x-request-id'), body: await r.text() }),
          (e: Error & { cause?: { code?: string } }) => ({ error: e.cause?.code ?? e.message }),
        ),
      )
      if (i === 20) server.child.kill('SIGTERM')
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    const results = await Promise.all(answers)
    expect(await server.exited).toBe(0)
    const answered = results.flatMap((r) => ('status' in r ? [r] : []))
    // Accepted before the stop: answered in full. After it: refused at the door (503 or no connection).
    expect(answered.filter((r) => r.status === 200).length).toBeGreaterThan(0)
    expect(answered.filter((r) => r.status !== 200 && r.status !== 503)).toEqual([])
    for (const r of results) if ('error' in r) expect(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']).toContain(r.error)
    expect(server.stdout()).toContain('"event":"stopped"')
    // Every read answered 200 has its audit entry committed: the last group commit was not lost.
    const db = new SQLite(path.join(dataDir, 'parcours.sqlite'), { readonly: true })
    const logged = new Set(
      db
        .prepare("select request_id from audit_log where action like 'accompaniment%' and request_id is not null")
        .all()
        .map((r) => (r as { request_id: string }).request_id),
    )
    db.close()
    for (const r of answered.filter((a) => a.status === 200)) expect(logged.has(r.requestId!), r.requestId!).toBe(true)
  }, 180_000)
})
