import fs from 'node:fs'
import { createRequire } from 'node:module'
import * as fontkit from 'fontkit'
import PDFDocument from 'pdfkit'

/**
 * Text documents as real PDFs: pdfkit with Noto Sans embedded (subset), so that every name prints
 * as written ("sœur", "Şahin", "Łódź", "Nguyễn", "Ђорђевић") and text can be searched and copied.
 * Lines are laid out top to bottom, wrapped to the page; a new page starts when one is full.
 */
export type Line = { text: string; size?: number; bold?: boolean; gap?: number }
/** A table of text: a bold header row, then rows; the first column takes the room its labels need. */
export type TableBlock = { table: { head: string[]; rows: string[][]; bold?: number[] } }
export type Block = Line | TableBlock

const MARGIN = 56

/**
 * The fonts, found through the package's own resolution rather than a path relative to this
 * file, so that they are found the same from the sources and from a built dist/ tree.
 */
const require = createRequire(import.meta.url)
const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
}

type Parsed = ReturnType<typeof fontkit.create>
let parsed: { regular: Parsed; bold: Parsed } | undefined

/**
 * The fonts parsed once per process: pdfkit takes a parsed font as well as a file, and parsing
 * Noto Sans was most of the time of a short PDF (a subject-access export spent seconds on it).
 * Each document still makes its own subset of the glyphs it uses.
 */
function fonts() {
  parsed ??= {
    regular: fontkit.create(fs.readFileSync(FONT_FILES.regular)),
    bold: fontkit.create(fs.readFileSync(FONT_FILES.bold)),
  }
  return parsed
}

/** pdfkit's types list files and buffers; its font factory takes a parsed font too (anything with `layout`). */
const source = (font: Parsed) => font as unknown as string

export function renderPdf(title: string, lines: Block[], language = 'fr'): Promise<Buffer> {
  // The first font is Noto Sans itself: pdfkit then never loads its built-in Helvetica metrics.
  const { regular, bold } = fonts()
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    font: source(regular),
    info: { Title: title, Producer: 'Parcours', Creator: 'Parcours' },
    lang: language,
    displayTitle: true,
  })
  doc.registerFont('regular', source(regular))
  doc.registerFont('bold', source(bold))
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  for (const line of lines) {
    if ('table' in line) {
      drawTable(doc, line.table)
      continue
    }
    const size = line.size ?? 11
    // A heading keeps with what follows it: one too close to the foot of the page starts the next.
    if (line.bold && line.gap && doc.y + size * 6 > doc.page.height - doc.page.margins.bottom) doc.addPage()
    else if (line.gap) doc.moveDown(line.gap / size)
    doc
      .font(line.bold ? 'bold' : 'regular')
      .fontSize(size)
      .text(clean(line.text), { lineGap: size * 0.3 })
  }
  doc.end()
  return done
}

// Text as data: no control character reaches the page (a tab or a break is a space).
const clean = (text: string) => text.replace(/\p{Cc}+/gu, ' ')

/**
 * Rows laid out on fixed columns: the label column gets 40% of the width, the figures share the
 * rest and are right-aligned. A row that would not fit starts a new page, where the header is
 * printed again so that every page reads on its own.
 */
function drawTable(doc: PDFKit.PDFDocument, table: TableBlock['table']) {
  const size = 9
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right
  const figures = Math.max(1, table.head.length - 1)
  const first = table.head.length > 1 ? width * 0.4 : width
  const rest = (width - first) / figures
  const x = (j: number) => (j === 0 ? left : left + first + (j - 1) * rest)
  const w = (j: number) => (j === 0 ? first : rest) - 4
  const heightOf = (cells: string[], bold: boolean) =>
    Math.max(
      ...cells.map((c, j) =>
        doc
          .font(bold ? 'bold' : 'regular')
          .fontSize(size)
          .heightOfString(clean(c), { width: w(j) }),
      ),
    )
  const drawRow = (cells: string[], bold: boolean) => {
    const h = heightOf(cells, bold) + 3
    if (doc.y + h > doc.page.height - doc.page.margins.bottom) {
      doc.addPage()
      if (cells !== table.head) drawRow(table.head, true)
    }
    const y = doc.y
    cells.forEach((c, j) =>
      doc
        .font(bold ? 'bold' : 'regular')
        .fontSize(size)
        .text(clean(c), x(j), y, { width: w(j), align: j === 0 ? 'left' : 'right' }),
    )
    doc.x = left
    doc.y = y + h
  }
  doc.moveDown(0.3)
  drawRow(table.head, true)
  table.rows.forEach((r, i) => drawRow(r, table.bold?.includes(i) ?? false))
  doc.x = left
  doc.moveDown(0.5)
}
