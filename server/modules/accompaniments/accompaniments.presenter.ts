import type { z } from 'zod'
import type { AccompanimentSummary, AccompanimentView } from '../../../common/contracts/accompaniments.contracts'
import type { Row } from '../../http/context'
import type { Plain } from '../../security/codec'

type Case = Row<'accompaniments'>
type SummaryRow = Pick<Case, 'id' | 'code' | 'kind' | 'status' | 'framework' | 'team_id' | 'person_id' | 'updated_at'> &
  Partial<Pick<Case, 'erased_at'>>
type CaseRow = SummaryRow &
  Pick<
    Case,
    | 'concerned_person_id'
    | 'concerned_status'
    | 'relationship'
    | 'measure'
    | 'authority_kind'
    | 'mandate_start'
    | 'mandate_end'
    | 'report_every_months'
    | 'restricted'
    | 'closure_outcome'
    | 'created_at'
    | 'version'
  >
type Summary = z.infer<typeof AccompanimentSummary>
type Worker = Pick<Row<'accompaniment_workers'>, 'user_id' | 'role'> & Pick<Row<'users'>, 'display_name'>

export function presentSummary(row: SummaryRow, personName: string, primaryWorkerId: string | null, access: Summary['access']): Summary {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    status: row.status,
    framework: row.framework,
    teamId: row.team_id,
    personId: row.person_id,
    personName,
    primaryWorkerId,
    updatedAt: row.updated_at,
    access,
    erasedAt: row.erased_at ?? null,
  }
}

export function presentAccompaniment(
  row: CaseRow,
  plain: Plain<'accompaniments'>,
  personName: string,
  workers: Worker[],
  access: Summary['access'],
): AccompanimentView {
  const primary = workers.find((w) => w.role === 'primary')?.user_id ?? null
  return {
    ...presentSummary(row, personName, primary, access),
    concernedPersonId: row.concerned_person_id,
    concernedStatus: row.concerned_status,
    relationship: row.relationship,
    workers: workers.map((w) => ({ userId: w.user_id, name: w.display_name, role: w.role })),
    summary: plain.summary,
    judicial: {
      measure: row.measure,
      authorityKind: row.authority_kind,
      authority: plain.authority,
      conditions: plain.conditions,
      reporting: plain.reporting,
      mandateStart: row.mandate_start,
      mandateEnd: row.mandate_end,
      reportEveryMonths: row.report_every_months,
    },
    closureOutcome: row.closure_outcome,
    closureReason: plain.closure_reason,
    createdAt: row.created_at,
    version: row.version,
    restricted: row.restricted === 1,
  }
}
