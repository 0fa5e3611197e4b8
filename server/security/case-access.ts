/**
 * The one place that says who may see a case, and the only way to reach a case's rows.
 *
 * Who: the case's workers (primary and co-workers), the lead of its team, and the holder of an
 * unexpired break-the-glass grant. Intake opens cases but reads none; admins, the DPO, partners
 * and researchers read no case content.
 *
 * A restricted case (GDPR art. 18: `accompaniments.restricted`, set by the DPO through the
 * person's restriction) is seen by the lead of its team alone, and only to read: not by its
 * workers, nor through break-the-glass; and it is listed nowhere (`visibleIn`, `visibleCases`,
 * `visiblePage` leave it out, for the lead too). Those who would see it otherwise are told that
 * its processing is restricted (423 `processing.restricted`), never why; anyone else gets 404.
 *
 * The rule has two written forms, kept together so that they cannot drift apart (a test runs
 * both over random data and compares): the row form `visibleTo`, for one case found by its id,
 * and the set form `visibleIn`, for lists, which starts from the caller's own index ranges. An
 * OR of EXISTS across tables can't be served by an index, so the row form over a whole table
 * reads every case in it.
 *
 * Modules never name a case table in a query of their own (ESLint refuses it in
 * `server/modules/**`): they open a case with `openCase` (or through `defineCaseRoute`) and
 * reach its rows with `rowsOf`, `insertRows`, `updateRows` and `deleteRows`; or they list across
 * cases with `visibleCases` and `visibleRows` (or count a team's with `countedCases`). A new case comes from `insertCase`, and breaking
 * the glass writes through `caseOutsideGrant` and `insertOutsideRows`. The queries these run on a
 * case table are written out per table in `case-tables.ts`, so that each keeps its table's types.
 *
 * This file is the door that modules import; behind it, one file a part: the rule in its two
 * forms (`case-access.rule.ts`), opening one case (`.open`), the rows of an opened or new case
 * (`.rows`), lists across cases (`.lists`), break-the-glass (`.glass`), persons reached through
 * their cases (`.persons`), and what follows an opened case (`case-opened-rows.ts`).
 */

export { visibleIn, visibleTo } from './case-access.rule'
export {
  type CaseAccess,
  type ChangeableCase,
  type ManageableCase,
  type Need,
  type OpenedCase,
  accessOf,
  casesForMaintenance,
  openCase,
} from './case-access.open'
export { type CreatedCase, deleteRows, insertCase, insertRows, rowsOf, setClientAgeBands, updateCase, updateRows } from './case-access.rows'
export { type CasePage, type Scope, countedCases, researchTeams, visibleCases, visiblePage, visibleRows } from './case-access.lists'
export { type OutsideCase, caseOutsideGrant, insertOutsideRows, reviewableGrants } from './case-access.glass'
export { personLedThroughCase, personReachableThroughCase } from './case-access.persons'
export { missOrStale, recordOpened } from './case-opened-rows'
export { CASE_COLUMNS, CASE_TABLES, type CaseRow, type CaseTable } from './case-tables'
