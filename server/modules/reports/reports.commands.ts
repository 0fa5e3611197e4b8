import crypto from 'node:crypto'
import type { z } from 'zod'
import type { ReportContent, ReportInput } from '../../../common/contracts/reports.contracts'
import type { RequestContext, Trx } from '../../http/context'
import { fail } from '../../http/errors'
import { type ChangeableCase, insertRows, type OpenedCase, rowsOf } from '../../security/case-access'
import { personNames } from '../../security/person-access'
import { type Line, renderPdf } from './pdf'
import { serviceDayBounds, serviceDayStart, serviceToday } from '../../time/service-day'
import { reportDate, reportDay } from './report.dates'
import { REPORT_LABELS } from './report.labels'

type Content = z.infer<typeof ReportContent>

/**
 * What the authority may learn, and nothing else: dates, attendance and an engagement
 * statement. Session notes, places and the desistance work never enter a report.
 */
export async function buildContent(ctx: RequestContext, trx: Trx, acc: OpenedCase, input: z.output<typeof ReportInput>): Promise<Content> {
  const sessions = await rowsOf(trx, acc, 'case_sessions')
    .select(['case_sessions.starts_at', 'case_sessions.status', 'case_sessions.attendance'])
    // The period is made of the service's days (Europe/Brussels), not of UTC days: a session at
    // 00:30 on the 1st in Brussels is 22:30 UTC the day before, and belongs to the 1st.
    .where('case_sessions.starts_at', '>=', serviceDayStart(input.periodFrom))
    .where('case_sessions.starts_at', '<', serviceDayBounds(input.periodTo).to)
    .where('case_sessions.status', '!=', 'planned')
    .orderBy('case_sessions.starts_at')
    .execute()
  const attendance: Record<string, number> = {}
  for (const s of sessions) if (s.attendance) attendance[s.attendance] = (attendance[s.attendance] ?? 0) + 1
  const names = await personNames(ctx, trx, [acc.person_id])
  return {
    caseCode: acc.code,
    personName: names.get(acc.person_id) ?? '',
    measure: acc.measure,
    mandateStart: acc.mandate_start,
    mandateEnd: acc.mandate_end,
    periodFrom: input.periodFrom,
    periodTo: input.periodTo,
    sessions: sessions.map((s) => ({
      date: serviceToday(s.starts_at),
      status: s.status,
      attendance: s.attendance,
    })),
    attendance,
    engagement: input.engagement,
    engagementComment: input.engagementComment,
    worker: ctx.user.displayName,
  }
}

/** Freezes the report's content as sent, sealed with its recipient, dated when it was sent. */
export async function recordReport(
  ctx: RequestContext,
  trx: Trx,
  acc: ChangeableCase,
  input: z.output<typeof ReportInput>,
): Promise<string> {
  if (acc.framework !== 'judicial') throw fail('state.invalid_transition', 'Reports are for judicial cases')
  const content = await buildContent(ctx, trx, acc, input)
  const id = crypto.randomUUID()
  const key = await ctx.codec.personKey(trx, acc.person_id)
  const sealed = ctx.codec.sealRow('judicial_reports', key, id, { content, recipient: input.recipient })
  await insertRows(trx, acc, 'judicial_reports', {
    id,
    period_from: input.periodFrom,
    period_to: input.periodTo,
    language: input.language,
    ...sealed,
    sent_at: input.sentAt ? new Date(input.sentAt).toISOString() : ctx.now(),
    created_by: ctx.user.userId,
    created_at: ctx.now(),
  })
  return id
}

export function reportPdf(content: Content, recipient: string, sentAt: string, language: keyof typeof REPORT_LABELS): Promise<Buffer> {
  const l = REPORT_LABELS[language]
  const byValue: Readonly<Record<string, string | undefined>> = l
  const t = (k: string | null) => (k ? (byValue[k] ?? k) : '—')
  const c = l.colon
  const lines: Line[] = [
    { text: l.title, size: 16, bold: true },
    { text: `${l.person}${c}${content.personName}`, gap: 8 },
    { text: `${l.case}${c}${content.caseCode}` },
    {
      text: `${l.measure}${c}${t(content.measure)} (${l.mandate} ${content.mandateStart ? reportDay(content.mandateStart) : '—'} – ${content.mandateEnd ? reportDay(content.mandateEnd) : '—'})`,
    },
    { text: `${l.period}${c}${l.from} ${reportDate(language, content.periodFrom)} ${l.to} ${reportDate(language, content.periodTo)}` },
    { text: `${l.recipient}${c}${recipient}` },
    // The day it was sent where the service is, not in UTC.
    { text: `${l.sentAt} ${reportDate(language, serviceToday(sentAt))}` },
    { text: l.sessions, size: 13, bold: true, gap: 10 },
    ...(content.sessions.length
      ? content.sessions.map((s) => ({ text: `${reportDay(s.date)}   ${t(s.status)}${s.attendance ? ` — ${t(s.attendance)}` : ''}` }))
      : [{ text: l.none }]),
    { text: l.attendance, size: 13, bold: true, gap: 10 },
    ...Object.entries(content.attendance).map(([k, n]) => ({ text: `${t(k)}${c}${n}` })),
    { text: l.engagement, size: 13, bold: true, gap: 10 },
    { text: t(content.engagement) },
    ...(content.engagementComment ? [{ text: content.engagementComment }] : []),
    { text: `${l.worker}${c}${content.worker}`, gap: 14 },
    { text: l.footer, size: 9, gap: 18 },
  ]
  return renderPdf(`${l.title} — ${content.caseCode}`, lines)
}
