import { ConsentInput, ReferralInput, type ShareableField } from '../../common/contracts/referrals.contracts'
import type { RequestContext, Services } from '../http/context'
import { recordConsent } from '../modules/referrals/consents.commands'
import { type PartnerStep, partnerStep, partnerFeedback } from '../modules/referrals/partner-portal.commands'
import { createReferral, openReferral, sendReferral, stopReferral, writeFeedback } from '../modules/referrals/referrals.commands'
import { openContact } from '../security/contact-access'
import { FICTION, onCase } from './casework.steps'
import { DEMO_DOMAIN } from './demo.data'
import { DEMO_PARTNER_EMAIL, DEMO_PARTNER_ORGANISATION } from './partners.seed'
import { systemContext } from './system-context'
import { serviceToday } from '../time/service-day'

const DAY = 86_400_000
/** The service's date (Brussels) at an instant: what My day and the register call that day. */
const dayOf = (ms: number) => serviceToday(new Date(ms))

/** One demo referral: where it goes, what it shares, and how far it went. */
type Story = {
  organisation: string
  reason: string
  summary: string
  shared: ShareableField[]
  /** The partner's steps after sending, in order; none: still waiting for an answer. */
  steps: PartnerStep[]
  partnerNote?: string
  serviceNote?: string
  /** 'draft': never sent; 'stop': sent, then stopped by the worker. */
  end?: 'draft' | 'stop'
}

const TILLEULS = DEMO_PARTNER_ORGANISATION
const STORIES: Story[] = [
  {
    organisation: TILLEULS,
    reason: `Soutien psychologique : anxiété depuis la sortie de détention. ${FICTION}`,
    summary: `Jeune homme suivi dans le cadre d'une libération conditionnelle ; demande un suivi en arabe si possible. ${FICTION}`,
    shared: ['summary'],
    steps: [],
  },
  {
    organisation: TILLEULS,
    reason: `Accompagnement psychologique de la mère, épuisée par la situation de son fils. ${FICTION}`,
    summary: `Mère d'un jeune accompagné ; souhaite un espace de parole pour elle-même. ${FICTION}`,
    shared: ['summary', 'contact_details'],
    steps: [{ to: 'accepted' }, { to: 'in_progress' }],
    partnerNote: `Premier rendez-vous fixé ; elle viendra accompagnée de sa sœur. ${FICTION}`,
    serviceNote: `Merci ; elle préfère être appelée le matin. ${FICTION}`,
  },
  {
    organisation: TILLEULS,
    reason: `Groupe de parole pour jeunes adultes. ${FICTION}`,
    summary: `Souhaite rencontrer d'autres jeunes sortis d'un groupe radical. ${FICTION}`,
    shared: ['summary'],
    steps: [{ to: 'accepted' }],
  },
  {
    organisation: TILLEULS,
    reason: `Évaluation des troubles du sommeil. ${FICTION}`,
    summary: `Suivi terminé de notre côté pour ce volet ; la personne est d'accord d'être orientée. ${FICTION}`,
    shared: ['summary'],
    steps: [{ to: 'accepted' }, { to: 'completed', outcome: { need: 'met', person: 'stayed' } }],
    partnerNote: `Six séances ; le sommeil s'est amélioré, il poursuit de lui-même. ${FICTION}`,
  },
  {
    organisation: TILLEULS,
    reason: `Thérapie familiale. ${FICTION}`,
    summary: `Demande de thérapie familiale pour la fratrie. ${FICTION}`,
    shared: ['summary'],
    steps: [
      {
        to: 'declined',
        reasonCode: 'no_capacity',
        reason: `Liste d'attente complète jusqu'en mars ; nous conseillons le service de Verviers. ${FICTION}`,
      },
    ],
  },
  {
    organisation: 'Maison des jeunes Le Tremplin',
    reason: `Activités de quartier pour rebâtir un réseau positif. ${FICTION}`,
    summary: `Intéressé par l'atelier de boxe et l'aide aux devoirs. ${FICTION}`,
    shared: ['summary'],
    steps: [],
    end: 'draft',
  },
  {
    organisation: 'Formations Horizon Herstal',
    reason: `Formation qualifiante en électricité. ${FICTION}`,
    summary: `Projet de formation d'électricien, inscrit ailleurs entre-temps. ${FICTION}`,
    shared: ['summary'],
    steps: [],
    end: 'stop',
  },
]

async function userId(services: Services, email: string): Promise<string> {
  return (await services.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
}

/** The demo worker's cases still under way, oldest first: referrals go from there. */
async function openCases(services: Services, workerId: string): Promise<string[]> {
  const rows = await services.db
    .selectFrom('accompaniments')
    .innerJoin('accompaniment_workers', 'accompaniment_workers.accompaniment_id', 'accompaniments.id')
    .select('accompaniments.id')
    .where('accompaniment_workers.user_id', '=', workerId)
    .where('accompaniments.status', '=', 'active')
    .orderBy('accompaniments.created_at')
    .orderBy('accompaniments.id')
    .execute()
  return rows.map((r) => r.id)
}

async function tell(ctx: RequestContext, step: string, fn: Parameters<RequestContext['write']>[1]) {
  await ctx.write('seed.demo_casework', async (trx, audit) => {
    audit.detail({ step })
    return fn(trx, audit)
  })
}

/**
 * A few referrals in every state from the demo worker's cases, most of them to the demo partner
 * user's organisation, so that the partner portal, the case's Orientation section and the
 * network's activity have something to show. Each goes through the same commands as the API:
 * a recorded consent, the sealed copy taken at sending, the partner's steps and feedback.
 */
export async function seedReferrals(services: Services): Promise<void> {
  const worker = await systemContext(services, await userId(services, `intervenant@${DEMO_DOMAIN}`), 'seed-demo')
  const partner = await systemContext(services, await userId(services, DEMO_PARTNER_EMAIL), 'seed-demo')
  const cases = await openCases(services, worker.user.userId)
  if (cases.length === 0) throw new Error('the demo worker has no case under way to refer from')
  const organisations = await services.db.selectFrom('partner_organisations').select(['id', 'name']).execute()
  const organisationId = (name: string) => {
    const found = organisations.find((o) => o.name === name)
    if (!found) throw new Error(`the demo network has no organisation named ${name}`)
    return found.id
  }
  const today = Date.now()
  for (const [i, story] of STORIES.entries()) {
    const caseId = cases[i % cases.length] as string
    const target = organisationId(story.organisation)
    const referral = await onCase(worker, caseId, 'referral', async (trx, acc) => {
      const holder = { kind: 'case', acc } as const
      const id = await createReferral(
        worker,
        trx,
        holder,
        ReferralInput.parse({ organisationId: target, reason: story.reason, summary: story.summary, shared: story.shared }),
      )
      if (story.end === 'draft') return id
      const consentId = await recordConsent(
        worker,
        trx,
        holder,
        ConsentInput.parse({
          organisationId: target,
          purpose: `Orientation : ${story.reason}`,
          basis: 'consent',
          givenBy: 'person',
          givenOn: dayOf(today - (20 - i) * DAY),
          how: 'oral',
          scope: story.shared,
          expiresOn: dayOf(today + 180 * DAY),
        }),
      )
      const { row } = await openReferral(trx, worker, id, 'change')
      await sendReferral(worker, trx, holder, row, row.version, consentId)
      if (story.end === 'stop') {
        const sent = await openReferral(trx, worker, id, 'manage')
        await stopReferral(worker, trx, sent.holder, sent.row, sent.row.version)
      }
      return id
    })
    for (const step of story.steps) {
      await tell(partner, `referral.${step.to}`, async (trx) => {
        const row = await trx.selectFrom('referrals').select('version').where('id', '=', referral).executeTakeFirstOrThrow()
        await partnerStep(partner, trx, referral, row.version, step)
        // Feedback is written while the partner still holds the copy: before a closing step's shredding.
        if (story.partnerNote && step === story.steps[0]) await partnerFeedback(partner, trx, referral, story.partnerNote)
      })
    }
    if (story.serviceNote) {
      await onCase(worker, caseId, 'referral.feedback', async (trx) => {
        const { row } = await openReferral(trx, worker, referral, 'change')
        await writeFeedback(worker, trx, row, 'service', story.serviceNote as string)
      })
    }
  }
}

/**
 * Orientation straight from the line: the lead refers a relative's call that led to no case to
 * the demo partner, under the caller's oral consent, sharing the summary and when to reach her.
 */
export async function seedContactReferral(services: Services): Promise<void> {
  const lead = await systemContext(services, await userId(services, `responsable@${DEMO_DOMAIN}`), 'seed-demo')
  const contact = await services.db
    .selectFrom('contacts')
    .select('id')
    .where('status', '=', 'final')
    .where('caller_kind', '=', 'relative')
    .where('accompaniment_id', 'is', null)
    .where('caller_sealed', 'is not', null)
    .orderBy('occurred_at')
    .orderBy('id')
    .executeTakeFirst()
  if (!contact) return
  const target = await services.db.selectFrom('partner_organisations').select('id').where('name', '=', TILLEULS).executeTakeFirstOrThrow()
  const shared: ShareableField[] = ['summary', 'identity']
  await tell(lead, 'referral.from_contact', async (trx) => {
    const holder = { kind: 'contact', contact: await openContact(trx, lead.user, contact.id, 'change') } as const
    const id = await createReferral(
      lead,
      trx,
      holder,
      ReferralInput.parse({
        organisationId: target.id,
        reason: 'Soutien à la famille',
        summary: `${FICTION} Une mère s’inquiète pour son fils adolescent et demande un soutien familial près de chez elle.`,
        shared,
      }),
    )
    const consentId = await recordConsent(
      lead,
      trx,
      holder,
      ConsentInput.parse({
        organisationId: target.id,
        purpose: 'Soutien familial',
        basis: 'consent',
        givenBy: 'person',
        givenOn: dayOf(Date.now() - DAY),
        how: 'oral',
        scope: shared,
        expiresOn: dayOf(Date.now() + 90 * DAY),
      }),
    )
    const { row } = await openReferral(trx, lead, id, 'change')
    await sendReferral(lead, trx, holder, row, row.version, consentId)
  })
}
