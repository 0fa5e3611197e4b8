import { expect } from 'vitest'
import { type Agent, json } from '../../test/harness'

/** A person and their accompaniment in `team`, opened by `worker` (a relative's case is about a parent). */
export async function openTeamCase(worker: Agent, team: string, kind: 'concerned' | 'relative', firstName: string, lastName: string) {
  const person = json(await worker.post('/api/persons', { firstName, lastName }))
  const body =
    kind === 'relative' ? { kind, personId: person.id, teamId: team, relationship: 'parent' } : { kind, personId: person.id, teamId: team }
  const res = await worker.post('/api/accompaniments', body)
  expect(res.statusCode, res.body).toBe(201)
  return { ...(json(res) as { id: string; version: number }), personId: person.id as string }
}

/**
 * Every count a two-way table publishes is the true one, totals included; a hidden one is only
 * "under the threshold" (10), never another figure.
 */
export function expectTrue(table: any, truth: number[][]) {
  const rowSums = truth.map((r) => r.reduce((x, y) => x + y, 0))
  const colSums = truth[0]!.map((_, j) => truth.reduce((x, r) => x + r[j]!, 0))
  const check = (c: any, value: number) => expect(c).toEqual('count' in c ? { count: value } : { below: 10 })
  truth.forEach((r, i) => r.forEach((value, j) => check(table.cells[i][j], value)))
  rowSums.forEach((value, i) => check(table.rowTotals[i], value))
  colSums.forEach((value, j) => check(table.columnTotals[j], value))
  check(
    table.total,
    rowSums.reduce((x, y) => x + y, 0),
  )
}
