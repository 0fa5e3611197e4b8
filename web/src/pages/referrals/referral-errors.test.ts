import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { REFERRAL_ERROR_CODES } from '../../../../common/contracts/referrals.contracts'
import { TRANSLATIONS } from '../../i18n/resources'

type Tree = { [key: string]: string | Tree }
const root = fileURLToPath(new URL('../../../../', import.meta.url))

/** The field codes the consent, referral and share code emits, read from its sources. */
function emittedCodes(): Set<string> {
  const dir = join(root, 'server/modules/referrals')
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.fixture.ts'))
    .map((f) => join(dir, f))
  files.push(join(root, 'common/contracts/referrals.contracts.ts'))
  const codes = new Set<string>()
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/invalidField\(\s*[^,]+,\s*'([a-z_]+)'/g)) codes.add(m[1]!)
    for (const m of text.matchAll(/field: [^,]+, code: '([a-z_]+)'/g)) codes.add(m[1]!)
    for (const m of text.matchAll(/addIssue\(\{[^}]*message: '([a-z_]+)'/g)) codes.add(m[1]!)
  }
  return codes
}

describe('referral, consent and share errors', () => {
  it('every code the sources emit is in the catalogue of referral error codes', () => {
    const emitted = [...emittedCodes()]
    // The reading itself finds codes (a broken pattern would pass vacuously).
    expect(emitted).toEqual(
      expect.arrayContaining(['unknown_legal_basis', 'not_in_consent_scope', 'legal_basis_required', 'form_already_attached']),
    )
    expect(emitted.filter((c) => !(REFERRAL_ERROR_CODES as readonly string[]).includes(c))).toEqual([])
  })

  it.each(Object.keys(TRANSLATIONS))('%s has a message for every referral error code', (lang) => {
    const errors = ((TRANSLATIONS as Record<string, Tree>)[lang]!.referrals as Tree).errors as Tree
    const missing = REFERRAL_ERROR_CODES.filter((c) => typeof errors[c] !== 'string' || !(errors[c] as string).trim())
    expect(missing).toEqual([])
  })
})
