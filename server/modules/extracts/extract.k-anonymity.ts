import { QUASI_IDENTIFIERS, type StudyVariable } from '../../../common/contracts/study-variables.contracts'

/**
 * k-anonymity by suppression: a record whose combination of quasi-identifiers (those of
 * QUASI_IDENTIFIERS the study asks for) is shared by fewer than k records is dropped, whole. A
 * study that asks for no quasi-identifier keeps every record.
 */
export function suppressRare<R extends Partial<Record<StudyVariable, string>>>(
  records: R[],
  variables: readonly StudyVariable[],
  k: number,
): { kept: R[]; dropped: number } {
  const quasi = QUASI_IDENTIFIERS.filter((q) => variables.includes(q))
  if (quasi.length === 0) return { kept: records, dropped: 0 }
  const combination = (r: R) => JSON.stringify(quasi.map((q) => r[q] ?? ''))
  const sizes = new Map<string, number>()
  for (const r of records) sizes.set(combination(r), (sizes.get(combination(r)) ?? 0) + 1)
  const kept = records.filter((r) => (sizes.get(combination(r)) ?? 0) >= k)
  return { kept, dropped: records.length - kept.length }
}
