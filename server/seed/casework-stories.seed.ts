import { CaseRelativeInput } from '../../common/contracts/case-relatives.contracts'
import { PersonInput } from '../../common/contracts/persons.contracts'
import { ReportInput } from '../../common/contracts/reports.contracts'
import { TaskInput } from '../../common/contracts/tasks.contracts'
import { assign } from '../modules/accompaniments/accompaniments.commands'
import { addRelative } from '../modules/case-relatives/case-relatives.commands'
import { storeDocumentBytes } from '../modules/documents/documents.commands'
import { createPerson } from '../modules/persons/persons.commands'
import { recordReport } from '../modules/reports/reports.commands'
import { addMonths } from '../modules/tasks/reminders.queries'
import { createTask, setTaskStatus } from '../modules/tasks/tasks.commands'
import { type Cast, certificate, demoPerson, FICTION, onCase, open, sessions } from './casework.steps'

/**
 * The demo worker's main stories: the judicial case (sessions, a report, a mandate ending), a
 * mother and her son each accompanied, and a teacher's advice case. Returns the son's case, which
 * the other worker later opens in an emergency.
 */
export async function seedWorkerStories(cast: Cast): Promise<{ mohammed: string }> {
  const { intake, worker, lead, team } = cast
  const { today, day, workday, months } = cast.cal
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
    if (worker.services.config.documents.types.includes('pdf'))
      await storeDocumentBytes(worker, trx, acc, {
        filename: 'Attestation de formation (fictive).pdf',
        type: 'pdf',
        bytes: await certificate(workday(-62)),
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
  for (const id of [mohammed, marie]) await onCase(lead, id, 'assigned', (trx, acc) => assign(lead, trx, acc, worker.user.userId, []))
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

  return { mohammed }
}
