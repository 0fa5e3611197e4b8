import type { z } from 'zod'
import type { AccompanimentSummary, AccompanimentView } from '../../../common/contracts/accompaniments.contracts'
import type { Plain } from '../../security/codec'

type Row = {
  id: string
  code: string
  kind: string
  person_id: string
  concerned_person_id: string | null
  concerned_status: string
  relationship: string | null
  team_id: string
  status: string
  framework: string
  measure: string | null
  authority_kind: string | null
  mandate_start: string | null
  mandate_end: string | null
  report_every_months?: number | null
  closure_outcome: string | null
  created_at: string
  updated_at: string
  version: number
}
type Summary = z.infer<typeof AccompanimentSummary>
type Worker = { user_id: string; role: string; display_name: string }

export function presentSummary(row: Row, personName: string, primaryWorkerId: string | null, access: Summary['access']): Summary {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as Summary['kind'],
    status: row.status as Summary['status'],
    framework: row.framework as Summary['framework'],
    teamId: row.team_id,
    personId: row.person_id,
    personName,
    primaryWorkerId,
    updatedAt: row.updated_at,
    access,
  }
}

export function presentAccompaniment(
  row: Row,
  plain: Plain<'accompaniments'>,
  personName: string,
  workers: Worker[],
  access: Summary['access'],
): AccompanimentView {
  const primary = workers.find((w) => w.role === 'primary')?.user_id ?? null
  return {
    ...presentSummary(row, personName, primary, access),
    concernedPersonId: row.concerned_person_id,
    concernedStatus: row.concerned_status as AccompanimentView['concernedStatus'],
    relationship: row.relationship as AccompanimentView['relationship'],
    workers: workers.map((w) => ({ userId: w.user_id, name: w.display_name, role: w.role as 'primary' | 'co' })),
    summary: (plain.summary as string | null) ?? null,
    judicial: {
      measure: row.measure as AccompanimentView['judicial']['measure'],
      authorityKind: row.authority_kind as AccompanimentView['judicial']['authorityKind'],
      authority: (plain.authority as string | null) ?? null,
      conditions: (plain.conditions as string | null) ?? null,
      reporting: (plain.reporting as string | null) ?? null,
      mandateStart: row.mandate_start,
      mandateEnd: row.mandate_end,
      reportEveryMonths: row.report_every_months ?? null,
    },
    closureOutcome: row.closure_outcome as AccompanimentView['closureOutcome'],
    closureReason: (plain.closure_reason as string | null) ?? null,
    createdAt: row.created_at,
    version: row.version,
  }
}
