import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIFE_DOMAINS } from '../../../common/contracts/desistance.contracts'
import { systemContext } from '../../seed/system-context'
import { type Agent, auditRows, json, startTestApp, type TestApp } from '../../test/harness'
import { openCase } from '../../security/case-access'
import { reviewSeries } from './assessments.queries'

let t: TestApp
let team: string
let worker: Agent & { userId: string }
let outsider: Agent & { userId: string }
let admin: Agent & { userId: string }

beforeAll(async () => {
  t = await startTestApp()
  team = await t.team()
  worker = await t.as(['worker'], { teamIds: [team] })
  outsider = await t.as(['worker'], { teamIds: [await t.team()] })
  admin = await t.as(['admin'])
})
afterAll(() => t.close())

async function newCase() {
  const person = json(await worker.post('/api/persons', { firstName: 'Yanis', lastName: 'Haddad' }))
  const acc = json(await worker.post('/api/accompaniments', { kind: 'concerned', personId: person.id, teamId: team }))
  return { id: acc.id as string, personId: person.id as string }
}

const review = (worker: number, person: number, comment?: string) =>
  Object.fromEntries(LIFE_DOMAINS.map((d) => [d, { worker, person, ...(comment ? { comment } : {}) }]))

describe('answer sets', () => {
  it('records motivations in the latest version, sealed, and lists them newest first', async () => {
    const c = await newCase()
    const res = await worker.post(`/api/accompaniments/${c.id}/assessments`, {
      instrument: 'motivations',
      takenOn: '2026-10-05',
      answers: {
        belonging: { worker: 8, person: 6, comment: 'Cherchait une bande après le déménagement' },
        grievance: { worker: 7 },
        own_words: { person: 'Je voulais compter pour quelqu’un.' },
      },
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.headers.etag).toBe('"1"')
    const a = json(res)
    expect(a).toMatchObject({
      instrument: 'motivations',
      instrumentVersion: 1,
      latestVersion: 1,
      takenOn: '2026-10-05',
      createdBy: worker.userId,
      version: 1,
      answers: { belonging: { worker: 8, person: 6, comment: 'Cherchait une bande après le déménagement' }, grievance: { worker: 7 } },
    })
    expect(a.definition.title.fr).toBe('Motivations')
    await worker.post(`/api/accompaniments/${c.id}/assessments`, { instrument: 'progress-review', takenOn: '2026-11-05', answers: {} })
    const all = json(await worker.get(`/api/accompaniments/${c.id}/assessments`)).items
    expect(all.map((x: { instrument: string }) => x.instrument)).toEqual(['progress-review', 'motivations'])
    const only = json(await worker.get(`/api/accompaniments/${c.id}/assessments?instrument=motivations`)).items
    expect(only).toHaveLength(1)
    // The list says which sets exist, not what they say; the answers come with the set itself.
    expect(only[0]).not.toHaveProperty('answers')
    expect(JSON.stringify(all)).not.toContain('compter')
    const opened = json(await worker.get(`/api/accompaniments/${c.id}/assessments/${only[0].id}`))
    expect(opened.answers.own_words).toEqual({ person: 'Je voulais compter pour quelqu’un.' })

    const raw = await t.services.db.selectFrom('assessments').select('answers_sealed').where('id', '=', a.id).executeTakeFirstOrThrow()
    expect(raw.answers_sealed).toMatch(/^v1\./)
    expect(raw.answers_sealed).not.toContain('bande')
    expect(raw.answers_sealed).not.toContain('belonging')
  })

  it('checks answers against the definition, naming answers.<item>.<perspective>', async () => {
    const c = await newCase()
    const post = (answers: unknown, instrument = 'motivations') =>
      worker.post(`/api/accompaniments/${c.id}/assessments`, { instrument, takenOn: '2026-10-05', answers })
    const fields = async (answers: unknown, instrument?: string) => {
      const res = await post(answers, instrument)
      expect(res.statusCode).toBe(400)
      return json(res).errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)
    }
    expect(await fields({ nope: { worker: 3 } })).toEqual(['answers.nope unknown_item'])
    expect(await fields({ belonging: { worker: 11 } })).toEqual(['answers.belonging.worker out_of_range'])
    // Motivations weigh from 0; the progress review scores from 1.
    expect((await post({ belonging: { worker: 0 } })).statusCode).toBe(201)
    expect(await fields({ housing: { person: 0 } }, 'progress-review')).toEqual(['answers.housing.person out_of_range'])
    expect(await fields({ belonging: { person: 2.5 } })).toEqual(['answers.belonging.person not_integer'])
    expect(await fields({ belonging: { worker: 'high' } })).toEqual(['answers.belonging.worker not_integer'])
    expect(await fields({ own_words: { worker: 'Mon avis' } })).toEqual(['answers.own_words.worker perspective_not_allowed'])
    expect(await fields({ own_words: { person: 'x'.repeat(10_001) } })).toEqual(['answers.own_words.person too_big'])
    expect(await fields({ own_words: { person: 'ok', comment: 'no comment here' } })).toEqual([
      'answers.own_words.comment comment_not_allowed',
    ])
    expect(await fields({ belonging: { worker: 3, extra: 1 } })).toEqual(['answers.belonging unrecognized_keys'])
    const bad = await worker.post(`/api/accompaniments/${c.id}/assessments`, {
      instrument: 'motivations',
      takenOn: '05/10/2026',
      answers: {},
    })
    expect(json(bad).errors[0].field).toBe('takenOn')
    const unknown = await worker.post(`/api/accompaniments/${c.id}/assessments`, {
      instrument: 'nothing',
      takenOn: '2026-10-05',
      answers: {},
    })
    expect(json(unknown).errors[0]).toMatchObject({ field: 'instrument', code: 'unknown_instrument' })
    // Only the one valid attempt was stored.
    expect(json(await worker.get(`/api/accompaniments/${c.id}/assessments`)).items).toHaveLength(1)
  })

  it('checks choice, multiple choice and dates of an admin-defined instrument', async () => {
    const L = (s: string) => ({ fr: s, nl: s, de: s, en: s })
    const options = [
      { key: 'a', label: L('A') },
      { key: 'b', label: L('B') },
    ]
    const created = await admin.post('/api/instruments', {
      code: 'mixed',
      definition: {
        title: L('Mixed'),
        sections: [
          {
            key: 's',
            title: L('S'),
            items: [
              { key: 'pick', type: 'choice', label: L('Pick'), options, perspectives: ['worker'] },
              { key: 'many', type: 'multi', label: L('Many'), options, perspectives: ['person'] },
              { key: 'on', type: 'date', label: L('On'), perspectives: ['worker'] },
            ],
          },
        ],
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const c = await newCase()
    const post = (answers: unknown) =>
      worker.post(`/api/accompaniments/${c.id}/assessments`, { instrument: 'mixed', takenOn: '2026-10-05', answers })
    const errors = async (answers: unknown) =>
      json(await post(answers)).errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`)
    expect(await errors({ pick: { worker: 'c' }, many: { person: ['a', 'z'] }, on: { worker: '2026-02-30' } })).toEqual([
      'answers.pick.worker unknown_option',
      'answers.many.person unknown_option',
      'answers.on.worker invalid_date',
    ])
    const ok = await post({ pick: { worker: 'b' }, many: { person: ['a', 'b'] }, on: { worker: '2026-12-24' } })
    expect(json(ok).answers).toEqual({ pick: { worker: 'b' }, many: { person: ['a', 'b'] }, on: { worker: '2026-12-24' } })
  })

  it('updates with If-Match, keeps its version after a new instrument version, and still renders', async () => {
    const c = await newCase()
    const first = json(
      await worker.post(`/api/accompaniments/${c.id}/assessments`, {
        instrument: 'violence-impact',
        takenOn: '2026-09-01',
        answers: { society: { worker: 'Peur dans le quartier' } },
      }),
    )
    const url = `/api/accompaniments/${c.id}/assessments/${first.id}`
    const body = {
      takenOn: '2026-09-02',
      answers: { society: { worker: 'Peur dans le quartier' }, self: { person: 'J’ai perdu des années' } },
    }
    expect((await worker.put(url, body)).statusCode).toBe(428)
    const updated = await worker.put(url, body, { 'if-match': '"1"' })
    expect(updated.statusCode, updated.body).toBe(200)
    expect(json(updated)).toMatchObject({ version: 2, takenOn: '2026-09-02', answers: { self: { person: 'J’ai perdu des années' } } })
    expect((await worker.put(url, body, { 'if-match': '"1"' })).statusCode).toBe(412)

    // An admin revises the instrument: the old set keeps version 1 and its own definition.
    const v1 = json(await worker.get('/api/instruments/violence-impact/versions/1')).definition
    const v2 = { ...v1, sections: [{ ...v1.sections[0], items: v1.sections[0].items.filter((i: { key: string }) => i.key !== 'self') }] }
    expect((await admin.post('/api/instruments/violence-impact/versions', { definition: v2 })).statusCode).toBe(201)
    const old = await worker.get(url)
    expect(old.headers.etag).toBe('"2"')
    expect(json(old)).toMatchObject({ instrumentVersion: 1, latestVersion: 2, answers: { self: { person: 'J’ai perdu des années' } } })
    expect(json(old).definition.sections[0].items.map((i: { key: string }) => i.key)).toEqual(['society', 'family', 'self'])
    // Editing the old set is still checked against its own version, where `self` exists.
    expect((await worker.put(url, body, { 'if-match': '"2"' })).statusCode).toBe(200)
    // A new set is given in version 2, where `self` does not exist any more.
    const fresh = await worker.post(`/api/accompaniments/${c.id}/assessments`, {
      instrument: 'violence-impact',
      takenOn: '2026-10-01',
      answers: body.answers,
    })
    expect(json(fresh).errors[0]).toMatchObject({ field: 'answers.self', code: 'unknown_item' })
  })
})

describe('visibility and audit', () => {
  it('hides the case from other workers, lets a break-the-glass grant read but not write', async () => {
    const c = await newCase()
    const a = json(
      await worker.post(`/api/accompaniments/${c.id}/assessments`, {
        instrument: 'capitals',
        takenOn: '2026-10-05',
        answers: { human_housing: { worker: 4 } },
      }),
    )
    const url = `/api/accompaniments/${c.id}/assessments`
    expect((await outsider.get(url)).statusCode).toBe(404)
    expect((await outsider.get(`${url}/${a.id}`)).statusCode).toBe(404)
    expect((await outsider.post(url, { instrument: 'capitals', takenOn: '2026-10-05', answers: {} })).statusCode).toBe(404)
    expect((await outsider.put(`${url}/${a.id}`, { takenOn: '2026-10-05', answers: {} }, { 'if-match': '"1"' })).statusCode).toBe(404)
    expect((await worker.get(`${url}/${crypto.randomUUID()}`)).statusCode).toBe(404)

    expect(
      (await outsider.post(`/api/accompaniments/${c.id}/break-glass`, { reason: 'Appel urgent de la famille, week-end' })).statusCode,
    ).toBe(200)
    expect(json(await outsider.get(`${url}/${a.id}`)).answers).toEqual({ human_housing: { worker: 4 } })
    expect((await outsider.post(url, { instrument: 'capitals', takenOn: '2026-10-05', answers: {} })).statusCode).toBe(403)
    expect((await outsider.put(`${url}/${a.id}`, { takenOn: '2026-10-05', answers: {} }, { 'if-match': '"1"' })).statusCode).toBe(403)
    expect(json(await worker.get(`${url}/${a.id}`)).version).toBe(1)
  })

  it('audits every read and write against the person, with no answers in the details', async () => {
    const c = await newCase()
    const a = json(
      await worker.post(`/api/accompaniments/${c.id}/assessments`, {
        instrument: 'protective-factors',
        takenOn: '2026-10-05',
        answers: { trusted_people: { worker: 7, comment: 'Son oncle Karim passe chaque semaine' } },
      }),
    )
    await worker.get(`/api/accompaniments/${c.id}/assessments`)
    await worker.get(`/api/accompaniments/${c.id}/assessments/${a.id}`)
    await worker.put(`/api/accompaniments/${c.id}/assessments/${a.id}`, { takenOn: '2026-10-06', answers: {} }, { 'if-match': '"1"' })
    const rows = (await auditRows(t.services)).filter((r) => r.person_id === c.personId && r.action.startsWith('assessment.'))
    expect(rows.map((r) => [r.action, r.actor_id, r.subject_id])).toEqual([
      ['assessment.created', worker.userId, a.id],
      ['assessment.listed', worker.userId, c.id],
      ['assessment.viewed', worker.userId, a.id],
      ['assessment.updated', worker.userId, a.id],
    ])
    expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({ accompanimentId: c.id, instrument: 'protective-factors', version: 1 })
    expect(JSON.stringify(rows)).not.toContain('Karim')
  })

  it('keeps a closed case as it was: its answer sets are read, not changed', async () => {
    const lead = await t.as(['lead'], { teamIds: [team] })
    const c = await newCase()
    const url = `/api/accompaniments/${c.id}/assessments`
    const a = json(await worker.post(url, { instrument: 'progress-review', takenOn: '2026-10-05', answers: { housing: { worker: 4 } } }))
    const v = async () => ({ 'if-match': `"${json(await worker.get(`/api/accompaniments/${c.id}`)).version}"` })
    expect(
      (await worker.post(`/api/accompaniments/${c.id}/closure`, { outcome: 'goals_reached', reason: 'Fin' }, await v())).statusCode,
    ).toBe(200)
    expect((await lead.post(`/api/accompaniments/${c.id}/closure/decision`, { approve: true }, await v())).statusCode).toBe(200)
    expect((await worker.post(url, { instrument: 'progress-review', takenOn: '2026-11-05', answers: {} })).statusCode).toBe(409)
    expect((await worker.put(`${url}/${a.id}`, { takenOn: '2026-10-05', answers: {} }, { 'if-match': '"1"' })).statusCode).toBe(409)
    expect(json(await worker.get(`${url}/${a.id}`)).answers).toEqual({ housing: { worker: 4 } })
  })
})

describe('review series for the overview', () => {
  it('gives scores per domain and perspective, oldest first, across instrument versions', async () => {
    const c = await newCase()
    const post = (takenOn: string, answers: unknown) =>
      worker.post(`/api/accompaniments/${c.id}/assessments`, { instrument: 'progress-review', takenOn, answers })
    expect((await post('2026-11-10', review(6, 7))).statusCode).toBe(201)
    expect((await post('2026-10-10', { ...review(3, 5), housing: { worker: 2 } })).statusCode).toBe(201)
    // A revised review in which the housing item got a new key: `domain` still places it.
    const v1 = json(await worker.get('/api/instruments/progress-review/versions/1')).definition
    const items = v1.sections[0].items.map((i: { key: string }) => (i.key === 'housing' ? { ...i, key: 'home' } : i))
    const v2 = json(
      await admin.post('/api/instruments/progress-review/versions', { definition: { ...v1, sections: [{ ...v1.sections[0], items }] } }),
    )
    expect(v2.version).toBeGreaterThan(1)
    expect((await post('2026-12-10', { home: { person: 9 }, violence: { worker: 8, person: 8 } })).statusCode).toBe(201)
    await worker.post(`/api/accompaniments/${c.id}/assessments`, { instrument: 'capitals', takenOn: '2026-10-01', answers: {} })

    const ctx = await systemContext(t.services, worker.userId, 'test')
    const series = await ctx.read('progress.viewed', async (trx) => reviewSeries(ctx, trx, await openCase(trx, ctx.user, c.id, 'read')))
    expect(series.map((p) => p.takenOn)).toEqual(['2026-10-10', '2026-11-10', '2026-12-10'])
    expect(series[0]?.scores.housing).toEqual({ worker: 2 })
    expect(series[0]?.scores.family).toEqual({ worker: 3, person: 5 })
    expect(series[1]?.scores.identity).toEqual({ worker: 6, person: 7 })
    expect(series[2]?.scores).toEqual({ housing: { person: 9 }, violence: { worker: 8, person: 8 } })
  })
})
