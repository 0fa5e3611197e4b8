import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { json, startTestApp, type TestApp } from '../test/harness'

/**
 * A full disk, for real: the data folder is a 24 MiB tmpfs, filled with a file until the kernel
 * answers ENOSPC. Mounting needs root (CI runs as root); without it this test fails saying so.
 */
const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-full-'))
const filler = path.join(mountPoint, 'filler')
let t: TestApp

beforeAll(async () => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0700', 'tmpfs', mountPoint], { stdio: 'pipe' })
  } catch (e) {
    throw new Error(`this test mounts a small tmpfs to fill it, which needs root: ${(e as { stderr?: Buffer }).stderr?.toString().trim()}`)
  }
  t = await startTestApp({
    env: { PARCOURS_DATA_DIR: mountPoint, DATABASE_URL: `sqlite:${path.join(mountPoint, 'parcours.sqlite')}` },
  })
}, 60_000)
afterAll(async () => {
  await t?.close().catch(() => undefined)
  execFileSync('umount', ['-l', mountPoint])
  fs.rmSync(mountPoint, { recursive: true, force: true })
})

function fillDisk(): void {
  const fd = fs.openSync(filler, 'w')
  const chunk = Buffer.alloc(64 * 1024, 1)
  try {
    for (;;) fs.writeSync(fd, chunk)
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOSPC') throw e
    // The last bytes: smaller writes until not even one fits.
    for (let size = 32 * 1024; size >= 1; size = Math.floor(size / 2)) {
      try {
        for (;;) fs.writeSync(fd, chunk.subarray(0, size))
      } catch {
        // next, smaller
      }
    }
  } finally {
    fs.closeSync(fd)
  }
}

it('answers 507 to writes and 503 to audited reads naming the full disk, is not ready meanwhile, and recovers when space is freed', async () => {
  const admin = await t.as(['admin'])
  const worker = await t.as(['worker'])
  const newTeam = () => admin.post('/api/teams', { name: `Team ${crypto.randomBytes(4).toString('hex')}` })
  expect((await newTeam()).statusCode).toBe(201)
  expect((await t.agent().get('/api/ready')).statusCode).toBe(200)

  fillDisk()
  // SQLite may still place a few pages in room it already had (its WAL): write until refused.
  let write = await newTeam()
  for (let i = 0; i < 500 && write.statusCode === 201; i++) write = await newTeam()
  expect(write.statusCode).toBe(507)
  expect(write.headers['content-type']).toContain('application/problem+json')
  expect(json(write)).toMatchObject({ code: 'storage.full', status: 507 })

  let read = await worker.get('/api/accompaniments')
  for (let i = 0; i < 500 && read.statusCode === 200; i++) read = await worker.get('/api/accompaniments')
  expect(read.statusCode).toBe(503)
  expect(json(read)).toMatchObject({ code: 'storage.full_read', status: 503 })

  const ready = await t.agent().get('/api/ready')
  expect(ready.statusCode).toBe(503)
  expect(json(ready)).toMatchObject({ code: 'service.not_ready', detail: 'storage full' })
  // Liveness stays up: restarting the process would free nothing.
  expect((await t.agent().get('/api/health')).statusCode).toBe(200)

  fs.rmSync(filler)
  expect((await t.agent().get('/api/ready')).statusCode).toBe(200)
  expect((await newTeam()).statusCode).toBe(201)
  expect((await worker.get('/api/accompaniments')).statusCode).toBe(200)
}, 120_000)
