import ExcelJS from 'exceljs'
import type { ExtractRecord, ExtractResult } from './extract.engine'

/** The columns of an extract: its pseudonym, then the study's variables in the study's order. */
export function columnsOf(result: Pick<ExtractResult, 'variables'>): string[] {
  return ['pseudonym', ...result.variables]
}

const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/** RFC 4180: CRLF line ends, fields quoted when they must be; UTF-8 with a BOM so spreadsheets read it as such. */
export function toCsv(result: ExtractResult): Buffer {
  const columns = columnsOf(result)
  const lines = [columns, ...result.records.map((r) => columns.map((c) => r[c as keyof ExtractRecord] ?? ''))]
  return Buffer.from(`\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`, 'utf8')
}

export async function toXlsx(result: ExtractResult): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  // No author, no dates of people: the file's own properties name nobody.
  workbook.creator = 'Parcours'
  const sheet = workbook.addWorksheet('extract')
  const columns = columnsOf(result)
  sheet.addRow(columns)
  sheet.getRow(1).font = { bold: true }
  for (const r of result.records) sheet.addRow(columns.map((c) => r[c as keyof ExtractRecord] ?? ''))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
