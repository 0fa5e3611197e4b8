import crypto from 'node:crypto'
import { ContactInput } from '../../common/contracts/contacts.contracts'
import { ContactRequestInput } from '../../common/contracts/contact-requests.contracts'
import type { RequestContext, Services } from '../http/context'
import { insertInformationGiven, openContact } from '../security/contact-access'
import { createContact, finaliseContact } from '../modules/contacts/contacts.commands'
import { triageContact } from '../modules/contacts/contact-triage'
import { saveRotaSlot } from '../modules/duty/duty.commands'
import { addDays, brussels } from '../modules/duty/duty.time'
import { recordOnContact } from '../modules/exceptions/exceptions.commands'
import { receiveRequest } from '../modules/public-info/contact-requests.commands'
import { formTokenKey, issueFormToken } from '../modules/public-info/public-form.token'

/**
 * The rest of the demo week at the line, written by this project (every name and number is
 * invented): the mother's first call answered by a call-back, sheets given on two calls, an
 * emergency whose triage found immediate danger (not yet acknowledged, so it tops the queue) with
 * the confidentiality exception recorded on it (pending the lead's validation), a request from the
 * public form waiting in the intake inbox, and the rota of the coming days.
 */
export type DemoWeek = {
  ctx: { intake: RequestContext; lead: RequestContext }
  ids: string[]
  dayAt: (back: number, time: string) => string
}

/** Intake mornings and the lead afternoons, today and the next four days. */
async function seedRota(services: Services, ctx: DemoWeek['ctx'], now: Date) {
  if (await services.db.selectFrom('duty_rota').select('id').limit(1).executeTakeFirst()) return
  const today = brussels(now).date
  await ctx.lead.write('duty.rota_updated', async (trx, audit) => {
    audit.detail({ seeded: true })
    for (let d = 0; d < 5; d++) {
      const date = addDays(today, d)
      await saveRotaSlot(trx, { date, half: 'am' }, 0, { userId: ctx.intake.user.userId }, ctx.lead.user.userId, ctx.lead.now())
      await saveRotaSlot(trx, { date, half: 'pm' }, 0, { userId: ctx.lead.user.userId }, ctx.lead.user.userId, ctx.lead.now())
    }
  })
}

/** An outgoing call answering the mother's first call: finalising it marks that call called back. */
async function answerCallBack(week: DemoWeek) {
  const { intake } = week.ctx
  const input = ContactInput.parse({
    channel: 'phone',
    direction: 'outgoing',
    occurredAt: week.dayAt(4, '17:20'),
    durationMinutes: 25,
    callerKind: 'relative',
    caller: { name: 'Samira El Amrani', phone: '0478 55 21 09', email: null, reach: 'Après 17 h, sur le portable' },
    themes: ['worry_relative'],
    orientation: 'information_only',
    summary: 'Rappel comme convenu. Mme El Amrani a pu parler avec Ilyas dimanche ; conseils pour garder le lien sans l’accuser.',
    urgency: 'week',
    answersContactId: week.ids[0],
  })
  const id = await intake.write('contact.created', async (trx, audit) => {
    const made = await createContact(intake, trx, input)
    audit.subject('contact', made)
    return made
  })
  await intake.write('contact.finalised', async (trx, audit) => {
    audit.subject('contact', id).detail({ answersContactId: week.ids[0] })
    await finaliseContact(intake, trx, await openContact(trx, intake.user, id, 'change'), 1)
  })
}

/** The sheets given: the teachers' sheet by e-mail to the teacher, the parents' sheet read to the mother. */
async function informationGiven(services: Services, week: DemoWeek) {
  const given = [
    { contact: week.ids[1], code: 'pour-les-enseignants', how: 'email' as const },
    { contact: week.ids[2], code: 'pour-les-parents', how: 'read_aloud' as const },
  ]
  const { intake } = week.ctx
  for (const g of given) {
    const version = await services.db
      .selectFrom('sheet_versions')
      .innerJoin('sheets', 'sheets.id', 'sheet_versions.sheet_id')
      .select(['sheet_versions.id', 'sheet_versions.sheet_id'])
      .where('sheets.code', '=', g.code)
      .where('sheet_versions.language', '=', 'fr')
      .where('sheet_versions.status', '=', 'published')
      .orderBy('sheet_versions.version', 'desc')
      .executeTakeFirst()
    if (!version || !g.contact) continue
    await intake.write('seed.demo', async (trx, audit) => {
      const contact = await openContact(trx, intake.user, g.contact as string, 'change')
      audit.subject('contact', contact.id).detail({ informationGiven: g.code })
      await insertInformationGiven(trx, contact, {
        id: crypto.randomUUID(),
        sheet_id: version.sheet_id,
        sheet_version_id: version.id,
        language: 'fr',
        how: g.how,
        recorded_by: intake.user.userId,
        recorded_at: contact.occurred_at,
      })
    })
  }
}

/** A youth worker's call: the triage finds immediate danger; the disclosure to the police is recorded, pending validation. */
async function emergency(services: Services, week: DemoWeek) {
  const { intake } = week.ctx
  const input = ContactInput.parse({
    channel: 'phone',
    occurredAt: week.dayAt(0, '09:10'),
    durationMinutes: 30,
    callerKind: 'professional',
    callerSector: 'youth_service',
    caller: { name: 'Thomas Lemaire', phone: '0485 30 71 12', email: null, reach: 'Sur le portable, toute la journée' },
    personDescription: 'Un jeune de 19 ans suivi par l’AMO, qui a montré un couteau de chasse à un animateur.',
    themes: ['threat'],
    summary:
      'Éducateur de rue. Le jeune dit vouloir « régler ça samedi » devant le centre culturel et a montré une arme. Chemin d’urgence suivi, police locale prévenue.',
    urgency: '48h',
  })
  const id = await intake.write('contact.created', async (trx, audit) => {
    const made = await createContact(intake, trx, input)
    audit.subject('contact', made)
    return made
  })
  const danger = { urgency: { worker: 'immediate' }, violence_intent: { worker: 'high' }, access_means: { worker: 'high' } }
  await intake.write('contact.triaged', async (trx, audit) => {
    audit.subject('contact', id)
    const triaged = await triageContact(intake, trx, await openContact(trx, intake.user, id, 'change'), 1, danger)
    await finaliseContact(intake, trx, triaged.contact, triaged.contact.version)
  })
  const basis = await services.db.selectFrom('legal_bases').select('id').where('active', '=', 1).orderBy('code').executeTakeFirst()
  if (!basis) return
  await intake.write('exception.recorded', async (trx, audit) => {
    const contact = await openContact(trx, intake.user, id, 'change')
    const exceptionId = await recordOnContact(intake, trx, contact, {
      situation: 'Menace explicite avec une arme contre des jeunes du quartier, pour samedi ; danger pour la vie d’autrui.',
      legalBasisId: basis.id,
      recipientKind: 'police',
      recipientName: 'Police locale, officier de permanence (exemple)',
      disclosed: 'Le prénom du jeune, le lieu et le jour annoncés, la nature de l’arme.',
      disclosedAt: week.dayAt(0, '09:45'),
    })
    audit.subject('confidentiality_exception', exceptionId).detail({ contactId: id, seeded: true })
  })
}

/** A request from the public form, as it arrives through /info: it waits in the intake inbox. */
async function webRequest(services: Services, ctx: RequestContext) {
  if (await services.db.selectFrom('contact_requests').select('id').limit(1).executeTakeFirst()) return
  const now = Date.now()
  const token = issueFormToken(formTokenKey(services.auditKey), now - 10 * 60_000)
  const input = ContactRequestInput.parse({
    token,
    callerKind: 'relative',
    name: 'Sophie Claes',
    reachBy: 'phone',
    phone: '0496 41 18 27',
    preferredTimes: ['afternoon'],
    message:
      'Ma fille de 15 ans échange avec un homme rencontré sur un jeu en ligne qui lui parle de religion et lui demande de ne rien dire. Je ne sais pas si je dois m’inquiéter.',
  })
  await receiveRequest(ctx, input, '127.0.0.1', now)
}

export async function seedContactPoint(services: Services, week: DemoWeek, now: Date): Promise<void> {
  await seedRota(services, week.ctx, now)
  await answerCallBack(week)
  await informationGiven(services, week)
  await emergency(services, week)
  await webRequest(services, week.ctx.intake)
}
