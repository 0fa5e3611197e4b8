import { ActivityReport, ActivityReportQuery } from '../../../common/contracts/activity-report.contracts'
import { defineRoute } from '../../http/define-route'
import { activityCsv, activityPdf } from './activity-report.document'
import { activityReport } from './activity-report.queries'

const fileName = (report: ActivityReport, ext: string) => `rapport-activite-${report.year}.${ext}`

/**
 * Issue 14: the yearly activity report of a team, for its lead and the DPO: counts only, each
 * about persons through the small-cell rule; the audit entry names no person, only the team and year.
 */
export const activityReportRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/activity-report',
    summary: "A team's year: accompaniments, contacts, referrals by partner category, sessions, training given; small counts suppressed",
    tags: ['activity-report'],
    query: ActivityReportQuery,
    response: ActivityReport,
    allow: 'activity_report.read',
    async handler({ query, ctx }) {
      return ctx.read('activity_report.viewed', async (trx, audit) => {
        audit.detail({ teamId: query.teamId, year: query.year })
        return activityReport(trx, ctx.user, query, ctx.now())
      })
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/activity-report/pdf',
    summary: 'The yearly activity report as a PDF in the language asked for',
    tags: ['activity-report'],
    query: ActivityReportQuery,
    allow: 'activity_report.read',
    async handler({ query, ctx, reply }) {
      const report = await ctx.read('activity_report.downloaded', async (trx, audit) => {
        audit.detail({ teamId: query.teamId, year: query.year, format: 'pdf' })
        return activityReport(trx, ctx.user, query, ctx.now())
      })
      const pdf = await activityPdf(report)
      reply.header('Content-Type', 'application/pdf')
      reply.header('Content-Disposition', `attachment; filename="${fileName(report, 'pdf')}"`)
      reply.header('Cache-Control', 'no-store')
      return pdf
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/activity-report/csv',
    summary: 'The yearly activity report as one CSV (UTF-8 with BOM, RFC 4180): a line per cell, naming its table',
    tags: ['activity-report'],
    query: ActivityReportQuery,
    allow: 'activity_report.read',
    async handler({ query, ctx, reply }) {
      const report = await ctx.read('activity_report.downloaded', async (trx, audit) => {
        audit.detail({ teamId: query.teamId, year: query.year, format: 'csv' })
        return activityReport(trx, ctx.user, query, ctx.now())
      })
      const csv = activityCsv(report)
      reply.header('Content-Type', 'text/csv; charset=utf-8')
      reply.header('Content-Disposition', `attachment; filename="${fileName(report, 'csv')}"`)
      reply.header('Cache-Control', 'no-store')
      return csv
    },
  }),
]
