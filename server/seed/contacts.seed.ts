import { ContactInput } from '../../common/contracts/contacts.contracts'
import type { RequestContext, Services } from '../http/context'
import { openContact } from '../security/contact-access'
import { createContact, finaliseContact, setCallback } from '../modules/contacts/contacts.commands'
import { seedContactPoint } from './contact-point.seed'
import { DEMO_DOMAIN } from './demo.data'
import { systemContext } from './system-context'
import { addDays } from '../modules/tasks/reminders.queries'
import { serviceToday, serviceWallTime } from '../time/service-day'

type Step = { input: Record<string, unknown>; final?: boolean; callbackInDays?: number }

/** A working day `back` days before the service's today (weekends skipped), at the given Brussels time. */
function dayAt(now: Date, back: number, time: string): string {
  let date = serviceToday(now)
  let left = back
  while (left > 0) {
    date = addDays(date, -1)
    const dow = new Date(`${date}T12:00:00Z`).getUTCDay()
    if (dow !== 0 && dow !== 6) left--
  }
  return serviceWallTime(date, time)
}

/** A week at the line, written by this project: every name, number and address is invented. */
function week(now: Date): { by: 'intake' | 'lead'; step: Step }[] {
  const mother = { name: 'Samira El Amrani', phone: '0478 55 21 09', email: null, reach: 'Après 17 h, sur le portable' }
  return [
    {
      by: 'intake',
      step: {
        input: {
          channel: 'phone',
          occurredAt: dayAt(now, 5, '08:20'),
          durationMinutes: 35,
          callerKind: 'relative',
          caller: mother,
          personDescription: 'Son fils Ilyas, 16 ans, passe ses nuits sur des vidéos d’un prêcheur en ligne et ne voit plus ses amis.',
          themes: ['worry_relative', 'online_exposure'],
          summary:
            'Mère très inquiète. Ilyas a changé depuis l’été : il refuse la musique, reproche à sa sœur sa tenue. Expliqué le service, proposé un rappel.',
          urgency: 'week',
        },
        final: true,
        callbackInDays: 2,
      },
    },
    {
      by: 'intake',
      step: {
        input: {
          channel: 'phone',
          occurredAt: dayAt(now, 4, '09:40'),
          durationMinutes: 20,
          callerKind: 'professional',
          callerSector: 'school',
          caller: { name: 'Marc Verhoeven', phone: null, email: 'm.verhoeven@athenee-exemple.be', reach: 'Pendant les récréations' },
          personDescription: 'Un élève de 5e secondaire, propos hostiles en classe depuis deux semaines.',
          themes: ['school_situation', 'information_request'],
          summary: 'Professeur de morale. Conseils donnés pour ouvrir le dialogue ; fiche « pour les enseignants » à envoyer.',
          orientation: 'information_only',
          urgency: 'none',
        },
        final: true,
      },
    },
    {
      by: 'intake',
      step: {
        input: {
          channel: 'phone',
          occurredAt: dayAt(now, 3, '13:05'),
          durationMinutes: 15,
          callerKind: 'relative',
          caller: { ...mother, phone: '+32 478 55 21 09' },
          personDescription: 'Ilyas, son fils.',
          themes: ['worry_relative'],
          summary: 'Deuxième appel : Ilyas n’est pas allé à l’école depuis lundi et parle de partir « là-bas ». Rendez-vous proposé.',
          urgency: '48h',
        },
        final: true,
      },
    },
    {
      by: 'lead',
      step: {
        input: {
          channel: 'email',
          occurredAt: dayAt(now, 2, '10:15'),
          callerKind: 'professional',
          callerSector: 'youth_service',
          caller: { name: 'Lies Janssens', phone: null, email: 'lies.janssens@jeugdhuis-voorbeeld.be', reach: null },
          themes: ['training_request'],
          summary: 'Demande de formation pour l’équipe d’une maison de jeunes (8 animateurs).',
          orientation: 'referred',
          referredTo: 'Cellule formation du réseau de prévention',
          urgency: 'none',
        },
        final: true,
      },
    },
    {
      by: 'intake',
      step: {
        input: {
          channel: 'walk_in',
          occurredAt: dayAt(now, 1, '14:30'),
          durationMinutes: 45,
          callerKind: 'person_concerned',
          caller: { name: 'Yassine', phone: null, email: null, reach: 'Repassera jeudi' },
          themes: ['detention'],
          summary: 'Sorti de prison il y a un mois, cherche de l’aide pour s’éloigner de ses anciens contacts. Souhaite un accompagnement.',
          urgency: 'week',
        },
        final: true,
      },
    },
    {
      by: 'intake',
      step: {
        input: {
          channel: 'letter',
          occurredAt: dayAt(now, 1, '09:00'),
          callerKind: 'professional',
          callerSector: 'prison_justice',
          caller: { name: 'Greffe de la prison (exemple)', phone: null, email: null, reach: null },
          themes: ['detention', 'information_request'],
          summary: 'Demande de documentation sur le service pour les détenus en fin de peine.',
          orientation: 'information_only',
        },
        final: true,
      },
    },
    {
      by: 'intake',
      step: {
        input: {
          channel: 'phone',
          occurredAt: dayAt(now, 0, '08:05'),
          durationMinutes: 10,
          callerKind: 'anonymous',
          themes: ['worry_relative'],
          summary: 'Appel en cours : une voisine inquiète pour un jeune de son immeuble.',
        },
      },
    },
  ]
}

async function logContact(ctx: RequestContext, step: Step, now: Date): Promise<string> {
  const input = ContactInput.parse(step.input)
  const id = await ctx.write('contact.created', async (trx, audit) => {
    const made = await createContact(ctx, trx, input)
    audit.subject('contact', made)
    return made
  })
  if (!step.final) return id
  await ctx.write('contact.finalised', async (trx, audit) => {
    audit.subject('contact', id)
    const done = await finaliseContact(ctx, trx, await openContact(trx, ctx.user, id, 'change'), 1)
    if (step.callbackInDays === undefined) return
    const due = addDays(serviceToday(now), step.callbackInDays)
    await setCallback(ctx, trx, done, done.version, { dueDate: due, assigneeId: null })
  })
  return id
}

/**
 * A believable week of the demo line: a worried mother who calls twice from the same number
 * (written differently), a teacher, an e-mail from a youth service, a walk-in, a letter, and a
 * call still being logged; then the rest of the week (contact-point.seed.ts). Told through the contacts commands under intake's and the lead's
 * accounts. Does nothing when the line already has contacts.
 */
export async function seedContacts(services: Services, now = new Date()): Promise<void> {
  if (await services.db.selectFrom('contacts').select('id').limit(1).executeTakeFirst()) return
  const users = await services.db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', 'in', [`accueil@${DEMO_DOMAIN}`, `responsable@${DEMO_DOMAIN}`])
    .execute()
  const intake = users.find((u) => u.email.startsWith('accueil@'))
  const lead = users.find((u) => u.email.startsWith('responsable@'))
  if (!intake || !lead) return
  const ctx = { intake: await systemContext(services, intake.id, 'seed-demo'), lead: await systemContext(services, lead.id, 'seed-demo') }
  const ids: string[] = []
  for (const { by, step } of week(now)) ids.push(await logContact(ctx[by], step, now))
  await seedContactPoint(services, { ctx, ids, dayAt: (back, time) => dayAt(now, back, time) }, now)
}
