import { ReportInput, ReportList, ReportParams, ReportView } from '../../../common/contracts/reports.contracts'
import { IdParams } from '../../../common/contracts/shared.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { defineCaseRoute } from '../../http/case-route'
import { fail } from '../../http/errors'
import { type OpenedCase, rowsOf } from '../../security/case-access'
import { recordReport, reportPdf } from './reports.commands'

async function listReports(ctx: RequestContext, trx: Trx, acc: OpenedCase, reportId?: string) {
  let q = rowsOf(trx, acc, 'judicial_reports')
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
  if (reportId) q = q.where('judicial_reports.id', '=', reportId)
  const rows = await q.orderBy('judicial_reports.sent_at', 'desc').execute()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  return rows.map((r) => {
    const plain = ctx.codec.openRow('judicial_reports', key, r.id, r)
    return {
      id: r.id,
      accompanimentId: r.accompaniment_id,
      recipient: plain.recipient,
      sentAt: r.sent_at,
      language: r.language,
      createdBy: r.display_name,
      content: plain.content,
    }
  })
}

export const reportRoutes = [
  defineCaseRoute({
    method: 'POST',
    path: '/api/accompaniments/:id/reports',
    summary: 'Make and record a report to the mandating authority (judicial cases): attendance and engagement only',
    tags: ['reports'],
    params: IdParams,
    body: ReportInput,
    response: ReportView,
    status: 201,
    allow: 'report.write',
    access: 'change',
    action: 'report.sent',
    async handler({ acc, trx, audit, body, ctx }) {
      const id = await recordReport(ctx, trx, acc, body)
      audit.subject('judicial_report', id).detail({ accompanimentId: acc.id, periodFrom: body.periodFrom, periodTo: body.periodTo })
      const [view] = await listReports(ctx, trx, acc, id)
      if (!view) throw fail('resource.not_found')
      return view
    },
  }),
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/reports',
    summary: 'Reports sent for a case: what, to whom, when (also the printable view)',
    tags: ['reports'],
    params: IdParams,
    response: ReportList,
    allow: 'accompaniment.read',
    access: 'read',
    action: 'report.listed',
    async handler({ acc, trx, ctx }) {
      return { items: await listReports(ctx, trx, acc) }
    },
  }),
  defineCaseRoute({
    method: 'GET',
    path: '/api/accompaniments/:id/reports/:reportId/pdf',
    summary: 'A sent report as PDF, exactly as recorded',
    tags: ['reports'],
    params: ReportParams,
    allow: 'accompaniment.read',
    access: 'read',
    action: 'report.downloaded',
    async handler({ acc, trx, audit, params, ctx, reply }) {
      const [report] = await listReports(ctx, trx, acc, params.reportId)
      if (!report) throw fail('resource.not_found')
      audit.subject('judicial_report', report.id)
      const pdf = await reportPdf(report.content, report.recipient, report.sentAt, report.language)
      reply.header('Content-Type', 'application/pdf')
      reply.header('Content-Disposition', `attachment; filename="rapport-${report.content.caseCode}.pdf"`)
      return pdf
    },
  }),
]
