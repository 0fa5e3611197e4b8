import type { SubjectExportDocument } from '../../../common/contracts/dpo-exports.contracts'
import { type Line, renderPdf } from '../reports/pdf'

const LABELS = {
  fr: {
    title: 'Vos données chez Parcours',
    intro: 'Copie de toutes les données que le service détient à votre sujet, établie à votre demande (RGPD, art. 15 et 20).',
    generated: 'Établie le',
    identity: 'Identité',
    accessLog: 'Qui a consulté vos données, et quand',
    annex: 'Annexe : données de tiers à revoir par le délégué à la protection des données',
    annexNote:
      "Les notes libres (entretiens, documents) peuvent nommer d'autres personnes sans que le logiciel puisse le détecter : le délégué les relit.",
    none: 'Aucune donnée.',
    machine: 'système',
    colon: '\u00a0: ',
  },
  nl: {
    title: 'Uw gegevens bij Parcours',
    intro: 'Kopie van alle gegevens die de dienst over u bewaart, opgemaakt op uw verzoek (AVG, art. 15 en 20).',
    generated: 'Opgemaakt op',
    identity: 'Identiteit',
    accessLog: 'Wie uw gegevens heeft ingezien, en wanneer',
    annex: 'Bijlage: gegevens van derden, na te kijken door de functionaris voor gegevensbescherming',
    annexNote:
      'Vrije notities (gesprekken, documenten) kunnen andere personen noemen zonder dat de software dat kan opsporen: de functionaris leest ze na.',
    none: 'Geen gegevens.',
    machine: 'systeem',
    colon: ': ',
  },
  de: {
    title: 'Ihre Daten bei Parcours',
    intro: 'Kopie aller Daten, die der Dienst über Sie speichert, auf Ihren Antrag erstellt (DSGVO, Art. 15 und 20).',
    generated: 'Erstellt am',
    identity: 'Identität',
    accessLog: 'Wer Ihre Daten wann eingesehen hat',
    annex: 'Anhang: Daten Dritter, vom Datenschutzbeauftragten zu prüfen',
    annexNote:
      'Freie Notizen (Gespräche, Dokumente) können andere Personen nennen, ohne dass die Software es erkennen kann: der Beauftragte liest sie.',
    none: 'Keine Daten.',
    machine: 'System',
    colon: ': ',
  },
  en: {
    title: 'Your data at Parcours',
    intro: 'A copy of all the data the service holds about you, made at your request (GDPR, art. 15 and 20).',
    generated: 'Made on',
    identity: 'Identity',
    accessLog: 'Who accessed your data, and when',
    annex: "Annex: third parties' data for the data protection officer to review",
    annexNote: 'Free notes (sessions, documents) may name other people in a way the software cannot detect: the officer reads them.',
    none: 'No data.',
    machine: 'system',
    colon: ': ',
  },
} as const

/** A value as one line of text: nested documents (a plan, ties, answers) as compact JSON. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}

/** The readable copy: the same content as the JSON, in the person's language, with the third-party annex. */
export function renderExportPdf(document: SubjectExportDocument): Promise<Buffer> {
  const l = LABELS[document.language]
  const lines: Line[] = [
    { text: l.title, size: 18, bold: true },
    { text: l.intro, gap: 6 },
    { text: `${l.generated}${l.colon}${document.generatedAt.slice(0, 10)}` },
    { text: l.identity, size: 14, bold: true, gap: 14 },
    ...Object.entries(document.person).map(([k, v]) => ({ text: `${k}${l.colon}${show(v)}` })),
  ]
  for (const [table, rows] of Object.entries(document.sections)) {
    lines.push({ text: `${table} (${rows.length})`, size: 14, bold: true, gap: 14 })
    if (rows.length === 0) lines.push({ text: l.none })
    for (const row of rows) {
      lines.push({ text: `#${show(row.id ?? row.code ?? '')}`, bold: true, gap: 4 })
      for (const [k, v] of Object.entries(row)) if (k !== 'id') lines.push({ text: `${k}${l.colon}${show(v)}`, size: 10 })
    }
  }
  lines.push({ text: l.accessLog, size: 14, bold: true, gap: 14 })
  if (document.accessLog.length === 0) lines.push({ text: l.none })
  for (const e of document.accessLog) {
    lines.push({
      text: `${e.at.slice(0, 19).replace('T', ' ')} · ${e.actor ?? l.machine}${e.role ? ` (${e.role})` : ''} · ${e.action} · ${e.outcome}`,
      size: 9,
    })
  }
  lines.push({ text: l.annex, size: 14, bold: true, gap: 14 })
  lines.push({ text: l.annexNote, size: 10 })
  for (const f of document.thirdParties) lines.push({ text: `${f.table} #${f.rowId} · ${f.field} · ${f.reason}`, size: 10 })
  return renderPdf(l.title, lines)
}
