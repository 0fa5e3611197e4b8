import type { PersonSummary, PersonView } from '../../../common/contracts/persons.contracts'
import { fromJson } from '../../db/json'
import type { Row } from '../../http/context'
import type { Plain } from '../../security/codec'
import { municipalityOf } from '../postcodes/postcodes.data'

type PersonRow = Pick<
  Row<'persons'>,
  'id' | 'code' | 'gender' | 'languages' | 'postcode' | 'created_at' | 'updated_at' | 'version' | 'restricted'
>

export function presentPerson(row: PersonRow, plain: Plain<'persons'>): PersonView {
  return {
    id: row.id,
    code: row.code,
    firstName: plain.first_name,
    lastName: plain.last_name,
    otherNames: plain.other_names,
    birthDate: plain.birth_date,
    birthYear: plain.birth_year,
    gender: row.gender,
    languages: fromJson(row.languages),
    postcode: row.postcode,
    municipality: municipalityOf(row.postcode),
    phone: plain.phone,
    email: plain.email,
    notes: plain.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    restricted: row.restricted === 1,
  }
}

type SearchRow = Pick<Row<'persons'>, 'id' | 'code' | 'postcode'>

/**
 * A found person as the caller may see them: in full when they may open the record; otherwise
 * the initial, last name, birth year and municipality, without id or code.
 */
export function presentMatch(
  row: SearchRow,
  plain: Pick<Plain<'persons'>, 'first_name' | 'last_name' | 'birth_year'>,
  match: { readable: boolean; exact: boolean },
): PersonSummary {
  const { first_name: firstName, last_name: lastName, birth_year: birthYear } = plain
  const municipality = municipalityOf(row.postcode)?.locality ?? null
  const kind = match.exact ? 'exact' : 'close'
  if (match.readable) return { readable: true, id: row.id, code: row.code, firstName, lastName, birthYear, municipality, match: kind }
  // The first letter as a reader sees it: "Élodie" is "É", not a half of a decomposed letter.
  const initial = [...firstName.normalize('NFC')][0]?.toUpperCase() ?? ''
  return { readable: false, initial, lastName, birthYear, municipality, match: kind }
}
