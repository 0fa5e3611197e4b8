import fs from 'node:fs'
import type { CoverageLevel } from '../../../common/contracts/partners.contracts'
import { PLACE_ALIASES } from './partners.place-aliases'

/**
 * Belgium's administrative levels, as the directory's coverage names them, built from the bundled
 * bpost list (common/be-postcodes.csv, French names only):
 * - national: `BE`;
 * - region and province: ISO 3166-2 codes (`BE-WAL`, `BE-WLG`); the Brussels-Capital Region has
 *   no province, so a Brussels place resolves to its region directly;
 * - municipality: the accent-folded slug of its French name in the list (`liege`, `la-louviere`);
 * - postcode: the four digits.
 *
 * The list marks main municipalities (`is_sub_municipality = no`) but does not say which
 * municipality a sub-municipality's own postcode belongs to (4030 Grivegnée is Liège). bpost
 * numbers sub-municipalities after their main one, so such a postcode is given to the main
 * municipality listed before it in the same province; the exceptions (the City of Brussels's
 * 1020, 1120 and 1130, numbered after other communes) are listed below.
 */
export type Place = { postcode: string | null; municipality: string | null; province: string | null; region: string }

export const REGIONS: Record<string, string> = { 'BE-BRU': 'Brussels-Capital', 'BE-WAL': 'Wallonia', 'BE-VLG': 'Flanders' }
const REGION_OF_NAME: Record<string, string> = { 'Brussels-Capital': 'BE-BRU', Wallonia: 'BE-WAL', Flanders: 'BE-VLG' }
/** Province codes by the list's French province names; Brussels has none. */
const PROVINCE_OF_NAME: Record<string, string | null> = {
  'Bruxelles (19 communes)': null,
  Anvers: 'BE-VAN',
  'Brabant Flamand': 'BE-VBR',
  'Flandre-Occidentale': 'BE-VWV',
  'Flandre-Orientale': 'BE-VOV',
  Limbourg: 'BE-VLI',
  'Brabant Wallon': 'BE-WBR',
  Hainaut: 'BE-WHT',
  Liège: 'BE-WLG',
  Luxembourg: 'BE-WLX',
  Namur: 'BE-WNA',
}
const MAIN_OVERRIDES: Record<string, string> = { '1020': 'bruxelles', '1120': 'bruxelles', '1130': 'bruxelles' }

export const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
export const slug = (s: string) => fold(s).replace(/ /g, '-')

type Municipality = { code: string; name: string; province: string | null; region: string; postcodes: string[] }
type Geography = {
  provinces: Map<string, { name: string; region: string }>
  municipalities: Map<string, Municipality>
  postcodes: Map<string, Place>
  /** Folded locality names (main and sub-municipalities) to the postcodes they are known under. */
  localities: Map<string, Set<string>>
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s'(-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
}

function load(): Geography {
  const lines = fs
    .readFileSync(new URL('../../../common/be-postcodes.csv', import.meta.url), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
  const provinces = new Map<string, { name: string; region: string }>()
  const municipalities = new Map<string, Municipality>()
  const postcodes = new Map<string, Place>()
  const localities = new Map<string, Set<string>>()
  const rows = lines.map((l) => l.split(',')).filter((r) => r.length >= 5) as [string, string, string, string, string][]
  const withMain = new Set(rows.filter((r) => r[2] === 'no').map((r) => r[0]))
  let lastMain: { code: string; provinceName: string } | null = null
  for (const [postcode, locality, sub, provinceName, regionName] of rows) {
    const region = REGION_OF_NAME[regionName]
    if (!region) continue
    const province = PROVINCE_OF_NAME[provinceName] ?? null
    if (province) provinces.set(province, { name: provinceName, region })
    const known = localities.get(fold(locality)) ?? new Set<string>()
    localities.set(fold(locality), known.add(postcode))
    if (sub === 'no') {
      const code = slug(locality)
      const m = municipalities.get(code) ?? { code, name: titleCase(locality), province, region, postcodes: [] }
      if (!m.postcodes.includes(postcode)) m.postcodes.push(postcode)
      municipalities.set(code, m)
      postcodes.set(postcode, { postcode, municipality: code, province, region })
      lastMain = { code, provinceName }
    } else if (!withMain.has(postcode) && !postcodes.has(postcode)) {
      const main = MAIN_OVERRIDES[postcode] ?? (lastMain?.provinceName === provinceName ? lastMain.code : null)
      postcodes.set(postcode, { postcode, municipality: main, province, region })
      if (main) municipalities.get(main)?.postcodes.push(postcode)
    }
  }
  return { provinces, municipalities, postcodes, localities }
}

let data: Geography | null = null
const get = () => (data ??= load())

/** Whether `code` names a place at `level` (the import and the editor refuse any other). */
export function isKnownArea(level: CoverageLevel, code: string): boolean {
  const g = get()
  switch (level) {
    case 'national':
      return code === 'BE'
    case 'region':
      return code in REGIONS
    case 'province':
      return g.provinces.has(code)
    case 'municipality':
      return g.municipalities.has(code)
    case 'postcode':
      return g.postcodes.has(code)
  }
}

/** A readable name for an area (HSDS `service_area.name`, the search's explanations). */
export function areaName(level: CoverageLevel, code: string): string {
  const g = get()
  switch (level) {
    case 'national':
      return 'Belgium'
    case 'region':
      return REGIONS[code] ?? code
    case 'province':
      return g.provinces.get(code)?.name ?? code
    case 'municipality':
      return g.municipalities.get(code)?.name ?? code
    case 'postcode': {
      const m = g.postcodes.get(code)?.municipality
      return m ? `${code} ${g.municipalities.get(m)?.name ?? ''}`.trim() : code
    }
  }
}

export function placeOfPostcode(postcode: string): Place | null {
  return get().postcodes.get(postcode) ?? null
}

/** The municipality of that code, as a place (no postcode: the whole municipality). */
export function placeOfMunicipality(code: string): Place | null {
  const m = get().municipalities.get(code)
  return m ? { postcode: null, municipality: m.code, province: m.province, region: m.region } : null
}

/** Postcodes known under a folded locality name (a municipality or one of its sub-municipalities). */
export function postcodesOfLocality(name: string): string[] {
  return [...(get().localities.get(fold(name)) ?? [])]
}

export function municipalityPostcodes(code: string): string[] {
  return get().municipalities.get(code)?.postcodes ?? []
}

/**
 * The place a searcher typed: a postcode (alone or before a name, "4000 Liège"), a municipality
 * under its listed name or another national-language name (partners.place-aliases.ts), or a
 * sub-municipality (resolved to its postcode). Accents, case and punctuation do not matter.
 */
export function resolvePlace(input: string): Place | null {
  const text = input.trim()
  const postcode = /^(\d{4})(?:\s|$)/.exec(text)?.[1]
  if (postcode) return placeOfPostcode(postcode)
  const folded = fold(text)
  const municipality = placeOfMunicipality(PLACE_ALIASES[folded] ?? folded.replace(/ /g, '-'))
  if (municipality) return municipality
  const [first] = postcodesOfLocality(text).sort()
  return first ? placeOfPostcode(first) : null
}
