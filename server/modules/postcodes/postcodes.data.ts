import fs from 'node:fs'

export type Municipality = { postcode: string; locality: string; province: string; region: string }

const FILE = new URL('../../../common/be-postcodes.csv', import.meta.url)

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s'(-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
}

function load(): { byCode: Map<string, Municipality>; all: Municipality[] } {
  const lines = fs.readFileSync(FILE, 'utf8').trim().split(/\r?\n/).slice(1)
  const all: Municipality[] = []
  const byCode = new Map<string, Municipality>()
  for (const line of lines) {
    const [postcode, locality, sub, province, region] = line.split(',')
    if (!postcode || !locality || !province || !region) continue
    const m = { postcode, locality: titleCase(locality), province, region }
    all.push(m)
    // The main municipality names a postcode; sub-municipalities are found by search.
    if (sub === 'no' || !byCode.has(postcode)) byCode.set(postcode, m)
  }
  return { byCode, all }
}

let data: ReturnType<typeof load> | null = null
const get = () => (data ??= load())

export function municipalityOf(postcode: string | null): Municipality | null {
  return postcode ? (get().byCode.get(postcode) ?? null) : null
}

export function isKnownPostcode(postcode: string): boolean {
  return get().byCode.has(postcode)
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

export function searchPostcodes(q: string, limit = 20): Municipality[] {
  const query = fold(q.trim())
  return get()
    .all.filter((m) => m.postcode.startsWith(query) || fold(m.locality).startsWith(query))
    .slice(0, limit)
}
