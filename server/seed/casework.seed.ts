import type { z } from 'zod'
import { CreateAccompaniment } from '../../common/contracts/accompaniments.contracts'
import { CaseRelativeInput } from '../../common/contracts/case-relatives.contracts'
import { CaseSessionInput } from '../../common/contracts/case-sessions.contracts'
import { PersonInput } from '../../common/contracts/persons.contracts'
import { ReportInput } from '../../common/contracts/reports.contracts'
import { TaskInput } from '../../common/contracts/tasks.contracts'
import type { RequestContext, Services, Trx } from '../http/context'
import { assign, breakGlass, createAccompaniment } from '../modules/accompaniments/accompaniments.commands'
import { findVisibleAccompaniment } from '../modules/accompaniments/accompaniments.queries'
import { type Move, moveCase } from '../modules/accompaniments/lifecycle.commands'
import { addRelative } from '../modules/case-relatives/case-relatives.commands'
import { createSession } from '../modules/case-sessions/case-sessions.commands'
import { storeDocument } from '../modules/documents/documents.commands'
import { createPerson } from '../modules/persons/persons.commands'
import { searchByName } from '../modules/persons/persons.queries'
import { renderPdf } from '../modules/reports/pdf'
import { recordReport } from '../modules/reports/reports.commands'
import { addDays, addMonths } from '../modules/tasks/reminders.queries'
import { createTask, setTaskStatus } from '../modules/tasks/tasks.commands'
import { DEMO_DOMAIN } from './demo.data'
import { systemContext } from './system-context'

const FICTION = '(Données fictives.)'

type Case = Awaited<ReturnType<typeof findVisibleAccompaniment>>
type Session = Omit<z.input<typeof CaseSessionInput>, 'startsAt'> & { on: string; at: string }

/** Dates relative to the day the demo is seeded, so that My day and the calendar always look current. */
function calendar(now = new Date()) {
  const today = now.toISOString().slice(0, 10)
  const day = (n: number) => addDays(today, n)
  /** Offices are closed at the weekend: a past date moves to the Friday before, a future one to the Monday after. */
  const workday = (n: number) => {
    const d = day(n)
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay()
    if (dow === 6) return addDays(d, n < 0 ? -1 : 2)
    if (dow === 0) return addDays(d, n < 0 ? -2 : 1)
    return d
  }
  return { today, day, workday, months: (n: number) => addMonths(today, n) }
}

/** A one-page certificate as the person might bring it in, plainly marked as invented. */
function certificate(on: string): Buffer {
  return renderPdf('Attestation de formation (fictive)', [
    { text: 'Centre de formation des Hauts-Fourneaux (fictif) — Charleroi', size: 9 },
    { text: "Attestation d'inscription", size: 16, bold: true, gap: 18 },
    {
      text: "Nous attestons que M. Julien Dupont suit la formation « Électricien installateur résidentiel » depuis le début de l'année de formation, avec assiduité.",
      gap: 12,
    },
    { text: `Fait à Charleroi, le ${on.split('-').reverse().join('/')}.`, gap: 12 },
    { text: 'Document fictif — données de démonstration de Parcours.', size: 9, gap: 24 },
  ])
}

/** One step of the demo story, by one actor, on one case: one transaction, one audit entry. */
function onCase<T>(ctx: RequestContext, caseId: string, step: string, fn: (trx: Trx, acc: Case) => Promise<T>): Promise<T> {
  return ctx.write('seed.demo_casework', async (trx, audit) => {
    const acc = await findVisibleAccompaniment(trx, ctx.user, caseId)
    audit.subject('accompaniment', acc.id).person(acc.person_id).detail({ step })
    return fn(trx, acc)
  })
}

function open(ctx: RequestContext, input: z.input<typeof CreateAccompaniment>): Promise<string> {
  return ctx.write('seed.demo_casework', async (trx, audit) => {
    const id = await createAccompaniment(ctx, trx, CreateAccompaniment.parse(input))
    audit.subject('accompaniment', id).person(input.personId).detail({ step: 'opened' })
    return id
  })
}

async function sessions(ctx: RequestContext, trx: Trx, acc: Case, list: Session[]): Promise<void> {
  for (const { on, at, ...s } of list) await createSession(ctx, trx, acc, CaseSessionInput.parse({ ...s, startsAt: `${on}T${at}:00.000Z` }))
}

async function move(ctx: RequestContext, caseId: string, m: Move, extra: { reason?: string; outcome?: string } = {}): Promise<void> {
  await onCase(ctx, caseId, m, (trx, acc) => moveCase(ctx, trx, acc, m, acc.version, extra))
}

/** A demo person found by name among those the given account registered (names are sealed; the index finds them). */
async function demoPerson(ctx: RequestContext, fullName: string): Promise<string> {
  const db = ctx.system.db
  const ids = await searchByName(db, ctx.names, fullName, 10)
  const row = ids.length
    ? await db.selectFrom('persons').select('id').where('id', 'in', ids).where('created_by', '=', ctx.user.userId).executeTakeFirst()
    : undefined
  if (!row) throw new Error(`demo person missing: ${fullName}`)
  return row.id
}

/**
 * The casework of the demo team, told through the modules' own commands and under the account
 * that would do each step: intake opens cases, the lead assigns them and decides a closure, the
 * workers hold sessions, write reports and tasks, add relatives and ask to close. The demo
 * worker's first case (the judicial one, opened first) is the one the desistance seeds decorate.
 * Does nothing when the demo worker already has cases.
 */
export async function seedCasework(services: Services, now = new Date()): Promise<void> {
  const accounts = await services.db
    .selectFrom('users')
    .innerJoin('user_teams', 'user_teams.user_id', 'users.id')
    .select(['users.id', 'users.email', 'user_teams.team_id'])
    .where(
      'users.email',
      'in',
      ['accueil', 'intervenant', 'intervenante', 'responsable'].map((u) => `${u}@${DEMO_DOMAIN}`),
    )
    .execute()
  const account = (u: string) => accounts.find((a) => a.email === `${u}@${DEMO_DOMAIN}`)
  const [intakeUser, workerUser, colleagueUser, leadUser] = ['accueil', 'intervenant', 'intervenante', 'responsable'].map(account)
  if (!intakeUser || !workerUser || !colleagueUser || !leadUser) return
  const started = await services.db
    .selectFrom('accompaniment_workers')
    .select('accompaniment_id')
    .where('user_id', '=', workerUser.id)
    .limit(1)
    .executeTakeFirst()
  if (started) return

  const [intake, worker, colleague, lead] = (await Promise.all(
    [intakeUser, workerUser, colleagueUser, leadUser].map((u) => systemContext(services, u.id, 'seed-demo')),
  )) as [RequestContext, RequestContext, RequestContext, RequestContext]
  const team = workerUser.team_id
  const { today, day, workday, months } = calendar(now)

  // The judicial case, opened first: conditional release, a mandate ending in ten days, a report
  // sent three months ago so the next one is due this week.
  const julien = await open(worker, {
    kind: 'concerned',
    personId: await demoPerson(worker, 'Julien Dupont'),
    teamId: team,
    summary: `Libération conditionnelle après une condamnation pour coups et blessures en bande. Travaille sa sortie du groupe « Réveil » et son projet de formation d'électricien. ${FICTION}`,
    framework: {
      framework: 'judicial',
      measure: 'conditional_release',
      authorityKind: 'justice_house',
      authority: 'Maison de justice de Charleroi — assistante de justice : Mme Véronique Leclercq (fictive)',
      conditions: `Suivre un accompagnement auprès d'un service spécialisé ; ne plus fréquenter le groupe « Réveil » ni ses canaux en ligne ; poursuivre la formation ; résider à l'adresse communiquée. ${FICTION}`,
      reporting: `Rapport trimestriel à l'assistante de justice : présences et engagement, jamais le contenu des entretiens. ${FICTION}`,
      mandateStart: months(-13),
      mandateEnd: day(10),
      reportEveryMonths: 3,
    },
  })
  const reportSent = addMonths(day(3), -3)
  await onCase(worker, julien, 'sessions_report_relatives', async (trx, acc) => {
    const held = { status: 'held' as const, modality: 'office' as const, place: 'Bureau de Bruxelles, salle 2' }
    await sessions(worker, trx, acc, [
      {
        ...held,
        on: workday(-110),
        at: '09:00',
        attendance: 'present',
        notes: `Premier entretien depuis la sortie. Il dit avoir peur de « retomber » s'il recroise les anciens du groupe. ${FICTION}`,
      },
      {
        ...held,
        on: workday(-96),
        at: '13:30',
        attendance: 'late',
        notes: `Vingt minutes de retard (bus). Point sur l'inscription à la formation d'électricien. ${FICTION}`,
      },
    ])
    await recordReport(
      worker,
      trx,
      acc,
      ReportInput.parse({
        periodFrom: addMonths(reportSent, -3),
        periodTo: reportSent,
        engagement: 'active',
        engagementComment: `Se présente aux rendez-vous et s'investit dans sa formation. ${FICTION}`,
        recipient: 'Maison de justice de Charleroi — Mme Véronique Leclercq',
        sentAt: `${reportSent}T10:00:00.000Z`,
      }),
    )
    await sessions(worker, trx, acc, [
      {
        ...held,
        on: workday(-60),
        at: '09:00',
        attendance: 'present',
        notes: `Il a renoué avec son frère Kevin par message. Premier entraînement de boxe prévu. ${FICTION}`,
      },
      {
        ...held,
        status: 'missed',
        on: workday(-39),
        at: '14:00',
        attendance: 'excused_absence',
        notes: `Absent : examen de la formation, il a prévenu la veille. ${FICTION}`,
      },
      {
        ...held,
        on: workday(-20),
        at: '09:30',
        attendance: 'present',
        notes: `Fin du délai d'épreuve dans un mois. Il souhaite continuer le suivi ensuite, sur une base volontaire. ${FICTION}`,
      },
      {
        ...held,
        on: workday(-6),
        at: '10:00',
        attendance: 'present',
        notes: `Relecture avec lui de ce que dira le rapport de fin de mandat. ${FICTION}`,
      },
      { status: 'planned', on: today, at: '13:00', modality: 'office', place: 'Bureau de Bruxelles, salle 2' },
      {
        status: 'planned',
        on: workday(2),
        at: '09:30',
        modality: 'outreach',
        place: 'Centre de formation, Charleroi',
        participants: ['client', 'partner_professional'],
      },
    ])
    await addRelative(
      worker,
      trx,
      acc,
      CaseRelativeInput.parse({
        name: 'Martine Dupont',
        relationship: 'parent',
        involvement: 'support_person',
        consent: 'given',
        consentOn: workday(-110),
        note: `Sa mère, présente depuis la sortie ; il accepte qu'elle soit informée des grandes étapes. ${FICTION}`,
      }),
    )
    await createTask(
      worker,
      trx,
      acc,
      TaskInput.parse({ title: "Transmettre l'attestation de formation à l'assistante de justice", dueDate: day(-4) }),
    )
    await createTask(worker, trx, acc, TaskInput.parse({ title: 'Rédiger le rapport de fin de mandat', dueDate: day(3) }))
    if (services.config.documents.types.includes('pdf'))
      await storeDocument(worker, trx, acc, {
        filename: 'Attestation de formation (fictive).pdf',
        type: 'pdf',
        bytes: certificate(workday(-62)),
      })
  })

  // The lead reads the end-of-mandate report before it leaves.
  await onCase(lead, julien, 'task', (trx, acc) =>
    createTask(lead, trx, acc, TaskInput.parse({ title: 'Relire le rapport de fin de mandat avant envoi', dueDate: day(2) })),
  )

  // A young man whose mother called: intake opens the case, the lead gives it to the worker.
  const mohammedId = await demoPerson(intake, 'Mohammed Benali')
  const marieId = await demoPerson(intake, 'Marie Dubois')
  const mohammed = await open(intake, {
    kind: 'concerned',
    personId: mohammedId,
    teamId: team,
    summary: `Sa mère a pris contact, inquiète de ses fréquentations en ligne (vidéos et groupes complotistes). Il accepte de rencontrer quelqu'un « pour parler ». ${FICTION}`,
  })
  // His mother, accompanied in her own right about him.
  const marie = await open(intake, {
    kind: 'relative',
    personId: marieId,
    concernedPersonId: mohammedId,
    relationship: 'parent',
    teamId: team,
    summary: `Se sent démunie face aux idées de son fils ; cherche des repères pour garder le dialogue. ${FICTION}`,
  })
  for (const id of [mohammed, marie]) await onCase(lead, id, 'assigned', (trx, acc) => assign(lead, trx, acc, workerUser.id, []))
  await onCase(worker, mohammed, 'sessions_relatives_tasks', async (trx, acc) => {
    await sessions(worker, trx, acc, [
      {
        status: 'held',
        on: workday(-14),
        at: '15:00',
        modality: 'office',
        notes: `Premier entretien. Méfiant au début, puis parle de son décrochage scolaire et de ses nuits en ligne. ${FICTION}`,
      },
      {
        status: 'held',
        on: workday(-7),
        at: '15:00',
        modality: 'outreach',
        place: 'Parc de la Fonderie',
        notes: `Entretien en marchant, plus détendu. Il aimerait reprendre le foot en salle. ${FICTION}`,
      },
      { status: 'planned', on: workday(1), at: '15:00', modality: 'office' },
    ])
    await addRelative(
      worker,
      trx,
      acc,
      CaseRelativeInput.parse({
        name: 'Marie Dubois',
        personId: marieId,
        relationship: 'parent',
        involvement: 'own_accompaniment',
        consent: 'given',
        consentOn: workday(-14),
        note: `Sa mère est accompagnée de son côté ; il accepte que nous parlions des rendez-vous, pas de leur contenu. ${FICTION}`,
      }),
    )
    const task = await createTask(
      worker,
      trx,
      acc,
      TaskInput.parse({ title: 'Trouver un club de foot en salle à Molenbeek', dueDate: day(-9) }),
    )
    await setTaskStatus(worker, trx, acc, task, 1, 'done')
  })
  await onCase(worker, marie, 'sessions_tasks', async (trx, acc) => {
    await sessions(worker, trx, acc, [
      {
        status: 'held',
        on: workday(-21),
        at: '10:00',
        modality: 'office',
        notes: `Elle raconte les disputes à table et sa peur de le « perdre ». Repères sur l'écoute sans jugement. ${FICTION}`,
      },
      { status: 'planned', on: today, at: '09:00', modality: 'phone' },
    ])
    await createTask(worker, trx, acc, TaskInput.parse({ title: 'Proposer le groupe de parole des parents', dueDate: day(5) }))
  })

  // A teacher asking for advice about a pupil she does not name.
  const teacher = await worker.write('seed.demo_casework', async (trx, audit) => {
    const id = await createPerson(
      worker,
      trx,
      PersonInput.parse({
        firstName: 'Nathalie',
        lastName: 'Lejeune',
        birthYear: 1983,
        gender: 'female',
        languages: ['fr'],
        postcode: '1030',
        notes: `Enseignante dans une école secondaire de Schaerbeek. (Personne fictive — données de démonstration.)`,
      }),
    )
    audit.subject('person', id).detail({ step: 'registered' })
    return id
  })
  const advice = await open(worker, {
    kind: 'professional',
    personId: teacher,
    relationship: 'teacher',
    concernedStatus: 'anonymous',
    teamId: team,
    summary: `Demande d'avis : un élève de 5e secondaire tient des propos de plus en plus hostiles et partage des vidéos violentes. L'élève n'est pas nommé. Pistes : dialogue, équipe éducative, centre PMS. ${FICTION}`,
  })
  await onCase(worker, advice, 'sessions', (trx, acc) =>
    sessions(worker, trx, acc, [
      {
        status: 'held',
        on: workday(-3),
        at: '16:00',
        modality: 'phone',
        notes: `Une heure d'échange ; elle en parlera au conseil de classe et rappellera. ${FICTION}`,
      },
      { status: 'planned', on: workday(3), at: '12:30', modality: 'video' },
    ]),
  )

  // A voluntary case, from a man who came on his own.
  const youssef = await open(worker, {
    kind: 'concerned',
    personId: await demoPerson(worker, 'Youssef Aït Saïd'),
    teamId: team,
    summary: `A quitté un groupe radical il y a un an ; veut « tourner la page » et reprendre des études. ${FICTION}`,
  })
  await onCase(worker, youssef, 'sessions', (trx, acc) =>
    sessions(worker, trx, acc, [
      {
        status: 'held',
        on: workday(-30),
        at: '11:00',
        modality: 'office',
        notes: `Récit de sa sortie du groupe, sans regret affiché. ${FICTION}`,
      },
      {
        status: 'held',
        on: workday(-1),
        at: '11:00',
        modality: 'video',
        notes: `Inscription à un cours du soir de comptabilité. ${FICTION}`,
      },
    ]),
  )

  // Suspended while he is in rehabilitation.
  const oussama = await open(worker, {
    kind: 'concerned',
    personId: await demoPerson(worker, 'Oussama Chaouki'),
    teamId: team,
    summary: `Surveillance électronique ; rendez-vous au bureau. ${FICTION}`,
    framework: {
      framework: 'judicial',
      measure: 'electronic_monitoring',
      authorityKind: 'justice_house',
      authority: 'Maison de justice de Bruxelles (fictive)',
      mandateStart: day(-120),
      mandateEnd: months(8),
      reportEveryMonths: 6,
    },
  })
  await onCase(worker, oussama, 'sessions', (trx, acc) =>
    sessions(worker, trx, acc, [
      {
        status: 'held',
        on: workday(-50),
        at: '10:00',
        modality: 'office',
        attendance: 'present',
        notes: `Entretien d'accueil. ${FICTION}`,
      },
    ]),
  )
  await move(worker, oussama, 'suspend', {
    reason: `Hospitalisé pour une longue rééducation après un accident ; la maison de justice est informée. ${FICTION}`,
  })

  // A closure the lead still has to decide.
  const lotte = await open(worker, {
    kind: 'concerned',
    personId: await demoPerson(worker, 'Lotte Van den Berg'),
    teamId: team,
    summary: `Souhaite reprendre une formation et s'éloigner d'un ancien compagnon militant. ${FICTION}`,
  })
  await onCase(worker, lotte, 'sessions', (trx, acc) =>
    sessions(worker, trx, acc, [
      { status: 'held', on: workday(-45), at: '14:00', modality: 'office', notes: `Point sur son projet d'aide-soignante. ${FICTION}` },
      {
        status: 'held',
        on: workday(-16),
        at: '14:00',
        modality: 'phone',
        notes: `Admise en formation ; se sent prête à continuer seule. ${FICTION}`,
      },
    ]),
  )
  await move(worker, lotte, 'request_closure', {
    outcome: 'goals_reached',
    reason: `A repris une formation d'aide-soignante et ne souhaite plus de suivi régulier ; elle sait qu'elle peut revenir. ${FICTION}`,
  })

  // A closed case: the probation period is over.
  const kevin = await open(worker, {
    kind: 'concerned',
    personId: await demoPerson(worker, 'Kevin Janssens'),
    teamId: team,
    summary: `Sursis probatoire ; condition de suivi par un service spécialisé. ${FICTION}`,
    framework: {
      framework: 'judicial',
      measure: 'probation_condition',
      authorityKind: 'justice_house',
      authority: 'Maison de justice de Bruxelles (fictive)',
      mandateStart: months(-26),
      mandateEnd: day(-12),
      reportEveryMonths: 6,
    },
  })
  await onCase(worker, kevin, 'sessions', (trx, acc) =>
    sessions(worker, trx, acc, [
      {
        status: 'held',
        on: workday(-40),
        at: '16:00',
        modality: 'office',
        attendance: 'present',
        notes: `Bilan de fin de mesure. ${FICTION}`,
      },
    ]),
  )
  await move(worker, kevin, 'request_closure', {
    outcome: 'mandate_ended',
    reason: `Fin du sursis probatoire, conditions respectées. Il garde le contact avec son club de kickboxing. ${FICTION}`,
  })
  await move(lead, kevin, 'approve_closure', { reason: `Clôture validée en réunion d'équipe. ${FICTION}` })

  // Waiting for a worker: the lead's dashboard shows it to assign.
  await open(intake, {
    kind: 'concerned',
    personId: await demoPerson(intake, 'Yasmina El Amrani'),
    teamId: team,
    summary: `Signalée par le service d'aide à la jeunesse : rupture avec sa famille, contacts en ligne avec une recruteuse présumée. Mineure ; représentante légale : sa tante. ${FICTION}`,
  })

  // The other worker, in the other team: her own cases, and one emergency access to a case of the lead's team.
  const ines = await open(colleague, {
    kind: 'concerned',
    personId: await demoPerson(colleague, 'Inès Haddad'),
    teamId: colleagueUser.team_id,
    summary: `Libération conditionnelle depuis trois mois ; cherche un emploi. ${FICTION}`,
    framework: {
      framework: 'judicial',
      measure: 'conditional_release',
      authorityKind: 'justice_house',
      authority: 'Maison de justice de Liège — assistant de justice : M. Didier Collard (fictif)',
      mandateStart: day(-95),
      mandateEnd: months(21),
      reportEveryMonths: 6,
    },
  })
  await onCase(colleague, ines, 'sessions_tasks', async (trx, acc) => {
    await sessions(colleague, trx, acc, [
      {
        status: 'held',
        on: workday(-12),
        at: '10:00',
        modality: 'office',
        attendance: 'present',
        notes: `Recherche d'emploi, CV à revoir. ${FICTION}`,
      },
      { status: 'planned', on: today, at: '10:00', modality: 'office', place: 'Antenne de Liège' },
    ])
    await createTask(colleague, trx, acc, TaskInput.parse({ title: "Inscrire Inès à l'atelier CV du Forem", dueDate: day(4) }))
  })
  const thomas = await open(colleague, {
    kind: 'concerned',
    personId: await demoPerson(colleague, 'Thomas Schmitz'),
    teamId: colleagueUser.team_id,
    summary: `Signalé par son école à Eupen ; entretiens en allemand. ${FICTION}`,
  })
  await onCase(colleague, thomas, 'sessions', (trx, acc) =>
    sessions(colleague, trx, acc, [{ status: 'planned', on: workday(3), at: '14:00', modality: 'office', place: 'Eupen' }]),
  )
  await colleague.write('accompaniment.break_glass', async (trx, audit) => {
    const grant = await breakGlass(
      colleague,
      trx,
      mohammed,
      `Permanence du soir : sa mère appelle, très inquiète, en l'absence de son intervenant ; je vérifie le prochain rendez-vous. ${FICTION}`,
    )
    audit.subject('accompaniment', mohammed).person(grant.personId).detail({ grantId: grant.id, expiresAt: grant.expiresAt })
  })
}
