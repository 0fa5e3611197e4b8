import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'

type Signed = Agent & { userId: string }

/**
 * Practice notes (issue 14): workers and leads write them, researchers read and answer them; a
 * note is about practice, so a text that names a case, a person, an id, an e-mail or a phone is
 * refused with the field named, and nothing is written.
 */
let t: TestApp
let worker: Signed
let lead: Signed
let researcher: Signed
let teamId: string
beforeAll(async () => {
  t = await startTestApp()
  teamId = await t.team()
  worker = await t.as(['worker'], { teamIds: [teamId] })
  lead = await t.as(['lead'], { teamIds: [teamId] })
  researcher = await t.as(['researcher'])
})
afterAll(() => t.close())

const note = (over: Record<string, unknown> = {}) => ({
  title: 'Families involved early',
  body: 'Families involved in the first month seem to shorten the intake phase by several weeks.',
  themes: ['family_involvement', 'intake'],
  lifeDomains: ['family'],
  evidence: { kind: 'indicators', teamId, from: '2026-01-01', to: '2026-06-30' },
  ...over,
})
const ids = (res: { body: string }) => json(res as never).items.map((x: { id: string }) => x.id)

describe('practice notes', () => {
  it('a worker writes a note linked to an indicator view; everyone who may read sees it, filtered by theme and domain', async () => {
    const created = await worker.post('/api/practice-notes', note())
    expect(created.statusCode, created.body).toBe(201)
    expect(created.headers.etag).toBe('"1"')
    const n = json(created)
    expect(n).toMatchObject({
      title: 'Families involved early',
      themes: ['family_involvement', 'intake'],
      lifeDomains: ['family'],
      evidence: { kind: 'indicators', teamId, from: '2026-01-01', to: '2026-06-30' },
      author: { id: worker.userId },
      version: 1,
      mine: true,
      comments: 0,
      commentList: [],
    })
    const other = json(
      await lead.post(
        '/api/practice-notes',
        note({ title: 'Work first', themes: ['partnership'], lifeDomains: ['employment'], evidence: null }),
      ),
    )

    for (const reader of [worker, lead, researcher]) {
      const one = await reader.get(`/api/practice-notes/${n.id}`)
      expect(one.statusCode).toBe(200)
      expect(json(one)).toMatchObject({ body: n.body, mine: reader === worker })
    }
    expect(ids(await researcher.get('/api/practice-notes?theme=family_involvement&limit=100'))).toContain(n.id)
    expect(ids(await researcher.get('/api/practice-notes?theme=family_involvement&limit=100'))).not.toContain(other.id)
    expect(ids(await researcher.get('/api/practice-notes?domain=employment&limit=100'))).toEqual([other.id])
    expect(ids(await researcher.get('/api/practice-notes?theme=partnership&domain=family&limit=100'))).toEqual([])
    const all = json(await worker.get('/api/practice-notes?limit=100'))
    expect(all.total).toBe(all.items.length)
    expect(all.items[0].id).toBe(other.id) // newest first
    expect((await worker.get('/api/practice-notes?theme=weather')).statusCode).toBe(400)
  })

  it('refuses a case code, a person code, an id, an e-mail or a phone, naming the field, and writes nothing', async () => {
    const person = await worker.post('/api/persons', { firstName: 'Julien', lastName: 'Vermeulen', birthYear: 1999, postcode: '1000' })
    expect(person.statusCode, person.body).toBe(201)
    const personCode: string = json(person).code
    const before = json(await worker.get('/api/practice-notes?limit=100')).total
    const cases: [Record<string, unknown>, string, string][] = [
      [note({ body: 'As seen in A-7K3M-9QX2, families help.' }), 'body', 'contains_case_code'],
      [note({ body: 'As seen in a 7k3m 9qx2, families help.' }), 'body', 'contains_case_code'],
      [note({ title: `About ${personCode}` }), 'title', 'contains_person_code'],
      [note({ body: `About ${personCode.toLowerCase()}` }), 'body', 'contains_person_code'],
      [note({ body: `See ${teamId} for details` }), 'body', 'contains_identifier'],
      [note({ body: 'Write to julien.v@example.org' }), 'body', 'contains_email'],
      [note({ body: 'Call the mother on 0470 12 34 56' }), 'body', 'contains_phone'],
      [note({ body: 'Call +32 2 123 45 67' }), 'body', 'contains_phone'],
    ]
    for (const [body, field, code] of cases) {
      const res = await worker.post('/api/practice-notes', body)
      expect(res.statusCode, `${code}: ${res.body}`).toBe(400)
      expect(res.headers['content-type']).toMatch(/problem\+json/)
      expect(json(res).errors, res.body).toEqual([expect.objectContaining({ field, code })])
      // The refusal names what it found, never the value.
      expect(res.body).not.toMatch(/7K3M|Julien|0470|123 45/i)
      expect(res.body).not.toContain(personCode)
    }
    expect(json(await worker.get('/api/practice-notes?limit=100')).total).toBe(before)

    // Practice words, dates and counts are not codes.
    const plain = await worker.post(
      '/api/practice-notes',
      note({ body: 'Attention: a very good intake from 01/02/2026 to 2026-03-31, with 12 sessions and P 2024 2025 figures.' }),
    )
    expect(plain.statusCode, plain.body).toBe(201)

    // The evidence names an existing team, with its period in order.
    const unknownTeam = await worker.post(
      '/api/practice-notes',
      note({ evidence: { kind: 'indicators', teamId: '00000000-0000-4000-8000-000000000000', from: '2026-01-01', to: '2026-02-01' } }),
    )
    expect(json(unknownTeam).errors).toEqual([expect.objectContaining({ field: 'evidence.teamId', code: 'unknown_team' })])
    const reversed = await worker.post(
      '/api/practice-notes',
      note({ evidence: { kind: 'indicators', teamId, from: '2026-03-01', to: '2026-02-01' } }),
    )
    expect(reversed.statusCode).toBe(400)
    expect(json(reversed).errors[0].field).toMatch(/evidence\.from$/)
  })

  it('a researcher reads and answers but does not write; a comment is refused like a note', async () => {
    const n = json(await worker.post('/api/practice-notes', note()))
    expect((await researcher.post('/api/practice-notes', note())).statusCode).toBe(403)
    expect((await researcher.put(`/api/practice-notes/${n.id}`, note(), { 'if-match': '"1"' })).statusCode).toBe(403)

    const refused = await researcher.post(`/api/practice-notes/${n.id}/comments`, { body: 'Is A-7K3M-9QX2 one of them?' })
    expect(refused.statusCode).toBe(400)
    expect(json(refused).errors).toEqual([expect.objectContaining({ field: 'body', code: 'contains_case_code' })])

    const answered = await researcher.post(`/api/practice-notes/${n.id}/comments`, { body: 'Does this hold for judicial cases too?' })
    expect(answered.statusCode, answered.body).toBe(201)
    expect(json(answered).commentList).toEqual([
      expect.objectContaining({
        body: 'Does this hold for judicial cases too?',
        author: expect.objectContaining({ id: researcher.userId }),
      }),
    ])
    const reply = json(await worker.post(`/api/practice-notes/${n.id}/comments`, { body: 'Mostly voluntary ones so far.' }))
    expect(reply.commentList.map((c: { body: string }) => c.body)).toEqual([
      'Does this hold for judicial cases too?',
      'Mostly voluntary ones so far.',
    ])
    expect(reply.comments).toBe(2)
    expect((await worker.post('/api/practice-notes/00000000-0000-4000-8000-000000000000/comments', { body: 'Hello' })).statusCode).toBe(404)
  })

  it('only the author edits, with If-Match; a stale version is refused', async () => {
    const n = json(await worker.post('/api/practice-notes', note()))
    const url = `/api/practice-notes/${n.id}`
    expect((await worker.put(url, note({ title: 'No version' }))).statusCode).toBe(428)
    expect((await lead.put(url, note({ title: 'Not mine' }), { 'if-match': '"1"' })).statusCode).toBe(403)
    const edited = await worker.put(url, note({ title: 'Families involved in the first month', evidence: null }), { 'if-match': '"1"' })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(json(edited)).toMatchObject({ title: 'Families involved in the first month', evidence: null, version: 2 })
    expect(edited.headers.etag).toBe('"2"')
    const stale = await worker.put(url, note({ title: 'Lost edit' }), { 'if-match': '"1"' })
    expect(stale.statusCode).toBe(412)
    expect(stale.headers['content-type']).toMatch(/problem\+json/)
    const codeInEdit = await worker.put(url, note({ title: 'About A-7K3M-9QX2' }), { 'if-match': '"2"' })
    expect(json(codeInEdit).errors).toEqual([expect.objectContaining({ field: 'title', code: 'contains_case_code' })])
    expect(json(await researcher.get(url)).title).toBe('Families involved in the first month')
  })

  it('is refused to intake, partner, DPO and admin', async () => {
    const n = json(await worker.post('/api/practice-notes', note()))
    for (const role of ['intake', 'partner', 'dpo', 'admin'] as const) {
      const other = await t.as([role])
      expect((await other.get('/api/practice-notes')).statusCode, role).toBe(403)
      expect((await other.get(`/api/practice-notes/${n.id}`)).statusCode, role).toBe(403)
      expect((await other.post('/api/practice-notes', note())).statusCode, role).toBe(403)
      expect((await other.post(`/api/practice-notes/${n.id}/comments`, { body: 'Hello' })).statusCode, role).toBe(403)
    }
  })

  it('seals title, body and comments, and audits reads and writes without the text', async () => {
    const n = json(await worker.post('/api/practice-notes', note({ title: 'Tanneurs method', body: 'The Tanneurs approach helps.' })))
    await researcher.post(`/api/practice-notes/${n.id}/comments`, { body: 'Vandamme protocol?' })
    await researcher.get(`/api/practice-notes/${n.id}`)
    const row = await t.services.db.selectFrom('practice_notes').selectAll().where('id', '=', n.id).executeTakeFirstOrThrow()
    const comments = await t.services.db.selectFrom('practice_note_comments').selectAll().where('note_id', '=', n.id).execute()
    expect(JSON.stringify([row, comments])).not.toMatch(/Tanneurs|Vandamme/)
    expect(comments).toHaveLength(1)
    for (const action of ['practice_note.created', 'practice_note.commented', 'practice_note.viewed']) {
      const entry = (await auditRows(t.services, action)).find((r) => r.subject_id === n.id)
      expect(entry, action).toMatchObject({ subject_type: 'practice_note' })
      expect(JSON.stringify(entry)).not.toMatch(/Tanneurs|Vandamme/)
    }
    await researcher.get('/api/practice-notes?theme=intake')
    const listed = (await auditRows(t.services, 'practice_note.listed')).at(-1)
    expect(listed?.actor_id).toBe(researcher.userId)
  })
})
