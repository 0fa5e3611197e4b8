import { afterAll, beforeAll, expect, it } from 'vitest'
import { json, startTestApp, type TestApp } from '../test/harness'
import { freeCode } from './codes'

/**
 * A code already given is drawn again (security/codes.ts): the persons', cases', requests' and
 * referrals' commands take their code from freeCode. Here the draws are scripted, so that the
 * code a real person holds comes up first, as one time in millions it would.
 */
let t: TestApp
let taken: { person: string; case: string }

beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  const worker = await t.as(['worker'], { teamIds: [team] })
  const person = json(await worker.post('/api/persons', { firstName: 'Codé', lastName: 'Deux Fois' }))
  const opened = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  taken = { person: person.code, case: opened.code }
})
afterAll(() => t.close())

const scripted = (...codes: string[]) => {
  const queue = [...codes]
  return () => queue.shift() ?? 'exhausted'
}

it('draws again when the code is taken, in the table the code is for', async () => {
  await t.services.db.transaction().execute(async (trx) => {
    expect(await freeCode(trx, 'persons', scripted(taken.person, 'P-0000-0001'))).toBe('P-0000-0001')
    expect(await freeCode(trx, 'accompaniments', scripted(taken.case, taken.case, 'A-0000-0002'))).toBe('A-0000-0002')
    // A person's code is no case's: taken in one table, free in another.
    expect(await freeCode(trx, 'accompaniments', scripted(taken.person))).toBe(taken.person)
  })
})

it('gives up after five taken draws rather than loop', async () => {
  await expect(t.services.db.transaction().execute((trx) => freeCode(trx, 'persons', () => taken.person))).rejects.toThrow(
    /no free code in persons after 5 draws/,
  )
})
