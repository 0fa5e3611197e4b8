import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formTokenKey, issueFormToken } from '../modules/public-info/public-form.token'
import { REFERRAL_SECRETS, storeReferralSecrets } from '../modules/referrals/referral-secrets.fixture'
import { Agent, auditRows, DB_KIND, json, startTestApp, type TestApp } from '../test/harness'
import { needlesIn, storedBytes } from '../test/stored-bytes'

let h: TestApp
let worker: Agent & { userId: string }

/** Values that occur nowhere else, so that finding one in storage can only be a leak. */
const PEOPLE = [
  {
    firstName: 'Zephyrine',
    lastName: 'Quastenbroek',
    otherNames: ['Zeffy Quasto'],
    phone: '+32 470 91 82 73',
    email: 'zephyrine.q@mailbox.example',
    notes: 'Unicorn marmalade memo',
    birthDate: '1991-04-17',
  },
  {
    firstName: 'Ottokar',
    lastName: 'Brzęczyszczykiewicz',
    otherNames: [],
    phone: '0488 12 34 56',
    email: 'ottokar.brz@mailbox.example',
    notes: 'Saxophone lighthouse remark',
    birthDate: '1987-11-02',
  },
  {
    firstName: 'Yusufovna',
    lastName: 'Van Kwakkelsteyn',
    otherNames: ['Yusupheline'],
    phone: '+32 2 555 77 31',
    email: 'yvk.kwakkel@mailbox.example',
    notes: 'Périlleuse tangerine observation',
    birthDate: null,
  },
  {
    firstName: 'Quirijntje',
    lastName: 'El Marrakchi-Oosterwold',
    otherNames: [],
    phone: '04 77 66 55 44',
    email: 'quirijntje@mailbox.example',
    notes: 'Glacier accordion notice',
    birthDate: '2001-01-30',
  },
  {
    firstName: 'Fenwickha',
    lastName: 'Dubrovnikova',
    otherNames: ['Fenna Dub'],
    phone: '+32 9 876 54 32',
    email: 'fenwickha.d@mailbox.example',
    notes: 'Tambourine walrus follow-up',
    birthDate: '1979-07-07',
  },
]

/**
 * A phone number's significant digits, without country code or trunk zero: found in its local
 * ("0488…") and international ("+32488…") written forms alike, and in the normalised E.164 one.
 */
const significant = (phone: string) => phone.replace(/\D/g, '').replace(/^(32|0)/, '')

/** Every distinctive value, plus the bare digits of each phone number. */
const SECRETS = PEOPLE.flatMap((p) => [
  p.firstName,
  p.lastName,
  ...p.otherNames,
  p.phone,
  p.phone.replace(/\D/g, ''),
  significant(p.phone),
  p.email,
  p.notes,
  ...(p.birthDate ? [p.birthDate] : []),
])
/** Names of ties on a network map and the snapshot's note. */
const NETWORK = [
  'Tante Wilhelmientje',
  'Kickboxclub Quetzalcoatl',
  'Forum Schwarzdrossel',
  'Marmot carillon sketch',
  'Velvet ferret jotting',
]
SECRETS.push(...NETWORK)
/** A plan's goal, step, partner and the person's words; a trajectory event's title and description. */
const PATH = [
  'Quokka pottery apprenticeship',
  'Gondola licence paperwork',
  'Atelier Zwijnaardebrug',
  'Pelican tuba promise',
  'Harbour origami farewell',
  'Lantern yodel reflection',
]
SECRETS.push(...PATH)
/** An assessment's comment, the person's own words and the worker's reading. */
const ASSESSMENT = ['Trampoline walnut confession', 'Meteor kazoo storytelling', 'Cobalt hedgehog appraisal']
SECRETS.push(...ASSESSMENT)
/** A contact of the contact point: the caller's identity, the person described, the summary, where they were referred, a change kept on its history. */
const CONTACT = {
  name: 'Philomena Grubenstrasse',
  phone: '0471 19 28 37',
  email: 'philomena.grub@mailbox.example',
  reach: 'Kangaroo violin evenings',
  description: 'Nephew with a harpsichord tattoo',
  summary: 'Platypus saxophone worry',
  referredTo: 'Service Zebracrossing',
  changed: 'Mongoose clarinet correction',
}
SECRETS.push(...Object.values(CONTACT), significant(CONTACT.phone))
/** The triage grid's free text on that contact: the comments on the urgency and on a severity dimension. */
const TRIAGE = ['Narwhal ukulele deadline', 'Origami crossbow remark']
SECRETS.push(...TRIAGE)
/** A public "ask to be contacted" request: the caller's name, phone, e-mail and message. */
const PUBLIC_REQUEST = {
  name: 'Wilhelmina Plonkenbeerg',
  phone: '0499 87 65 43',
  email: 'wilhelmina.plonk@mailbox.example',
  message: 'Marzipan zeppelin worry',
}
SECRETS.push(...Object.values(PUBLIC_REQUEST), significant(PUBLIC_REQUEST.phone))
/** A confidentiality exception: the situation, the recipient's name, what was disclosed, a refusal's reason. */
const EXCEPTION = ['Flamingo sextant disclosure', 'Inspector Wolkenkratzer', 'Pumpernickel harbour details', 'Cardamom refusal memo']
SECRETS.push(...EXCEPTION)
/** Orientation: consent note, referral fields, the partner's copy, feedback and a decline's reason. */
SECRETS.push(...REFERRAL_SECRETS)
const ids: string[] = []

beforeAll(async () => {
  h = await startTestApp()
  worker = await h.as(['worker'])
  for (const p of PEOPLE) {
    const res = await worker.post('/api/persons', { ...p, postcode: '1000', languages: ['fr'] })
    expect(res.statusCode).toBe(201)
    ids.push(json(res).id)
  }
  // Searching and reading go through the same paths an investigator would leave traces in.
  for (const p of PEOPLE)
    expect(json(await worker.post('/api/persons/search', { q: `${p.firstName} ${p.lastName}` })).items.length).toBeGreaterThan(0)
  for (const id of ids) expect((await worker.get(`/api/persons/${id}`)).statusCode).toBe(200)
  // An update writes every value a second time.
  const first = json(await worker.get(`/api/persons/${ids[0]}`))
  const updated = await worker.put(
    `/api/persons/${ids[0]}`,
    { ...PEOPLE[0], notes: `${PEOPLE[0]?.notes} again` },
    { 'if-match': `"${first.version}"` },
  )
  expect(updated.statusCode).toBe(200)
  // A case needs a worker of its team; its client's name is not among the secrets.
  const team = await h.team()
  const mapper = await h.as(['worker'], { teamIds: [team] })
  const client = json(await mapper.post('/api/persons', { firstName: 'Network', lastName: 'Client' }))
  const acc = json(await mapper.post('/api/accompaniments', { kind: 'concerned', personId: client.id, teamId: team }))
  const [aunt, club, forum, sketch, tieNote] = NETWORK as [string, string, string, string, string]
  const tie = { kind: 'person', relation: 'family', strength: 3, valence: 'supportive' }
  const snapshot = await mapper.post(`/api/accompaniments/${acc.id}/network`, {
    takenOn: '2026-10-01',
    note: sketch,
    ties: [
      { ...tie, name: aunt, note: tieNote },
      { ...tie, name: club, kind: 'group', relation: 'community' },
      { ...tie, name: forum, kind: 'online_community', relation: 'extremist_milieu', valence: 'harmful' },
    ],
  })
  expect(snapshot.statusCode, snapshot.body).toBe(201)
  expect(json(await mapper.get(`/api/accompaniments/${acc.id}/network`)).items[0].ties[0].name).toBe(aunt)
  {
    // The plan and the trajectory of a case of its own, in a block so that its names stay local.
    const pathTeam = await h.team()
    const pathWorker = await h.as(['worker'], { teamIds: [pathTeam] })
    const holder = json(await pathWorker.post('/api/persons', { firstName: 'Plan', lastName: 'Holder' }))
    const path = json(await pathWorker.post('/api/accompaniments', { kind: 'concerned', personId: holder.id, teamId: pathTeam }))
    const [goal, step, partner, words, title, description] = PATH as [string, string, string, string, string, string]
    const plan = await pathWorker.put(
      `/api/accompaniments/${path.id}/plan`,
      {
        goals: [{ domain: 'employment', title: goal, steps: [{ title: step, who: 'partner', partner }] }],
        agreement: { status: 'agreed', on: '2026-11-02', words },
      },
      { 'if-match': '"0"' },
    )
    expect(plan.statusCode, plan.body).toBe(200)
    const event = { precision: 'month', date: '2019-05', phase: 'turning_point', title, description }
    expect((await pathWorker.post(`/api/accompaniments/${path.id}/trajectory`, event)).statusCode).toBe(201)
    expect(json(await pathWorker.get(`/api/accompaniments/${path.id}/plan/versions/1`)).agreement.words).toBe(words)
    expect(json(await pathWorker.get(`/api/accompaniments/${path.id}/trajectory`)).items[0].description).toBe(description)
  }
  {
    // Motivations of a case of its own: a comment and both narratives, then an update.
    const aTeam = await h.team()
    const assessor = await h.as(['worker'], { teamIds: [aTeam] })
    const holder = json(await assessor.post('/api/persons', { firstName: 'Assessed', lastName: 'Person' }))
    const acc = json(await assessor.post('/api/accompaniments', { kind: 'concerned', personId: holder.id, teamId: aTeam }))
    const [comment, words, reading] = ASSESSMENT as [string, string, string]
    const answers = { belonging: { worker: 7, person: 9, comment }, own_words: { person: words } }
    const created = await assessor.post(`/api/accompaniments/${acc.id}/assessments`, {
      instrument: 'motivations',
      takenOn: '2026-10-01',
      answers,
    })
    expect(created.statusCode, created.body).toBe(201)
    const url = `/api/accompaniments/${acc.id}/assessments/${json(created).id}`
    const changed = await assessor.put(
      url,
      { takenOn: '2026-10-01', answers: { ...answers, worker_reading: { worker: reading } } },
      { 'if-match': '"1"' },
    )
    expect(changed.statusCode, changed.body).toBe(200)
    expect(json(await assessor.get(url)).answers.worker_reading.worker).toBe(reading)
  }
  {
    // A call logged by intake, finalised, then corrected: the history keeps the old and new summary.
    const intake = await h.as(['intake'])
    const body = {
      channel: 'phone',
      occurredAt: '2026-11-30T09:00:00Z',
      callerKind: 'relative',
      caller: { name: CONTACT.name, phone: CONTACT.phone, email: CONTACT.email, reach: CONTACT.reach },
      personDescription: CONTACT.description,
      summary: CONTACT.summary,
      orientation: 'referred',
      referredTo: CONTACT.referredTo,
    }
    const contact = json(await intake.post('/api/contacts', body))
    expect((await intake.post(`/api/contacts/${contact.id}/finalise`, undefined, { 'if-match': '"1"' })).statusCode).toBe(200)
    const changed = await intake.put(`/api/contacts/${contact.id}`, { ...body, summary: CONTACT.changed }, { 'if-match': '"2"' })
    expect(changed.statusCode, changed.body).toBe(200)
    const history = json(await intake.get(`/api/contacts/${contact.id}/history`)).items
    expect(history[1].changes).toContainEqual({ field: 'summary', old: CONTACT.summary, new: CONTACT.changed })
    expect(json(await intake.post('/api/contacts/repeat-caller', { phone: '+32471192837' })).items[0].callerName).toBe(CONTACT.name)
    // The triage grid filled on it, each rating with the worker's comment.
    const [urgencyNote, violenceNote] = TRIAGE as [string, string]
    const triage = await intake.post(
      `/api/contacts/${contact.id}/triage`,
      {
        answers: {
          urgency: { worker: 'within_week', comment: urgencyNote },
          violence_intent: { worker: 'moderate', comment: violenceNote },
        },
      },
      { 'if-match': '"3"' },
    )
    expect(triage.statusCode, triage.body).toBe(200)
    expect(json(await intake.get(`/api/contacts/${contact.id}/triage`)).triage.answers.violence_intent.comment).toBe(violenceNote)
    // A public request, sent as the JSON variant of the form with a token issued ten seconds ago.
    const token = issueFormToken(formTokenKey(h.services.auditKey), Date.now() - 10_000)
    const sent = await new Agent(h.app, '192.0.2.99').post('/api/public/contact-requests', {
      ...PUBLIC_REQUEST,
      token,
      callerKind: 'relative',
      reachBy: 'phone',
    })
    expect(sent.statusCode, sent.body).toBe(201)
    const [item] = json(await intake.get('/api/contact-requests')).items
    expect(json(await intake.get(`/api/contact-requests/${item.id}`))).toMatchObject(PUBLIC_REQUEST)
    // Taken into the contact point: the request's identity and message are copied onto a web-form contact.
    const taken = await intake.post(`/api/contact-requests/${item.id}/take`, {}, { 'if-match': '"1"' })
    expect(taken.statusCode, taken.body).toBe(201)
    const copy = json(await intake.get(`/api/contacts/${json(taken).contactId}`))
    expect(copy).toMatchObject({ caller: { name: PUBLIC_REQUEST.name }, summary: PUBLIC_REQUEST.message })
  }
  {
    // A confidentiality exception on a case, refused by the lead with a reason; and one on a contact.
    const xTeam = await h.team()
    const recorder = await h.as(['worker'], { teamIds: [xTeam] })
    const lead = await h.as(['lead'], { teamIds: [xTeam] })
    const holder = json(await recorder.post('/api/persons', { firstName: 'Disclosed', lastName: 'About' }))
    const acc = json(await recorder.post('/api/accompaniments', { kind: 'concerned', personId: holder.id, teamId: xTeam }))
    const [situation, recipientName, disclosed, reason] = EXCEPTION as [string, string, string, string]
    const body = {
      situation,
      recipientName,
      disclosed,
      legalBasisId: '7f0c1a52-0001-4d2e-9a00-000000000001',
      recipientKind: 'police',
      disclosedAt: '2026-11-30T10:00:00Z',
    }
    const recorded = await recorder.post(`/api/accompaniments/${acc.id}/exceptions`, body)
    expect(recorded.statusCode, recorded.body).toBe(201)
    const refused = await lead.post(`/api/exceptions/${json(recorded).id}/decision`, { decision: 'refused', reason }, { 'if-match': '"1"' })
    expect(json(refused).refusalReason).toBe(reason)
    const call = await recorder.post('/api/contacts', { channel: 'phone', occurredAt: '2026-11-30T09:00:00Z', callerKind: 'relative' })
    expect(call.statusCode, call.body).toBe(201)
    const contact = await recorder.post('/api/exceptions', { ...body, contactId: json(call).id })
    expect(contact.statusCode, contact.body).toBe(201)
    expect(json(contact).disclosed).toBe(disclosed)
  }
  await storeReferralSecrets(h)
})
afterAll(() => h?.close())

const leaked = (haystack: Buffer) => needlesIn(haystack, SECRETS)

describe('personal data at rest', () => {
  it('the API returns the values, so they were really stored', async () => {
    const view = json(await worker.get(`/api/persons/${ids[1]}`))
    expect(view).toMatchObject({
      firstName: 'Ottokar',
      lastName: 'Brzęczyszczykiewicz',
      phone: '0488 12 34 56',
      notes: 'Saxophone lighthouse remark',
    })
    // And the check below can find a needle: plain text in the file would be caught.
    expect(leaked(Buffer.from(`xx ${'OTTOKAR'} yy`))).toEqual(['Ottokar'])
  })

  it('appears nowhere in the stored bytes: SQLite file and WAL, or a pg_dump', async () => {
    // A control value stored in clear (team names are not personal data) proves the scan sees the data.
    await h.team('Xylophagous control team')
    const all = await storedBytes(h)
    if (DB_KIND === 'postgres') expect(all.toString()).toContain('COPY public.persons')
    expect(all.toString('latin1')).toContain('Xylophagous control team')
    // The sealed columns are there, in the versioned envelope format.
    const raw = await h.services.db
      .selectFrom('persons')
      .select(['first_name_sealed', 'notes_sealed'])
      .where('id', '=', ids[0] as string)
      .executeTakeFirstOrThrow()
    expect(raw.first_name_sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+$/)
    expect(all.toString('latin1')).toContain(raw.notes_sealed)
    expect(leaked(all)).toEqual([])
  })

  it('appears nowhere in the audit log', async () => {
    const rows = await auditRows(h.services)
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['person.created', 'person.searched', 'person.viewed', 'person.updated']),
    )
    expect(leaked(Buffer.from(JSON.stringify(rows)))).toEqual([])
  })

  it('each person has their own wrapped data key', async () => {
    const keys = await h.services.db.selectFrom('person_keys').select(['person_id', 'wrapped_key']).where('person_id', 'in', ids).execute()
    expect(keys).toHaveLength(ids.length)
    expect(new Set(keys.map((k) => k.wrapped_key)).size).toBe(ids.length)
    for (const k of keys) expect(k.wrapped_key).toMatch(/^v1\./)
  })
})

describe('a sealed value is bound to its row and column', () => {
  const load = (id: string) =>
    h.services.db
      .selectFrom('persons')
      .select(['id', 'first_name_sealed', 'last_name_sealed', 'notes_sealed'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()

  it('opens in place, and fails when copied into another person or another column', async () => {
    const [a, b] = [ids[2] as string, ids[3] as string]
    const codec = h.services.codec
    const rowA = await load(a)
    const keyA = await codec.personKey(h.services.db, a)
    const keyB = await codec.personKey(h.services.db, b)
    expect(codec.openRow('persons', keyA, a, rowA)).toMatchObject({ first_name: 'Yusufovna', last_name: 'Van Kwakkelsteyn' })
    // A's ciphertext moved to B's row: neither B's key nor A's key with B's row id opens it.
    expect(() => codec.openRow('persons', keyB, b, { first_name_sealed: rowA.first_name_sealed })).toThrow()
    expect(() => codec.openRow('persons', keyA, b, { first_name_sealed: rowA.first_name_sealed })).toThrow()
    // Moved to another column of A's own row.
    expect(() => codec.openRow('persons', keyA, a, { notes_sealed: rowA.first_name_sealed })).toThrow()
  })

  it('a swapped ciphertext in the database makes the read fail closed, leaking nothing', async () => {
    const [a, b] = [ids[2] as string, ids[4] as string]
    const rowA = await load(a)
    await h.services.db.updateTable('persons').set({ last_name_sealed: rowA.last_name_sealed }).where('id', '=', b).execute()
    const res = await worker.get(`/api/persons/${b}`)
    expect(res.statusCode).toBe(500)
    expect(json(res).code).toBe('server.error')
    expect(leaked(Buffer.from(res.body))).toEqual([])
  })
})
