import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { Db } from '../server/db/database'
import type { Agent } from '../server/test/harness'

/**
 * A team's past year for the figures' journeys (indicators, yearly report, research): cases
 * opened, worked and closed through the API as the screens would, then dated back, since the API
 * dates a case by the clock.
 */

/** A person and their accompaniment in `teamId`; a relative's case is about a parent. */
export async function openCase(
  worker: Agent,
  teamId: string,
  kind: 'concerned' | 'relative',
  person: { firstName: string; lastName: string } & Record<string, unknown>,
) {
  const created = await worker.post('/api/persons', person)
  expect(created.statusCode, created.body).toBe(201)
  const personId = created.json().id as string
  const body = kind === 'relative' ? { kind, personId, teamId, relationship: 'parent' } : { kind, personId, teamId }
  const res = await worker.post('/api/accompaniments', body)
  expect(res.statusCode, res.body).toBe(201)
  return { ...(res.json() as { id: string; version: number }), personId }
}

/** A session held at `startsAt` (a closed case takes none: hold them first). */
export async function holdSession(worker: Agent, caseId: string, startsAt: string) {
  const held = await worker.post(`/api/accompaniments/${caseId}/sessions`, { status: 'held', startsAt, modality: 'office' })
  expect(held.statusCode, held.body).toBe(201)
}

/** The worker asks to close a case whose goals are reached; the lead approves. */
export async function closeCase(worker: Agent, lead: Agent, c: { id: string; version: number }) {
  const asked = await worker.post(
    `/api/accompaniments/${c.id}/closure`,
    { outcome: 'goals_reached', reason: 'Objectifs atteints' },
    { 'if-match': `"${c.version}"` },
  )
  expect(asked.statusCode, asked.body).toBe(200)
  const closed = await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, { 'if-match': `"${c.version + 1}"` })
  expect(closed.statusCode, closed.body).toBe(200)
}

/** Moves cases to `year`: opened on 1 March and, if closed, closed on 1 June (92 days). */
export async function dateBack(db: Db, ids: string[], year: number) {
  await db
    .updateTable('accompaniments')
    .set({ created_at: `${year}-03-01T10:00:00.000Z` })
    .where('id', 'in', ids)
    .execute()
  await db
    .updateTable('accompaniment_events')
    .set({ at: `${year}-06-01T10:00:00.000Z` })
    .where('accompaniment_id', 'in', ids)
    .where('type', '=', 'approve_closure')
    .execute()
  // The case keeps its closing instant too (migration 0064): the figures read it there.
  await db
    .updateTable('accompaniments')
    .set({ closed_at: `${year}-06-01T10:00:00.000Z` })
    .where('id', 'in', ids)
    .where('status', '=', 'closed')
    .execute()
}

/** The cells of a figures table's row, found by the row's label, as a reader reads them. */
export const tableCells = (page: Page, table: string, row: string) =>
  page
    .getByTestId(`${table}-table`)
    .getByRole('row', { name: new RegExp(`^${row}`) })
    .getByRole('cell')
    .allInnerTexts()
