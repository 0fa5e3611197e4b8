import {
  OwnOrganisationUpdate,
  OwnOrganisationView,
  type OwnOrganisationUpdate as Update,
} from '../../../common/contracts/partner-activity.contracts'
import type { FieldError } from '../../../common/contracts/problem.contracts'
import type { PartnerOrganisationInput, PartnerOrganisationView } from '../../../common/contracts/partners.contracts'
import type { Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { AppError, fail } from '../../http/errors'
import { expectedVersion, sendVersion } from '../../http/versioning'
import { organisationOf } from '../referrals/partner-portal.queries'
import { updateOrganisation } from './partners.commands'
import { loadOrganisations } from './partners.queries'

async function current(trx: Trx, id: string): Promise<PartnerOrganisationView> {
  const [view] = await loadOrganisations(trx, { ids: [id] })
  if (!view) throw fail('resource.not_found')
  return view
}

function ownView(o: PartnerOrganisationView): OwnOrganisationView {
  return {
    id: o.id,
    name: o.name,
    description: o.description,
    charterSignedOn: o.charterSignedOn,
    charterRenewOn: o.charterRenewOn,
    services: o.services.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description,
      eligibility: s.eligibility,
      capacity: s.capacity,
      waitDays: s.waitDays,
    })),
    version: o.version,
  }
}

/**
 * The organisation as stored, with the partner's changes laid over it: everything the partner may
 * not change (name, charter, coverage, needs, contacts, services' names) is copied from what is
 * stored, so the write goes through the directory's one path (search index included). A service
 * id not of this organisation, or named twice, is refused by name.
 */
function merged(o: PartnerOrganisationView, update: Update): PartnerOrganisationInput {
  const changes = new Map(update.services.map((s) => [s.id, s]))
  const own = new Set(o.services.map((s) => s.id))
  const errors: FieldError[] = []
  const seen = new Set<string>()
  update.services.forEach((s, i) => {
    if (!own.has(s.id)) errors.push({ field: `services.${i}.id`, code: 'unknown', message: 'Not a service of your organisation' })
    else if (seen.has(s.id)) errors.push({ field: `services.${i}.id`, code: 'duplicate', message: 'Listed twice' })
    seen.add(s.id)
  })
  if (errors.length) throw new AppError('validation.failed', errors)
  const { contacts, services, createdAt: _c, updatedAt: _u, version: _v, ...fields } = o
  return {
    ...fields,
    description: update.description,
    contacts: contacts.map((c) => ({ ...c })),
    services: services.map(({ updatedAt: _su, version: _sv, coverage, ...s }) => ({
      ...s,
      coverage: coverage.map(({ level, code }) => ({ level, code })),
      ...(changes.has(s.id) ? { ...changes.get(s.id) } : {}),
    })),
  }
}

/** A partner's staff keep their own organisation's description, services and capacity (issue 11); not its charter. */
export const partnersOwnRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/partner/organisation/profile',
    summary: 'What the caller’s staff may change of their own organisation, with its version for If-Match',
    tags: ['partner portal'],
    response: OwnOrganisationView,
    allow: 'referral.partner',
    async handler({ ctx, reply }) {
      const view = await ctx.read('partner_organisation.viewed', async (trx, audit) => {
        const id = await organisationOf(trx, ctx)
        audit.subject('partner_organisation', id)
        return ownView(await current(trx, id))
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/partner/organisation/profile',
    summary:
      'Change the description, and services’ description, eligibility, capacity and waiting time, of one’s own organisation (If-Match)',
    tags: ['partner portal'],
    body: OwnOrganisationUpdate,
    response: OwnOrganisationView,
    allow: 'referral.partner',
    async handler({ ctx, body, request, reply }) {
      const expected = expectedVersion(request)
      const view = await ctx.write('partner.self_updated', async (trx, audit) => {
        const id = await organisationOf(trx, ctx)
        audit.subject('partner_organisation', id).detail({ services: body.services.length })
        const stored = await current(trx, id)
        if (stored.version !== expected) throw fail('version.mismatch')
        await updateOrganisation(trx, id, expected, merged(stored, body), ctx.now())
        return ownView(await current(trx, id))
      })
      sendVersion(reply, view.version)
      return view
    },
  }),
]
