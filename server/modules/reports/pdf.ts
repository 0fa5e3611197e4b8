/**
 * A small text-only PDF writer (PDF 1.4, Helvetica, WinAnsi): enough for a one- or two-page
 * report without a dependency. Lines are laid out top to bottom; a new page starts when full.
 */
export type Line = { text: string; size?: number; bold?: boolean; gap?: number }

const PAGE = { width: 595, height: 842, margin: 56 }

function encode(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63
    const byte = code === 0x2014 ? 0x97 : code === 0x2013 ? 0x96 : code === 0x2019 ? 0x92 : code === 0x20ac ? 0x80 : code < 256 ? code : 63
    const c = String.fromCharCode(byte)
    out += c === '(' || c === ')' || c === '\\' ? `\\${c}` : byte < 32 ? ' ' : c
  }
  return out
}

/** Splits a line so that it fits the page width (Helvetica averages about half an em a glyph). */
function wrap(line: Line): Line[] {
  const size = line.size ?? 11
  const max = Math.floor((PAGE.width - 2 * PAGE.margin) / (size * 0.5))
  const words = line.text.split(' ')
  const out: Line[] = []
  let current = ''
  for (const w of words) {
    if ((current + ' ' + w).trim().length > max && current) {
      out.push({ ...line, text: current })
      current = w
    } else current = (current + ' ' + w).trim()
  }
  out.push({ ...line, text: current })
  // Only the first piece keeps the space above the line.
  return out.map((piece, i) => (i === 0 ? piece : { ...piece, gap: 0 }))
}

export function renderPdf(title: string, lines: Line[]): Buffer {
  const pages: string[] = []
  let stream = ''
  let y = PAGE.height - PAGE.margin
  for (const line of lines.flatMap(wrap)) {
    const size = line.size ?? 11
    const step = size * 1.4 + (line.gap ?? 0)
    if (y - step < PAGE.margin) {
      pages.push(stream)
      stream = ''
      y = PAGE.height - PAGE.margin
    }
    y -= step
    stream += `BT /${line.bold ? 'F2' : 'F1'} ${size} Tf ${PAGE.margin} ${y.toFixed(1)} Td (${encode(line.text)}) Tj ET\n`
  }
  pages.push(stream)

  const objects: string[] = []
  const add = (body: string) => objects.push(body) // object number = index + 1
  add('<< /Type /Catalog /Pages 2 0 R >>')
  add('') // pages, filled below
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>')
  add(`<< /Title (${encode(title)}) /Producer (Parcours) >>`)
  const kids: number[] = []
  for (const content of pages) {
    const bytes = Buffer.byteLength(content, 'latin1')
    add(`<< /Length ${bytes} >>\nstream\n${content}endstream`)
    const contentRef = objects.length
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${contentRef} 0 R >>`,
    )
    kids.push(objects.length)
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`

  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'))
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(pdf, 'latin1')
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(pdf, 'latin1')
}
