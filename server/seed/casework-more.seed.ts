import { TaskInput } from '../../common/contracts/tasks.contracts'
import { breakGlass } from '../modules/accompaniments/accompaniments.commands'
import { createTask } from '../modules/tasks/tasks.commands'
import { type Cast, demoPerson, FICTION, move, onCase, open, sessions } from './casework.steps'

/**
 * The rest of a team's caseload (voluntary, suspended, closing, closed, waiting for a worker) and
 * the other worker's cases, with one emergency access to the son's case.
 */
export async function seedOtherCases(cast: Cast, stories: { mohammed: string }): Promise<void> {
  const { mohammed } = stories
  const { intake, worker, colleague, lead, team, colleagueTeam } = cast
  const { today, day, workday, months } = cast.cal
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
    teamId: colleagueTeam,
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
    teamId: colleagueTeam,
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
