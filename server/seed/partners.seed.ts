import fs from 'node:fs'
import type { Services } from '../http/context'
import { FIXTURE_FILE } from '../modules/partners/fixtures/make-fixture'
import { applyHsdsImport } from '../modules/partners/partners.hsds-apply'
import { readHsds } from '../modules/partners/partners.hsds-import'
import { DEMO_DOMAIN } from './demo.data'
import { systemContext } from './system-context'
import { serviceToday } from '../time/service-day'

const DAY = 86_400_000

/** The demo partner user's organisation: mental health in Liège, Arabic spoken (issue 11's journey). */
export const DEMO_PARTNER_ORGANISATION = 'Centre de santé mentale Les Tilleuls'
export const DEMO_PARTNER_EMAIL = `partenaire@${DEMO_DOMAIN}`

/**
 * Charter renewals, in days from the day the demo is created, so that the lead's My day always
 * has something to show: three due within 30 days, one overdue; the other signed charters are
 * renewed later in the year. The fixture's fixed dates would drift into the past.
 */
export const DEMO_CHARTER_RENEWALS: Record<string, number> = {
  'Maison des jeunes Le Tremplin': 9,
  'Espace Dialogue Convictions': 21,
  'Formations Horizon Herstal': 28,
  'Centre de santé mentale Les Tilleuls': -12,
}

/** The service's date (Brussels) at an instant: what My day and the register call that day. */
const dayOf = (ms: number) => serviceToday(new Date(ms))

/**
 * The demo's partner network: the thirty fictitious organisations of the HSDS fixture
 * (server/modules/partners/fixtures/), imported through the import's own code (read, checked,
 * written in one audited transaction, as `POST /api/partners/hsds` does), with charter dates
 * set relative to today; and the demo partner user attached to one organisation.
 */
export async function seedPartners(services: Services): Promise<void> {
  const ctx = await systemContext(services, null, 'seed-demo')
  const needs = await services.db.selectFrom('need_categories').select('code').execute()
  const { inputs, errors } = readHsds(JSON.parse(fs.readFileSync(FIXTURE_FILE, 'utf8')), new Set(needs.map((n) => n.code)))
  if (errors.length) throw new Error(`the partner fixture does not import: ${errors.map((e) => e.field).join(', ')}`)
  const nowMs = Date.now()
  inputs.forEach(({ input }, n) => {
    if (!input.charterSignedOn) return
    const inDays = DEMO_CHARTER_RENEWALS[input.name] ?? 120 + 15 * n
    input.charterRenewOn = dayOf(nowMs + inDays * DAY)
    input.charterSignedOn = dayOf(nowMs + (inDays - 730) * DAY)
  })
  const partner = inputs.find(({ input }) => input.name === DEMO_PARTNER_ORGANISATION)?.input.id
  if (!partner) throw new Error(`the partner fixture has no ${DEMO_PARTNER_ORGANISATION}`)
  await ctx.write('partner.imported', async (trx, audit) => {
    const result = await applyHsdsImport(trx, inputs, ctx.now())
    await trx.updateTable('users').set({ organisation_id: partner }).where('email', '=', DEMO_PARTNER_EMAIL).execute()
    audit.subject('partner_directory', 'hsds').detail(result)
  })
}
