import { describe, expect, it } from 'vitest'
import { addMonths, dueOn, latestExtension } from './dpo-requests.deadline'

describe('the legal deadline of a data-subject request', () => {
  it('is the same day of the next month', () => {
    expect(dueOn('2026-03-14')).toBe('2026-04-14')
    expect(dueOn('2026-12-02')).toBe('2027-01-02')
  })
  it('is the last day of a shorter month', () => {
    expect(dueOn('2026-01-31')).toBe('2026-02-28')
    expect(dueOn('2028-01-31')).toBe('2028-02-29')
    expect(dueOn('2026-03-31')).toBe('2026-04-30')
  })
  it('extends by two further months at most', () => {
    expect(latestExtension('2026-01-31')).toBe('2026-04-30')
    expect(latestExtension('2026-11-30')).toBe('2027-02-28')
    expect(addMonths('2026-05-31', 0)).toBe('2026-05-31')
  })
})
