import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { serviceToday } from '../../time/service-day'
import { addDays } from './dpo-requests.deadline'

/**
 * The register's life: the list sorted by deadline with its warnings (7 days, overdue, in the
 * service's days), edits under If-Match, one extension of at most two further months, decisions
 * with reasons, closure, the state machine's refusals; and the rectification made by the case's
 * worker, shown to those who may read the person, marked done and seen by the DPO.
 */
let t: TestApp
let dpo: Agent & { userId: string }
let worker: Agent & { userId: string }
let stranger: Agent & { userId: string }
let personId: string
let personCode: string
const today = () => serviceToday()
const monthAgo = (days: number) => {
  // received so that the deadline (one month later) is `days` from today
  const [y, m, d] = addDays(today(), days).split('-').map(Number) as [number, number, number]
  const prev = new Date(Date.UTC(y, m - 2, 1))
  const last = new Date(Date.UTC(prev.getUTCFullYear(), prev.getUTCMonth() + 1, 0)).getUTCDate()
  if (d > last) return null
  prev.setUTCDate(d)
  return prev.toISOString().slice(0, 10)
}
beforeAll(async () => {
  t = await startTestApp()
  const team = await t.team()
  dpo = await t.as(['dpo'])
  worker = await t.as(['worker'], { teamIds: [team] })
  stranger = await t.as(['worker'], { teamIds: [await t.team()] })
  const p = json(await worker.post('/api/persons', { firstName: 'Rachida', lastName: 'Vermeulen' }))
  personId = p.id
  personCode = p.code
  const acc = await worker.post('/api/accompaniments', { kind: 'concerned', personId, teamId: team })
  expect(acc.statusCode, acc.body).toBe(201)
})
afterAll(() => t.close())

const base = { kind: 'access', requester: 'subject', channel: 'letter', identityCheck: 'id_document_seen' } as const
const record = async (body: Record<string, unknown>) => {
  const res = await dpo.post('/api/dpo/requests', { ...base, ...body })
  expect(res.statusCode, res.body).toBe(201)
  return json(res)
}
const ifMatch = (v: { version: number }) => ({ 'if-match': `"${v.version}"` })

describe('the request register', () => {
  it('lists by deadline and warns 7 days ahead and once overdue', async () => {
    const inThree = monthAgo(3) ?? monthAgo(4)!
    const soon = await record({ kind: 'erasure', receivedOn: inThree })
    const late = await record({ kind: 'objection', receivedOn: addDays(today(), -60) })
    const far = await record({ kind: 'portability', receivedOn: today() })
    expect(soon.deadline).toBe('due_soon')
    expect(soon.daysLeft).toBeGreaterThanOrEqual(3)
    expect(soon.daysLeft).toBeLessThanOrEqual(7)
    expect(late.deadline).toBe('overdue')
    expect(late.daysLeft).toBeLessThan(0)
    expect(far.deadline).toBe('on_time')

    const list = json(await dpo.get('/api/dpo/requests'))
    const ids = list.items.map((i: { id: string }) => i.id)
    expect(ids.indexOf(late.id)).toBeLessThan(ids.indexOf(soon.id))
    expect(ids.indexOf(soon.id)).toBeLessThan(ids.indexOf(far.id))
    expect(list.items[0]).not.toHaveProperty('details')
    expect(list.warnings.overdue).toBeGreaterThanOrEqual(1)
    expect(list.warnings.dueSoon).toBeGreaterThanOrEqual(1)

    const overdue = json(await dpo.get('/api/dpo/requests?overdue=true')).items.map((i: { id: string }) => i.id)
    expect(overdue).toContain(late.id)
    expect(overdue).not.toContain(soon.id)
    const week = json(await dpo.get('/api/dpo/requests?dueWithin=7')).items.map((i: { id: string }) => i.id)
    expect(week).toEqual(expect.arrayContaining([late.id, soon.id]))
    expect(week).not.toContain(far.id)
    const kind = json(await dpo.get('/api/dpo/requests?kind=portability')).items
    expect(kind.every((i: { kind: string }) => i.kind === 'portability')).toBe(true)
    expect((await dpo.get('/api/dpo/requests?dueWithin=soon')).statusCode).toBe(400)
    expect((await worker.get('/api/dpo/requests')).statusCode).toBe(403)
    expect((await auditRows(t.services, 'dpo_request.listed')).some((r) => r.actor_id === dpo.userId)).toBe(true)
  })

  it('extends once, by at most two further months after the first deadline, with a reason', async () => {
    const r = await record({ receivedOn: '2026-01-31', details: 'Tout mon dossier' })
    expect(r.dueOn).toBe('2026-02-28')
    const ext = (body: unknown, v = r) => dpo.post(`/api/dpo/requests/${r.id}/extension`, body, ifMatch(v))
    expect(
      (await dpo.post(`/api/dpo/requests/${r.id}/extension`, { extendedTo: '2026-04-30', reason: 'Dossier volumineux' })).statusCode,
    ).toBe(428)
    const noReason = await ext({ extendedTo: '2026-04-30', reason: ' ' })
    expect(json(noReason).errors).toEqual([expect.objectContaining({ field: 'reason' })])
    const tooFar = await ext({ extendedTo: '2026-05-01', reason: 'Dossier volumineux' })
    expect(json(tooFar).errors).toEqual([expect.objectContaining({ field: 'extendedTo', code: 'beyond_two_months' })])
    const before = await ext({ extendedTo: '2026-02-28', reason: 'Dossier volumineux' })
    expect(json(before).errors).toEqual([expect.objectContaining({ field: 'extendedTo', code: 'not_after_deadline' })])
    const stale = await ext({ extendedTo: '2026-04-30', reason: 'Dossier volumineux' }, { ...r, version: r.version + 5 })
    expect(stale.statusCode).toBe(412)
    const ok = await ext({ extendedTo: '2026-04-30', reason: 'Dossier volumineux' })
    expect(ok.statusCode, ok.body).toBe(200)
    const v = json(ok)
    expect(v).toMatchObject({ dueOn: '2026-04-30', extendedTo: '2026-04-30', extensionReason: 'Dossier volumineux', status: 'in_progress' })
    expect(ok.headers.etag).toBe(`"${v.version}"`)
    const again = await ext({ extendedTo: '2026-04-29', reason: 'Encore' }, v)
    expect(again.statusCode).toBe(409)
    expect(json(again).code).toBe('state.invalid_transition')
    const row = await t.services.db.selectFrom('dpo_requests').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain('volumineux')
    const entry = (await auditRows(t.services, 'dpo_request.extended')).find((e) => e.subject_id === r.id)
    expect(entry?.details ?? '').not.toContain('volumineux')
  })

  it('edits under If-Match, decides with reasons, closes, and refuses bad transitions', async () => {
    const r = await record({ kind: 'erasure', receivedOn: addDays(today(), -3), channel: 'email', identityCheck: 'not_yet_checked' })
    const patch = (body: unknown, v: { version: number }) => dpo.patch(`/api/dpo/requests/${r.id}`, body, ifMatch(v))
    expect((await dpo.patch(`/api/dpo/requests/${r.id}`, { channel: 'letter' })).statusCode).toBe(428)
    const edited = await patch({ identityCheck: 'id_document_seen', personId, details: 'Effacer le dossier' }, r)
    expect(edited.statusCode, edited.body).toBe(200)
    const e = json(edited)
    expect(e).toMatchObject({
      identityCheck: 'id_document_seen',
      channel: 'email',
      person: { id: personId, code: personCode },
      details: 'Effacer le dossier',
    })
    expect((await patch({ channel: 'phone' }, r)).statusCode).toBe(412)
    expect(json(await patch({ requester: 'nobody' }, e)).errors).toEqual([expect.objectContaining({ field: 'requester' })])

    const close0 = await dpo.post(`/api/dpo/requests/${r.id}/closure`, { closedOn: today() }, ifMatch(e))
    expect(json(close0).code).toBe('state.invalid_transition')
    const decide = (body: unknown, v: { version: number }) => dpo.post(`/api/dpo/requests/${r.id}/decision`, body, ifMatch(v))
    const noReason = await decide({ decision: 'refused' }, e)
    expect(json(noReason).errors).toEqual([expect.objectContaining({ field: 'reason', code: 'required' })])
    expect(json(await decide({ decision: 'partly_granted', reason: '' }, e)).errors).toEqual([expect.objectContaining({ field: 'reason' })])
    const refused = await decide({ decision: 'refused', reason: 'Un mandat judiciaire impose de conserver le dossier' }, e)
    expect(refused.statusCode, refused.body).toBe(200)
    const d = json(refused)
    expect(d).toMatchObject({
      status: 'decided',
      decision: 'refused',
      deadline: 'answered',
      decisionReason: expect.stringContaining('mandat'),
    })
    expect(json(await decide({ decision: 'granted' }, d)).code).toBe('state.invalid_transition')
    expect(json(await patch({ channel: 'phone' }, d)).code).toBe('state.invalid_transition')

    const close = (closedOn: string, v: { version: number }) => dpo.post(`/api/dpo/requests/${r.id}/closure`, { closedOn }, ifMatch(v))
    expect(json(await close(addDays(today(), 1), d)).errors).toEqual([expect.objectContaining({ field: 'closedOn', code: 'in_future' })])
    expect(json(await close(addDays(today(), -10), d)).errors).toEqual([
      expect.objectContaining({ field: 'closedOn', code: 'before_receipt' }),
    ])
    const closed = await close(today(), d)
    expect(closed.statusCode, closed.body).toBe(200)
    expect(json(closed)).toMatchObject({ status: 'closed', closedOn: today() })
    expect(json(await close(today(), json(closed))).code).toBe('state.invalid_transition')
    expect(json(await dpo.get('/api/dpo/requests?status=closed')).items.map((i: { id: string }) => i.id)).toContain(r.id)
    expect(json(await dpo.get('/api/dpo/requests')).items.map((i: { id: string }) => i.id)).not.toContain(r.id)
    const entry = (await auditRows(t.services, 'dpo_request.decided')).find((x) => x.subject_id === r.id)
    expect(JSON.parse(entry?.details ?? '{}')).toEqual({ decision: 'refused' })
    expect((await worker.post(`/api/dpo/requests/${r.id}/decision`, { decision: 'granted' }, ifMatch(d))).statusCode).toBe(403)
  })

  it('finds the subject by code or by first and last name, codes only, audited', async () => {
    const byCode = await dpo.post('/api/dpo/person-lookup', { code: personCode })
    expect(byCode.statusCode, byCode.body).toBe(200)
    expect(json(byCode)).toEqual({ persons: [{ id: personId, code: personCode }] })
    const byName = json(await dpo.post('/api/dpo/person-lookup', { name: 'Rachida Vermeulen' }))
    expect(byName.persons).toEqual([{ id: personId, code: personCode }])
    expect(json(await dpo.post('/api/dpo/person-lookup', { name: 'Zoltan Kowalczyk' })).persons).toEqual([])
    expect((await dpo.post('/api/dpo/person-lookup', {})).statusCode).toBe(400)
    expect((await worker.post('/api/dpo/person-lookup', { code: personCode })).statusCode).toBe(403)
    const entries = await auditRows(t.services, 'dpo_request.person_looked_up')
    expect(entries.length).toBeGreaterThanOrEqual(3)
    expect(entries.map((e) => e.details ?? '').join()).not.toContain('Vermeulen')
  })
})

describe('rectification', () => {
  it('is shown to the worker who may read the person, marked done by them, and seen by the DPO', async () => {
    const r = await record({ kind: 'rectification', personId, receivedOn: today(), details: 'La date de naissance est fausse' })
    const seen = await worker.get(`/api/persons/${personId}/rectifications`)
    expect(seen.statusCode, seen.body).toBe(200)
    expect(json(seen).items).toEqual([
      { requestId: r.id, code: r.code, receivedOn: today(), details: 'La date de naissance est fausse', rectification: null },
    ])
    expect((await stranger.get(`/api/persons/${personId}/rectifications`)).statusCode).toBe(404)
    expect((await stranger.post(`/api/persons/${personId}/rectifications/${r.id}/done`)).statusCode).toBe(404)
    expect((await dpo.get(`/api/persons/${personId}/rectifications`)).statusCode).toBe(403)

    const access = await record({ kind: 'access', personId, receivedOn: today() })
    const wrongKind = await worker.post(`/api/persons/${personId}/rectifications/${access.id}/done`)
    expect(json(wrongKind).errors).toEqual([expect.objectContaining({ field: 'requestId', code: 'request_kind' })])

    const done = await worker.post(`/api/persons/${personId}/rectifications/${r.id}/done`)
    expect(done.statusCode, done.body).toBe(200)
    expect(json(done).rectification).toMatchObject({ by: { id: worker.userId } })
    expect(json(await worker.post(`/api/persons/${personId}/rectifications/${r.id}/done`)).code).toBe('state.invalid_transition')

    const view = json(await dpo.get(`/api/dpo/requests/${r.id}`))
    expect(view).toMatchObject({ status: 'in_progress', rectification: { by: { id: worker.userId, displayName: expect.any(String) } } })
    const entry = (await auditRows(t.services, 'dpo_request.rectified')).find((e) => e.subject_id === r.id)
    expect(entry).toMatchObject({ actor_id: worker.userId, subject_type: 'dpo_request' })
    expect(entry?.details ?? '').not.toContain('naissance')

    const decided = json(await dpo.post(`/api/dpo/requests/${r.id}/decision`, { decision: 'granted' }, ifMatch(view)))
    expect(decided.status).toBe('decided')
    expect(json(await worker.get(`/api/persons/${personId}/rectifications`)).items).toEqual([])
  })
})
