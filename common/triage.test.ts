import { describe, expect, it } from 'vitest'
import { InstrumentDefinition } from './contracts/instruments.contracts'
import { TRIAGE_GRID } from '../server/modules/instruments/builtin/triage-grid'
import { SEVERITY_DIMENSIONS, SEVERITY_LEVELS, triageOutcome, URGENCIES } from './triage'

const w = (worker: string) => ({ worker })

describe('the triage outcome', () => {
  it('keeps the worker’s urgency when the grid finds nothing more', () => {
    expect(triageOutcome({})).toEqual({ urgency: 'none', stated: null, immediateDanger: false, reasons: [], severity: {} })
    expect(triageOutcome({ urgency: w('within_48h'), isolation: w('none') })).toMatchObject({
      urgency: 'within_48h',
      stated: 'within_48h',
      immediateDanger: false,
      reasons: ['urgency_stated'],
    })
  })

  it('says immediate danger when the worker does', () => {
    expect(triageOutcome({ urgency: w('immediate') })).toMatchObject({ urgency: 'immediate', immediateDanger: true })
  })

  it('raises a serious intent of violence with access to means to immediate danger, whatever was stated', () => {
    const out = triageOutcome({ urgency: w('within_week'), violence_intent: w('high'), access_means: w('moderate') })
    expect(out).toMatchObject({ urgency: 'immediate', stated: 'within_week', immediateDanger: true })
    expect(out.reasons).toEqual(['urgency_stated', 'intent_with_means', 'serious_dimension'])
    // Without means known, a serious intent alone asks for an answer within 48 hours.
    expect(triageOutcome({ violence_intent: w('high'), access_means: w('unknown') })).toMatchObject({
      urgency: 'within_48h',
      immediateDanger: false,
    })
  })

  it('raises a mental-health crisis with an intent of violence to immediate danger', () => {
    expect(triageOutcome({ mental_health_crisis: w('high'), violence_intent: w('moderate') }).reasons).toContain('crisis_with_intent')
    expect(triageOutcome({ mental_health_crisis: w('high') })).toMatchObject({ urgency: 'within_48h', immediateDanger: false })
  })

  it('asks for 48 hours on a planned travel, a week on any present dimension, and never lowers', () => {
    expect(triageOutcome({ travel_conflict_zone: w('high') })).toMatchObject({
      urgency: 'within_48h',
      reasons: ['travel_planned', 'serious_dimension'],
    })
    expect(triageOutcome({ isolation: w('moderate') })).toMatchObject({ urgency: 'within_week', reasons: ['moderate_dimension'] })
    expect(triageOutcome({ urgency: w('within_48h'), isolation: w('moderate') }).urgency).toBe('within_48h')
    expect(triageOutcome({ minors_involved: w('unknown') }).urgency).toBe('none')
  })

  it('ignores values a revised grid no longer defines', () => {
    expect(triageOutcome({ urgency: w('tomorrow'), isolation: w('extreme'), other: w('high') })).toMatchObject({
      urgency: 'none',
      stated: null,
      severity: {},
    })
  })

  it('reads the keys the built-in grid defines', () => {
    const def = InstrumentDefinition.parse(TRIAGE_GRID)
    const items = new Map(def.sections.flatMap((s) => s.items).map((i) => [i.key, i]))
    expect(items.get('urgency')?.options?.map((o) => o.key)).toEqual([...URGENCIES])
    for (const d of SEVERITY_DIMENSIONS)
      expect(
        items.get(d)?.options?.map((o) => o.key),
        d,
      ).toEqual([...SEVERITY_LEVELS])
  })
})
