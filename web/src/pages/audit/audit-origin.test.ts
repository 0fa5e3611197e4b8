import { describe, expect, it } from 'vitest'
import { TRANSLATIONS } from '../../i18n/resources'
import { hasReference, originKind, type OriginKind } from './audit-origin'

describe('audit origin', () => {
  it.each([
    ['0b5e7c4e-2f0a-4c1e-9d55-3e1f2a6b7c8d', 'web'],
    ['job:5f0c2c9a-1b2d-4e3f-8a9b-0c1d2e3f4a5b', 'job'],
    ['schedule:notifications:2026-12-02', 'schedule'],
    ['cli', 'cli'],
    ['seed-demo', 'seed'],
    ['seed-caseload', 'seed'],
    ['something-else', 'other'],
    [null, null],
  ] as const)('%s is %s', (id, kind) => {
    expect(originKind(id)).toBe(kind)
  })

  it('keeps the id on demand only where it says more than its kind', () => {
    expect(hasReference('web')).toBe(true)
    expect(hasReference('job')).toBe(true)
    expect(hasReference('cli')).toBe(false)
    expect(hasReference('seed')).toBe(false)
  })

  it.each(Object.keys(TRANSLATIONS) as (keyof typeof TRANSLATIONS)[])('names every origin in %s', (lang) => {
    const kinds = (TRANSLATIONS[lang].auditOrigin as { kinds: Record<OriginKind, string> }).kinds
    for (const k of ['web', 'job', 'schedule', 'cli', 'seed', 'other'] as const) expect(kinds[k], `${lang} ${k}`).toBeTruthy()
  })
})
