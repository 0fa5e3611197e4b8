import fs from 'node:fs'
import { expect, it } from 'vitest'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

it('shows only pictures that exist: every image the README links is a PNG in the repository', () => {
  const readme = fs.readFileSync('README.md', 'utf8')
  const pictures = [...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((m) => m[1] as string)
  expect(pictures.length).toBeGreaterThanOrEqual(30)
  const broken = pictures.filter((p) => !fs.existsSync(p) || !fs.readFileSync(p).subarray(0, 8).equals(PNG))
  expect(broken).toEqual([])
})
