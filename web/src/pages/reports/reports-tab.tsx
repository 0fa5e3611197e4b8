import type { AccompanimentView } from '../../../../common/contracts/accompaniments.contracts'

// Placeholder reserved for a screen under way in this session; replaced before it lands.
export function ReportsTab(_props: { a: AccompanimentView; canWrite: boolean }) {
  return null
}
