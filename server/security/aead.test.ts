import crypto from 'node:crypto'
import { expect, it } from 'vitest'
import { openBytes, sealBytes, sealParts } from './aead'

it('seals a file made in parts as sealBytes seals it whole: it opens to the same bytes, under its place only', () => {
  const key = crypto.randomBytes(32)
  const parts = [Buffer.from('\uFEFFpseudonym,age_band\r\n'), crypto.randomBytes(70_000), Buffer.alloc(0), Buffer.from('fin\r\n')]
  const whole = Buffer.concat(parts)
  const given = [...parts]
  const sealed = sealParts(key, given, 'study_extracts:csv:1')
  // The parts were let go as they were sealed.
  expect(given).toEqual([])
  expect(openBytes(key, sealed, 'study_extracts:csv:1')).toEqual(whole)
  expect(sealed.length).toBe(sealBytes(key, whole, 'x').length)
  expect(() => openBytes(key, sealed, 'study_extracts:xlsx:1')).toThrow()
  expect(openBytes(key, sealParts(key, [], 'empty'), 'empty')).toEqual(Buffer.alloc(0))
})
