/** The types we accept, with the bytes each must start with: a declared type must match its content. */
export const FILE_TYPES = {
  pdf: { mime: 'application/pdf', ext: 'pdf', matches: (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  png: {
    mime: 'image/png',
    ext: 'png',
    matches: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  jpeg: { mime: 'image/jpeg', ext: 'jpg', matches: (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    matches: (b: Buffer) => isZip(b) && b.includes('[Content_Types].xml') && b.includes('word/'),
  },
  odt: {
    mime: 'application/vnd.oasis.opendocument.text',
    ext: 'odt',
    matches: (b: Buffer) =>
      isZip(b) &&
      b.subarray(30, 38).toString('latin1') === 'mimetype' &&
      b.subarray(38, 77).toString('latin1') === 'application/vnd.oasis.opendocument.text',
  },
  txt: { mime: 'text/plain', ext: 'txt', matches: (b: Buffer) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b) },
} as const

export type FileType = keyof typeof FILE_TYPES

const isZip = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))

export function typeOfMime(mime: string): FileType | null {
  const base = mime.split(';')[0]?.trim().toLowerCase()
  return (Object.keys(FILE_TYPES) as FileType[]).find((t) => FILE_TYPES[t].mime === base) ?? null
}

/** RFC 6266: an ASCII fallback and the UTF-8 name, neither able to break out of the header. */
export function contentDisposition(filename: string, ext: string): string {
  const base = filename.replace(/[\r\n"\\/]/g, '_').slice(0, 150) || `document.${ext}`
  const ascii = base.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`
}
