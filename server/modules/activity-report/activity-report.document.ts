import type { ActivityReport } from '../../../common/contracts/activity-report.contracts'
import type { PublishedCount } from '../../../common/contracts/indicators.contracts'
import type { Block } from '../reports/pdf'
import { renderPdf } from '../reports/pdf'
import { ACTIVITY_LABELS, type ActivityLabels } from './activity-report.labels'

/** One table of the report, as words and printed figures: what the PDF draws and the CSV lists. */
export type Section = { id: string; title: string; note?: string; head: string[]; rows: string[][]; totalRows: number[] }

const formatNumber = (language: string, n: number) => new Intl.NumberFormat(`${language}-BE`, { maximumFractionDigits: 2 }).format(n)

/** The report's tables in its language, every count as published ("< 10" for a hidden one). */
export function sectionsOf(report: ActivityReport, plain = false): Section[] {
  const l = ACTIVITY_LABELS[report.language]
  // A CSV is read by programs: plain figures there, the language's own on the page.
  const num = (n: number) => (plain ? String(n) : formatNumber(report.language, n))
  const count = (c: PublishedCount | undefined) =>
    c === undefined ? '' : 'count' in c ? num(c.count) : l.below.replace('{t}', num(c.below))
  const word = (prefix: string, key: string) => l[`${prefix}.${key}` as keyof ActivityLabels] ?? key
  const twoWay = (id: string, title: string, t: ActivityReport['accompaniments']['opened']): Section => ({
    id,
    title,
    head: [l.kind, ...t.columns.map((c) => word('framework', c)), l.total],
    rows: [
      ...t.rows.map((r, i) => [word('kind', r), ...t.columns.map((_, j) => count(t.cells[i]?.[j])), count(t.rowTotals[i])]),
      [l.total, ...t.columns.map((_, j) => count(t.columnTotals[j])), count(t.total)],
    ],
    totalRows: [t.rows.length],
  })
  const list = (
    id: string,
    title: string,
    heading: string,
    prefix: string,
    t: { keys: string[]; counts: PublishedCount[]; total: PublishedCount },
    note?: string,
  ): Section => ({
    id,
    title,
    ...(note ? { note } : {}),
    head: [heading, l.count],
    rows: [...t.keys.map((k, i) => [word(prefix, k), count(t.counts[i])]), [l.total, count(t.total)]],
    totalRows: [t.keys.length],
  })
  const a = report.accompaniments
  const r = report.referrals
  const training = report.training
  return [
    twoWay('opened', l.opened, a.opened),
    twoWay('active', l.active, a.active),
    list('closed', l.closed, l.outcomeHead, 'outcome', a.closedByOutcome),
    {
      id: 'duration',
      title: l.duration,
      head: [l.duration, l.value],
      rows: [
        [l.durationCases, count(a.duration.cases)],
        [l.medianDays, a.duration.medianDays === null ? l.medianWithheld : num(a.duration.medianDays)],
      ],
      totalRows: [],
    },
    list('sessions', l.sessions, l.sessionHead, 'session', a.sessions),
    list('contacts-caller', l.contactsCaller, l.callerHead, 'caller', report.contacts.byCallerKind, l.contactsNote),
    list('contacts-orientation', l.contactsOrientation, l.orientationHead, 'orientation', report.contacts.byOrientation),
    list('contacts-channel', l.contactsChannel, l.channelHead, 'channel', report.contacts.byChannel),
    {
      id: 'referrals',
      title: l.referrals,
      head: [l.category, ...r.columns.map((c) => word('state', c)), l.total],
      rows: [
        ...r.rows.map((row, i) => [row.label, ...r.columns.map((_, j) => count(r.cells[i]?.[j])), count(r.rowTotals[i])]),
        [l.total, ...r.columns.map((_, j) => count(r.columnTotals[j])), count(r.total)],
      ],
      totalRows: [r.rows.length],
    },
    {
      id: 'training',
      title: l.training,
      ...(training.sessions === 0 ? { note: l.noTraining } : {}),
      head: [l.audience, l.trainingSessions, l.participants, l.hours],
      rows: [
        ...training.byAudience.map((b) => [word('audience', b.audience), num(b.sessions), num(b.participants), num(b.hours)]),
        [l.total, num(training.sessions), num(training.participants), num(training.hours)],
      ],
      totalRows: [training.byAudience.length],
    },
  ]
}

export function headingOf(report: ActivityReport) {
  const l = ACTIVITY_LABELS[report.language]
  return {
    title: `${l.title} ${report.year}`,
    team: `${l.team} : ${report.teamName}`.replace(' : ', report.language === 'fr' ? '\u00a0: ' : ': '),
    suppression: l.suppression.replace('{n}', String(report.threshold - 1)).replace('{t}', String(report.threshold)),
  }
}

export function activityPdf(report: ActivityReport): Promise<Buffer> {
  const h = headingOf(report)
  const blocks: Block[] = [
    { text: h.title, size: 18, bold: true },
    { text: h.team, size: 12, gap: 4 },
    { text: h.suppression, size: 9, gap: 6 },
  ]
  for (const s of sectionsOf(report)) {
    blocks.push({ text: s.title, size: 12, bold: true, gap: 12 })
    if (s.note) blocks.push({ text: s.note, size: 9 })
    blocks.push({ table: { head: s.head, rows: s.rows, bold: s.totalRows } })
  }
  return renderPdf(`${h.title} — ${report.teamName}`, blocks, report.language)
}

const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/**
 * Every table in one CSV (RFC 4180: CRLF, quoted when needed; UTF-8 with a BOM so spreadsheets
 * read it as such), one line per cell: the table, the row, the column and the printed figure.
 */
export function activityCsv(report: ActivityReport): Buffer {
  const l = ACTIVITY_LABELS[report.language]
  const lines: string[][] = [[l.section, l.row, l.column, l.value]]
  for (const s of sectionsOf(report, true))
    for (const row of s.rows) row.slice(1).forEach((value, j) => lines.push([s.title, row[0]!, s.head[j + 1]!, value]))
  return Buffer.from(`\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8')
}
