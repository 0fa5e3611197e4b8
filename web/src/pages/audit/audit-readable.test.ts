import fs from 'node:fs'
import path from 'node:path'
import i18next, { type TFunction } from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { AUDIT_ACTION_NAMES } from '../../../../common/audit-actions'
import { LANGUAGES, type Language } from '../../../../common/roles'
import { TRANSLATIONS } from '../../i18n/resources'
import { actionLabel, subjectLabel } from './audit-vocabulary'

/**
 * The DPO reads every entry as a phrase in their language: what was done, and what it was about.
 * An action of the catalogue, or a kind of subject the server records, without a phrase in one
 * of the four languages would show an internal name, or a vague "other", there.
 */

const instances = new Map<Language, { t: TFunction; exists: (key: string) => boolean }>()

beforeAll(async () => {
  for (const lng of LANGUAGES) {
    const i = i18next.createInstance()
    // No fallback: a phrase missing in Dutch must not be found in French.
    await i.init({
      resources: { [lng]: { translation: TRANSLATIONS[lng] } },
      lng,
      fallbackLng: false,
      interpolation: { escapeValue: false },
    })
    instances.set(lng, { t: i.t, exists: (key) => i.exists(key) })
  }
})

/** Every `audit.subject('<type>', …)` the server writes (and `subject: '<type>'` given to the case door). */
function subjectTypesRecorded(): string[] {
  const root = path.resolve(__dirname, '../../../../server')
  const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  const types = new Set<string>()
  for (const f of files) {
    const text = fs.readFileSync(path.join(root, f), 'utf8')
    for (const m of text.matchAll(/\.subject\(\s*'([a-z_]+)'/g)) types.add(m[1] as string)
  }
  return [...types].sort()
}

describe('the audit screen in words', () => {
  it.each(LANGUAGES)('every action of the catalogue reads as a phrase in %s, never as its name', (lng) => {
    const { t } = instances.get(lng)!
    const unknown = t('auditReadable.unknownAction')
    expect(unknown).not.toBe('auditReadable.unknownAction')
    const raw = AUDIT_ACTION_NAMES.filter((a) => {
      const label = actionLabel(t, a)
      return !label.trim() || label === a || label === unknown
    })
    expect(raw).toEqual([])
    // An action no longer in the catalogue is said to be unknown, not shown by name.
    expect(actionLabel(t, 'made.up')).toBe(unknown)
  })

  it('finds the kinds of subject the server records', () => {
    expect(subjectTypesRecorded()).toEqual(expect.arrayContaining(['accompaniment', 'person', 'user', 'contact', 'referral']))
  })

  it.each(LANGUAGES)('every kind of subject the server records has a name in %s', (lng) => {
    const { t, exists } = instances.get(lng)!
    const other = t('auditReadable.otherSubject')
    expect(subjectTypesRecorded().filter((type) => subjectLabel(t, { exists }, type) === other)).toEqual([])
  })
})
