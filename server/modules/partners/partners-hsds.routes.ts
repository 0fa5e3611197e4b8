import { z } from 'zod'
import { HsdsImportResult } from '../../../common/contracts/partners.contracts'
import { HsdsOrganization } from '../../../common/contracts/hsds.contracts'
import { defineRoute } from '../../http/define-route'
import { AppError } from '../../http/errors'
import { applyHsdsImport } from './partners.hsds-apply'
import { toHsds } from './partners.hsds'
import { readHsds } from './partners.hsds-import'
import { loadOrganisations } from './partners.queries'
import { needCategories } from './partners.routes'

/** A regional directory of several thousand organisations fits; a larger body is refused (413) unread. */
export const HSDS_BODY_LIMIT = 16 * 1024 * 1024

/**
 * The directory in Open Referral HSDS 3.0 (docs/adr/0011-hsds-mapping.md): exported by whoever
 * reads it, imported by admins. An import is checked whole before anything is written, and
 * written in one transaction: a file with any error imports nothing.
 */
export const partnerHsdsRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/partners/hsds',
    summary: 'The partner directory as Open Referral HSDS 3.0 JSON (organizations with their services)',
    tags: ['partners'],
    response: z.array(HsdsOrganization),
    allow: 'partner_directory.read',
    async handler({ ctx }) {
      return ctx.unaudited(async (db) => {
        const needs = await needCategories(db)
        return toHsds(await loadOrganisations(db), new Map(needs.map((n) => [n.code, n.labels.en])))
      })
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/partners/hsds',
    summary: 'Import an Open Referral HSDS 3.0 file: organisations with the same ids are updated, others added; all or nothing',
    tags: ['partners'],
    // Validated by the handler, so that each error can name its record (index and id) as well as its field.
    body: z.unknown(),
    response: HsdsImportResult,
    allow: 'partner_directory.import',
    bodyLimit: HSDS_BODY_LIMIT,
    async handler({ body, ctx }) {
      const needs = await ctx.unaudited((db) => needCategories(db))
      const { inputs, errors } = readHsds(body, new Set(needs.map((n) => n.code)))
      if (errors.length) throw new AppError('validation.failed', errors)
      return ctx.write('partner.imported', async (trx, audit) => {
        const result = await applyHsdsImport(trx, inputs, ctx.now())
        audit.subject('partner_directory', 'hsds').detail(result)
        return result
      })
    },
  }),
]
