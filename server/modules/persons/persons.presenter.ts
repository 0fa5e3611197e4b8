import type { PersonLanguage, PersonSummary, PersonView } from '../../../common/contracts/persons.contracts'
import { fromJson, type Json } from '../../db/json'
import type { Plain } from '../../security/codec'
import { municipalityOf } from '../postcodes/postcodes.data'

type Row = {
  id: string
  code: string
  gender: string
  languages: Json<PersonLanguage[]>
  postcode: string | null
  created_at: string
  updated_at: string
  version: number
}

export function presentPerson(row: Row, plain: Plain<'persons'>): PersonView {
  return {
    id: row.id,
    code: row.code,
    firstName: plain.first_name as string,
    lastName: plain.last_name as string,
    otherNames: (plain.other_names as string[] | null) ?? [],
    birthDate: (plain.birth_date as string | null) ?? null,
    birthYear: (plain.birth_year as number | null) ?? null,
    gender: row.gender as PersonView['gender'],
    languages: fromJson(row.languages),
    postcode: row.postcode,
    municipality: municipalityOf(row.postcode),
    phone: (plain.phone as string | null) ?? null,
    email: (plain.email as string | null) ?? null,
    notes: (plain.notes as string | null) ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  }
}

type SearchRow = { id: string; code: string; postcode: string | null }

/**
 * A found person as the caller may see them: in full when they may open the record; otherwise
 * the initial, last name, birth year and municipality, without id or code.
 */
export function presentMatch(row: SearchRow, plain: Plain<'persons'>, match: { readable: boolean; exact: boolean }): PersonSummary {
  const firstName = plain.first_name as string
  const lastName = plain.last_name as string
  const birthYear = (plain.birth_year as number | null) ?? null
  const municipality = municipalityOf(row.postcode)?.locality ?? null
  const kind = match.exact ? 'exact' : 'close'
  if (match.readable) return { readable: true, id: row.id, code: row.code, firstName, lastName, birthYear, municipality, match: kind }
  // The first letter as a reader sees it: "Élodie" is "É", not a half of a decomposed letter.
  const initial = [...firstName.normalize('NFC')][0]?.toUpperCase() ?? ''
  return { readable: false, initial, lastName, birthYear, municipality, match: kind }
}
