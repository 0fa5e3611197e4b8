import type { FastifyInstance } from 'fastify'
import { LIFE_DOMAINS, type LifeDomain } from '../common/contracts/desistance.contracts'
import type { TieKind, TieRelation, TieValence } from '../common/contracts/network.contracts'
import { PHASES } from '../common/contracts/trajectory.contracts'
import { rng } from '../server/seed/synthetic'

/** The size of the history, from BENCH_OVERVIEW_YEARS (five years by default). */
export const YEARS = Number(process.env.BENCH_OVERVIEW_YEARS ?? 5)
export const REVIEWS = 12 * YEARS
export const EVENTS = 40 * YEARS
export const SNAPSHOTS = Math.max(2, Math.round(4.8 * YEARS))
export const PLAN_VERSIONS = 4 * YEARS

export type Json = Record<string, any>

/** Requests of the set-up, through the whole pipeline (session, CSRF header, validation, audit). */
export class Client {
  cookie = ''
  constructor(private readonly app: FastifyInstance) {}
  async send(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Json> {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(method !== 'GET' ? { 'x-parcours-request': '1' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    })
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 500)}`)
    const set = res.headers['set-cookie']
    const line = Array.isArray(set) ? set[0] : set
    if (line) this.cookie = line.split(';')[0] as string
    return res.body ? (res.json() as Json) : {}
  }
}

const COMMENTS = [
  'A repris contact avec sa sœur aînée, premiers repas ensemble depuis deux ans.',
  'Dit se sentir moins seul depuis qu’il fréquente le club de boxe du quartier le mardi.',
  'Inquiet pour le loyer : le CPAS a accordé une aide ponctuelle, dossier à suivre.',
  'Parle plus facilement de ses anciens contacts en ligne ; a quitté deux groupes Telegram.',
  'Formation en alternance commencée, absences en baisse, le patron est satisfait.',
  'Période de doute après la sortie de son ami : nuits difficiles, retour des vidéos.',
  'A exprimé de la colère envers sa mère, puis a demandé qu’on organise une rencontre.',
  'Suivi psychologique régulier, il trouve les séances utiles mais fatigantes.',
]
const TIE_NAMES = [
  'Sarah (sœur)',
  'Mère',
  'Père',
  'Oncle Karim',
  'Coach de boxe',
  'Imam de la mosquée du quartier',
  'Groupe Telegram « Frères »',
  'Ancien ami de la cité',
  'Recruteur en ligne',
  'Éducatrice AMO',
  'Psychologue',
  'Collègues de l’atelier',
  'Club de foot',
  'Voisine de palier',
  'Compagne',
  'Assistante sociale CPAS',
  'Cousin à Anvers',
  'Forum gaming',
  'Professeur de français',
  'Ancien codétenu',
]

const iso = (d: Date) => d.toISOString().slice(0, 10)
const monthsAfter = (start: Date, months: number, day = 5) => new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, day))

/** Five years (by default) of one person's path, written through the API as a worker would. */
export async function seedHistory(client: Client, caseId: string) {
  const r = rng(2026)
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1))
  const clamp = (n: number) => Math.max(1, Math.min(10, Math.round(n)))
  const start = monthsAfter(new Date(), -12 * YEARS)
  const base = `/api/accompaniments/${caseId}`

  // Monthly progress reviews: every domain scored by both sides, trending upwards with dips.
  for (let m = 0; m < REVIEWS; m++) {
    const trend = 3 + (5 * m) / Math.max(1, REVIEWS - 1)
    const answers = Object.fromEntries(
      LIFE_DOMAINS.map((d, i) => [
        d,
        {
          worker: clamp(trend + Math.sin(m / 3 + i) - (i % 3 === 0 ? 1 : 0)),
          person: clamp(trend + Math.cos(m / 4 + i) + 0.5),
          comment: `${COMMENTS[(m + i) % COMMENTS.length]} (${m + 1})`,
        },
      ]),
    )
    await client.send('POST', `${base}/assessments`, { instrument: 'progress-review', takenOn: iso(monthsAfter(start, m)), answers })
  }
  // A few other answer sets at the start and once a year.
  for (let y = 0; y < YEARS; y++) {
    await client.send('POST', `${base}/assessments`, {
      instrument: 'motivations',
      takenOn: iso(monthsAfter(start, 12 * y, 12)),
      answers: {
        belonging: { worker: int(3, 9), person: int(2, 8), comment: COMMENTS[y % COMMENTS.length] },
        identity: { worker: int(2, 8), person: int(2, 8) },
        meaning: { worker: int(2, 8), person: int(2, 8) },
        online: { worker: int(0, 9), person: int(0, 9), comment: COMMENTS[(y + 3) % COMMENTS.length] },
        own_words: { person: 'Je voulais compter pour quelqu’un, être quelqu’un pour eux.' },
      },
    })
    await client.send('POST', `${base}/assessments`, {
      instrument: 'protective-factors',
      takenOn: iso(monthsAfter(start, 12 * y + 6, 12)),
      answers: {
        trusted_people: { worker: int(3, 9), person: int(3, 9), comment: COMMENTS[(y + 1) % COMMENTS.length] },
        schooling: { worker: int(2, 8), person: int(2, 8) },
        work: { worker: int(2, 8), person: int(2, 8) },
        health: { worker: int(3, 9), person: int(3, 9) },
        what_helps: { worker: 'Le sport, sa sœur, un cadre clair.', person: 'Quand on m’écoute sans me juger.' },
      },
    })
  }

  // The plan: goals and steps added and moved forward over ~20 saved versions, ids kept.
  type Step = {
    id?: string
    title: string
    who: 'person' | 'worker' | 'partner'
    partner: string | null
    due: string | null
    status: string
  }
  type Goal = { id?: string; domain: LifeDomain; title: string; why: string | null; steps: Step[] }
  let goals: Goal[] = []
  let planVersion = 0
  const STATUS_ORDER = ['not_started', 'in_progress', 'done']
  for (let v = 0; v < PLAN_VERSIONS; v++) {
    const wantGoals = Math.min(10, 2 + Math.floor((v * 10) / Math.max(1, PLAN_VERSIONS - 4)))
    while (goals.length < wantGoals) {
      const g = goals.length
      goals.push({
        domain: LIFE_DOMAINS[g % LIFE_DOMAINS.length] as LifeDomain,
        title: `Objectif ${g + 1} : ${COMMENTS[g % COMMENTS.length]!.slice(0, 60)}`,
        why: 'Parce que la personne l’a demandé lors du bilan.',
        steps: [],
      })
    }
    for (const [gi, g] of goals.entries()) {
      if (g.steps.length < 4 && (v + gi) % 2 === 0) {
        const who = (['person', 'worker', 'partner'] as const)[g.steps.length % 3]!
        g.steps.push({
          title: `Étape ${g.steps.length + 1} de l’objectif ${gi + 1}`,
          who,
          partner: who === 'partner' ? 'CPAS de Schaerbeek' : null,
          due: iso(monthsAfter(start, 3 * v + 2)),
          status: 'not_started',
        })
      }
      for (const s of g.steps) {
        if (r() < 0.25 && s.status !== 'done' && s.status !== 'dropped') s.status = STATUS_ORDER[STATUS_ORDER.indexOf(s.status) + 1]!
        else if (r() < 0.02 && s.status === 'not_started') s.status = 'dropped'
      }
    }
    const saved = await client.send(
      'PUT',
      `${base}/plan`,
      {
        goals,
        agreement: { status: v < 2 ? 'not_yet' : 'agreed', on: v < 2 ? null : iso(monthsAfter(start, 3 * v)), words: 'D’accord.' },
      },
      { 'if-match': `"${planVersion}"` },
    )
    planVersion = saved.version
    goals = saved.goals
  }

  // Trajectory: events of mixed precision (the earlier, the vaguer), then future goals.
  const futures = Math.min(8, Math.max(1, Math.round(EVENTS / 25)))
  const past = EVENTS - futures
  const beforeYears = 4
  for (let e = 0; e < past; e++) {
    // The first quarter is the life before the accompaniment, told from memory.
    const remembered = e < past / 4
    const months = remembered
      ? Math.floor((e / (past / 4)) * 12 * beforeYears) - 12 * beforeYears
      : Math.floor(((e - past / 4) / (past * 0.75)) * 12 * YEARS)
    const d = monthsAfter(start, months, int(1, 28))
    const precision = remembered ? (e % 3 === 0 ? 'year' : 'month') : e % 7 === 0 ? 'month' : 'day'
    const date = precision === 'year' ? String(d.getUTCFullYear()) : precision === 'month' ? iso(d).slice(0, 7) : iso(d)
    const phase = remembered ? (e < past / 8 ? 'before' : 'entry') : PHASES[2 + (e % (PHASES.length - 2))]!
    await client.send('POST', `${base}/trajectory`, {
      kind: 'event',
      precision,
      date,
      phase,
      domain: e % 4 === 3 ? null : LIFE_DOMAINS[e % LIFE_DOMAINS.length],
      valence: ((e * 7) % 5) - 2,
      title: `Événement ${e + 1}`,
      description: e % 2 === 0 ? COMMENTS[e % COMMENTS.length] : null,
    })
  }
  for (let f = 0; f < futures; f++) {
    await client.send('POST', `${base}/trajectory`, {
      kind: 'future',
      precision: 'month',
      date: iso(monthsAfter(new Date(), 3 + 3 * f)).slice(0, 7),
      domain: LIFE_DOMAINS[f % LIFE_DOMAINS.length],
      valence: 1,
      title: `Projet ${f + 1}`,
      description: 'Ce que la personne veut construire.',
      goalIds: goals.slice(f % goals.length, (f % goals.length) + 2).map((g) => g.id),
    })
  }

  // Network snapshots, each from a copy of the last: harmful ties fade, supportive ones grow.
  type DraftTie = {
    id?: string
    name: string
    kind: TieKind
    relation: TieRelation
    strength: number
    valence: TieValence
    note: string | null
  }
  let ties: DraftTie[] = TIE_NAMES.slice(0, 16).map((name, i) => ({
    name,
    kind: i === 6 || i === 8 || i === 17 ? 'online_community' : i === 12 ? 'group' : i === 15 ? 'institution' : 'person',
    relation: i < 3 ? 'family' : i === 6 || i === 8 || i === 7 ? 'extremist_milieu' : i === 10 || i === 9 ? 'professional' : 'friend',
    strength: i === 6 || i === 8 ? 3 : 1 + (i % 3),
    valence: i === 6 || i === 8 || i === 7 ? 'harmful' : i % 5 === 0 ? 'ambivalent' : 'supportive',
    note: i % 4 === 0 ? COMMENTS[i % COMMENTS.length]! : null,
  }))
  let firstSnapshot = ''
  let lastSnapshot = ''
  for (let s = 0; s < SNAPSHOTS; s++) {
    if (s > 0) {
      ties = ties
        .map((t) => {
          if (t.valence === 'harmful') return { ...t, strength: Math.max(1, t.strength - (s % 3 === 0 ? 1 : 0)) }
          if (t.valence === 'supportive' && s % 4 === 0) return { ...t, strength: Math.min(3, t.strength + 1) }
          if (t.valence === 'ambivalent' && s % 6 === 0) return { ...t, valence: 'supportive' as const }
          return t
        })
        // A weak harmful tie is left behind now and then.
        .filter((t) => !(t.valence === 'harmful' && t.strength === 1 && s % 5 === 0))
      const next = ties.length + 16
      if (ties.length < 30 && s % 2 === 0) {
        ties.push({
          name: `${TIE_NAMES[next % TIE_NAMES.length]} ${s}`,
          kind: 'person',
          relation: s % 3 === 0 ? 'work' : 'friend',
          strength: 1,
          valence: 'supportive',
          note: null,
        })
      }
    }
    const view = await client.send('POST', `${base}/network`, {
      takenOn: iso(monthsAfter(start, Math.floor((s * 12 * YEARS) / SNAPSHOTS), 20)),
      ties,
      note: s % 3 === 0 ? COMMENTS[s % COMMENTS.length] : null,
    })
    ties = view.ties
    if (s === 0) firstSnapshot = view.id
    lastSnapshot = view.id
  }
  return { firstSnapshot, lastSnapshot }
}
