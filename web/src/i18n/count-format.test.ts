import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { LANGUAGES, type Language } from '../../../common/roles'
import { countFormatter, I18N_OPTIONS } from './count-format'
import { TRANSLATIONS } from './resources'

async function instance(lng: Language) {
  const i = i18next.createInstance().use(countFormatter)
  await i.init({ ...I18N_OPTIONS, resources: { [lng]: { translation: TRANSLATIONS[lng] } }, lng })
  return i
}

const EXPECTED: Record<Language, string> = { fr: '1\u202f001', nl: '1.001', de: '1.001', en: '1,001' }

describe('counts in sentences', () => {
  it.each(LANGUAGES)('reads a count of 1,001 with the separator of %s, and still picks the plural', async (lng) => {
    const i = await instance(lng)
    const text = i.t('partners.search.count', { count: 1001 })
    expect(text).toContain(EXPECTED[lng])
    expect(text).not.toContain('1001')
    expect(text).toBe(i.t('partners.search.count_other', { count: 1001 }))
    expect(i.t('partners.search.count', { count: 1 })).toBe(i.t('partners.search.count_one', { count: 1 }))
  })

  it('leaves every other number alone: a year is not a count', async () => {
    const i = await instance('fr')
    i.addResource('fr', 'translation', 'probe', '{{year}} · {{count}} · {{total}}')
    expect(i.t('probe', { year: 2026, count: 12345, total: 4567 })).toBe('2026 · 12\u202f345 · 4567')
  })

  it('leaves a count given as text as it is', async () => {
    const i = await instance('en')
    i.addResource('en', 'translation', 'probe', '{{count}} left')
    expect(i.t('probe', { count: '< 10' })).toBe('< 10 left')
  })
})
