import { fileTypeFromBuffer } from 'file-type'
import { ZipArchive } from './zip-archive'

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'
const ODT_MIME = 'application/vnd.oasis.opendocument.text'

/**
 * The types we accept. A declared type must be the one file-type finds in the content (plain
 * text being the type with no signature: UTF-8 without NUL); Word and OpenDocument files must
 * moreover hold the structure of one, not merely a zip with the right names. `ext` is the
 * extension a stored name ends with; `exts` the ones that name the type already; `whole` says
 * that the check needs the whole file (a zip's directory is at its end), not its first bytes.
 */
export const FILE_TYPES = {
  pdf: { mime: 'application/pdf', ext: 'pdf', exts: ['pdf'], whole: false },
  png: { mime: 'image/png', ext: 'png', exts: ['png'], whole: false },
  jpeg: { mime: 'image/jpeg', ext: 'jpg', exts: ['jpg', 'jpeg'], whole: false },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', exts: ['docx'], whole: true },
  odt: { mime: ODT_MIME, ext: 'odt', exts: ['odt'], whole: true },
  txt: { mime: 'text/plain', ext: 'txt', exts: ['txt'], whole: false },
} as const

export type FileType = keyof typeof FILE_TYPES

/** Bytes file-type reads to tell our signature types apart (it asks for 4,100 at most on a buffer). */
export const SIGNATURE_BYTES = 64 * 1024

/**
 * Whether the content is of the declared type. `bytes` is the whole file for `whole` types, its
 * first SIGNATURE_BYTES otherwise; `text` whether the whole stream was UTF-8 without NUL.
 */
export async function contentIs(type: FileType, bytes: Buffer, text: boolean): Promise<boolean> {
  const detected = await fileTypeFromBuffer(bytes)
  if (type === 'txt') return text && detected === undefined
  if (detected?.mime !== FILE_TYPES[type].mime) return false
  if (type === 'docx') return isWordDocument(ZipArchive.open(bytes))
  if (type === 'odt') return isOpenDocumentText(ZipArchive.open(bytes))
  return true
}

/**
 * A Word document: the parts `[Content_Types].xml` and `word/document.xml`, the first declaring
 * the second as a wordprocessingml main document (not a macro-enabled one, not a template).
 */
function isWordDocument(zip: ZipArchive | null): boolean {
  if (!zip?.get('word/document.xml')) return false
  const types = zip.get('[Content_Types].xml')
  const xml = types && zip.read(types, 1024 * 1024)
  if (!xml) return false
  return [...xml.toString('utf8').matchAll(/<Override\b([^>]*)>/g)].some((m) => {
    const attrs = m[1] as string
    return attribute(attrs, 'PartName')?.toLowerCase() === '/word/document.xml' && attribute(attrs, 'ContentType') === WORD_MAIN
  })
}

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs)
  return m ? (m[1] ?? m[2]) : undefined
}

/** An OpenDocument text: `mimetype` first, stored, holding exactly the ODT type; and a `content.xml`. */
function isOpenDocumentText(zip: ZipArchive | null): boolean {
  const first = zip?.entries[0]
  if (!zip || !first || first.name !== 'mimetype' || first.method !== 0 || !zip.get('content.xml')) return false
  return zip.read(first, 100)?.toString('latin1') === ODT_MIME
}

export function typeOfMime(mime: string): FileType | null {
  const base = mime.split(';')[0]?.trim().toLowerCase()
  return (Object.keys(FILE_TYPES) as FileType[]).find((t) => FILE_TYPES[t].mime === base) ?? null
}

/** Bidirectional controls: they make "facture\u202Efdp.exe" display as "factureexe.pdf". */
const BIDI = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g
/** Line and paragraph breaks, tabs: a space each run. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g
const CONTROLS = /\p{Cc}/gu

/**
 * The name a document is stored and offered under: without bidirectional or control characters,
 * and ending with its real type's extension (appended when the one typed differs, so that
 * "x.html" uploaded as PDF becomes "x.html.pdf"). Applied on upload and again on download, for
 * names stored before the rule.
 */
export function documentName(typed: string, type: FileType): string {
  const { ext, exts } = FILE_TYPES[type]
  const clean = typed
    .replace(BIDI, '')
    .replace(BREAKS, ' ')
    .replace(CONTROLS, '')
    .trim()
    .replace(/[\s.]+$/, '')
  if (!clean) return `document.${ext}`
  const typedExt = /\.([^.]+)$/.exec(clean)?.[1]?.toLowerCase()
  return typedExt && (exts as readonly string[]).includes(typedExt) ? clean : `${clean}.${ext}`
}

/** RFC 6266: an ASCII fallback and the UTF-8 name, neither able to break out of the header; long names lose their middle, not their extension. */
export function contentDisposition(name: string): string {
  // By code points, so that no cut splits a character in two.
  const chars = Array.from(name)
  const dot = chars.lastIndexOf('.')
  const ext = dot > 0 && chars.length - dot <= 8 ? chars.slice(dot) : []
  const short = chars.length > 150 ? [...chars.slice(0, 150 - ext.length), ...ext] : chars
  const base = short.join('').replace(/[\r\n"\\/]/g, '_')
  const ascii = base.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`
}
