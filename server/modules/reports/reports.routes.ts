import { ReportContent, ReportInput, ReportList, ReportParams, ReportView } from '../../../common/contracts/reports.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { Language } from '../../../common/roles'
import type { RequestContext, Trx } from '../../http/context'
import { defineRoute } from '../../http/define-route'
import { fail } from '../../http/errors'
import { findVisibleAccompaniment } from '../accompaniments/accompaniments.queries'
import { recordReport, reportPdf } from './reports.commands'

async function listReports(ctx: RequestContext, trx: Trx, acc: { id: string; person_id: string }, reportId?: string) {
  let q = trx
    .selectFrom('judicial_reports')
    .innerJoin('users', 'users.id', 'judicial_reports.created_by')
    .select([
      'judicial_reports.id',
      'judicial_reports.accompaniment_id',
      'judicial_reports.content_sealed',
      'judicial_reports.recipient_sealed',
      'judicial_reports.sent_at',
      'judicial_reports.language',
      'users.display_name',
    ])
    .where('judicial_reports.accompaniment_id', '=', acc.id)
  if (reportId) q = q.where('judicial_reports.id', '=', reportId)
  const rows = await q.orderBy('judicial_reports.sent_at', 'desc').execute()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  return rows.map((r) => {
    const plain = ctx.codec.openRow('judicial_reports', key, r.id, r)
    return {
      id: r.id,
      accompanimentId: r.accompaniment_id,
      recipient: String(plain.recipient),
      sentAt: r.sent_at,
      language: r.language as Language,
      createdBy: r.display_name,
      content: ReportContent.parse(plain.content),
    }
  })
}

export const reportRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/reports',
    summary: 'Make and record a report to the mandating authority (judicial cases): attendance and engagement only',
    tags: ['reports'],
    params: IdParams,
    body: ReportInput,
    response: ReportView,
    status: 201,
    allow: 'report.write',
    async handler({ params, body, ctx }) {
      return ctx.write('report.sent', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const id = await recordReport(ctx, trx, acc, body)
        audit
          .subject('judicial_report', id)
          .person(acc.person_id)
          .detail({ accompanimentId: acc.id, periodFrom: body.periodFrom, periodTo: body.periodTo })
        return (await listReports(ctx, trx, acc, id))[0] as NonNullable<Awaited<ReturnType<typeof listReports>>[number]>
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/reports',
    summary: 'Reports sent for a case: what, to whom, when',
    tags: ['reports'],
    params: IdParams,
    response: ReportList,
    allow: 'accompaniment.read',
    async handler({ params, ctx }) {
      return ctx.read('report.listed', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        audit.subject('accompaniment', acc.id).person(acc.person_id)
        return { items: await listReports(ctx, trx, acc) }
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/reports/:reportId/pdf',
    summary: 'A sent report as PDF, exactly as recorded',
    tags: ['reports'],
    params: ReportParams,
    allow: 'accompaniment.read',
    async handler({ params, ctx, reply }) {
      const pdf = await ctx.read('report.downloaded', async (trx, audit) => {
        const acc = await findVisibleAccompaniment(trx, ctx.user, params.id)
        const [report] = await listReports(ctx, trx, acc, params.reportId)
        if (!report) throw fail('resource.not_found')
        audit.subject('judicial_report', report.id).person(acc.person_id)
        return { bytes: reportPdf(report.content, report.recipient, report.sentAt, report.language), code: report.content.caseCode }
      })
      reply.header('Content-Type', 'application/pdf')
      reply.header('Content-Disposition', `attachment; filename="rapport-${pdf.code}.pdf"`)
      return reply.send(pdf.bytes)
    },
  }),
]
