import { type EventEmitter, once } from 'node:events'
import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import type { ExtractRecord, ExtractResult } from './extract.engine'

/** The columns of an extract: its pseudonym, then the study's variables in the study's order. */
export function columnsOf(result: Pick<ExtractResult, 'variables'>): string[] {
  return ['pseudonym', ...result.variables]
}

const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/** Lines written into one buffer per this many records: a study's team holds 100,000 cases and more. */
const CSV_LINES_PER_PART = 5000

/**
 * Lets the server's other work run: the files of 120,000 records take seconds of CPU, and a job
 * runs in the process that answers the service's requests.
 */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * RFC 4180: CRLF line ends, fields quoted when they must be; UTF-8 with a BOM so spreadsheets read
 * it as such. In parts, for sealParts to seal one by one (Buffer.concat makes the one file).
 */
export async function toCsv(result: ExtractResult): Promise<Buffer[]> {
  const columns = columnsOf(result)
  const line = (values: string[]) => `${values.map(cell).join(',')}\r\n`
  // In parts, not one array of lines joined at the end: the records are held once, not three times.
  const parts: Buffer[] = [Buffer.from(`\uFEFF${line(columns)}`, 'utf8')]
  for (let i = 0; i < result.records.length; i += CSV_LINES_PER_PART) {
    let text = ''
    for (const r of result.records.slice(i, i + CSV_LINES_PER_PART)) text += line(columns.map((c) => r[c as keyof ExtractRecord] ?? ''))
    parts.push(Buffer.from(text, 'utf8'))
    await yieldToRequests()
  }
  return parts
}

/** Rows added between two looks at the zip's input (below). */
const ROWS_PER_DRAIN = 1000

/** The writable end of a stream of exceljs's zip library (readable-stream), as far as we look at it. */
export type ZipInput = { _writableState?: { needDrain?: boolean; length?: number } }

/**
 * Where exceljs's streaming writer hands a sheet's XML to its zip: the stream the sheet's buffer is
 * piped into. That buffer writes without waiting for the zip to take what it wrote, so the XML of
 * rows not yet compressed gathers there (37 MB at 100,000 rows of an extract, measured alone); the
 * writer waits for it to drain instead. Internal to exceljs 4.4, hence the narrow type and the
 * test beside this file that fails when an upgrade moves it; absent, the rows are only paced.
 */
export function zipInputOf(sheet: unknown): ZipInput | undefined {
  return (sheet as { _stream?: { pipes?: ZipInput[] } })._stream?.pipes?.[0]
}

/**
 * The workbook written as a stream, each row committed as it is added: the in-memory workbook kept
 * an object per cell (a million for 120,000 records) until the end. In parts, as the stream gave them.
 */
export async function toXlsx(result: ExtractResult): Promise<Buffer[]> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve)
    out.on('error', reject)
  })
  // No styles: exceljs looks each cell's style up as it writes it, a third of the file's time at
  // 120,000 records. The header row is frozen instead of bold, which a spreadsheet keeps in view.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false })
  // No author, no dates of people: the file's own properties name nobody.
  workbook.creator = 'Parcours'
  const sheet = workbook.addWorksheet('extract', { views: [{ state: 'frozen', ySplit: 1 }] })
  const columns = columnsOf(result)
  sheet.addRow(columns).commit()
  for (let i = 0; i < result.records.length; i++) {
    const r = result.records[i]!
    sheet.addRow(columns.map((c) => r[c as keyof ExtractRecord] ?? '')).commit()
    if (i % ROWS_PER_DRAIN === ROWS_PER_DRAIN - 1) {
      const input = zipInputOf(sheet)
      if (input?._writableState?.needDrain) await once(input as unknown as EventEmitter, 'drain')
      else if (i % CSV_LINES_PER_PART === CSV_LINES_PER_PART - 1) await yieldToRequests()
    }
  }
  sheet.commit()
  await workbook.commit()
  await done
  return chunks
}
