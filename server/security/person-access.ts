/**
 * The one place that names the persons tables in a query. A person is readable in full by the
 * account that registered them and through the cases the actor may see (as client or as the
 * concerned person); everything else answers 404. The name search finds persons by keyed hashes
 * of their name keys, never by plaintext.
 *
 * While a person's processing is restricted (GDPR art. 18, `persons.restricted`, which restricts
 * every case of theirs too), only the leads of their cases' teams read them (the rule reaches
 * them through their cases, which only a lead then sees), nothing changes them (`updatePersonRow`
 * refuses), no search or list finds them (`readablePersonIds`, `idsByCode`, the name search), and
 * whoever would read them otherwise is told that the processing is restricted, never why.
 *
 * This file is the door that modules import; behind it, one file a part: reading one person and
 * who may (`person-access.open.ts`), the name search (`.search`), its first step in the
 * database (`.preselect`) and its keys (`.name-sets`), and what lists and search results show of persons (`.names`).
 */

export { type OpenedPerson, PERSON_COLUMNS, isErased, openPerson, readablePersonIds, updatePersonRow } from './person-access.open'
export { COMPARED, type NameMatch, type NameOpener, searchByName } from './person-access.search'
export { PRESELECTED, preselectByKeys } from './person-access.preselect'
export { addNameSets, replaceNameSet } from './person-access.name-sets'
export { idsByCode, personCodes, personNameParts, personNames, searchRows } from './person-access.names'
