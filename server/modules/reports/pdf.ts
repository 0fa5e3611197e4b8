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

export function renderPdf(title: string, lines: Line[]): Promise<Buffer> {
  // The first font is Noto Sans itself: pdfkit then never loads its built-in Helvetica metrics.
  const { regular, bold } = fonts()
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    font: source(regular),
    info: { Title: title, Producer: 'Parcours', Creator: 'Parcours' },
    lang: 'fr',
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
    const size = line.size ?? 11
    if (line.gap) doc.moveDown(line.gap / size)
    doc
      .font(line.bold ? 'bold' : 'regular')
      .fontSize(size)
      // Text as data: no control character reaches the page (a tab or a break is a space).
      .text(line.text.replace(/\p{Cc}+/gu, ' '), { lineGap: size * 0.3 })
  }
  doc.end()
  return done
}
