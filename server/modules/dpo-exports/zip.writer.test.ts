import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { unzipStore, zipStore } from './zip.writer'

test('a store-only archive opens with unzip, names and bytes as written', () => {
  const files = [
    { name: 'export.json', bytes: Buffer.from('{"a":"Françoise"}') },
    { name: 'documents/sœur.txt', bytes: Buffer.from([0, 1, 2, 255]) },
  ]
  const archive = zipStore(files)
  expect([...unzipStore(archive)].map(([n, b]) => [n, b.toString('hex')])).toEqual(files.map((f) => [f.name, f.bytes.toString('hex')]))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-'))
  fs.writeFileSync(path.join(dir, 'a.zip'), archive)
  // Python's zipfile checks every CRC and the central directory.
  const listed = execFileSync('python3', [
    '-c',
    'import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print("|".join(z.namelist()))',
    path.join(dir, 'a.zip'),
  ])
  expect(listed.toString().trim()).toBe('export.json|documents/sœur.txt')
  fs.rmSync(dir, { recursive: true })
})
