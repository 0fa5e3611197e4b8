import { useTranslation } from 'react-i18next'
import { isApiError } from '../api/client'
import type { FieldError } from '../../../common/contracts/problem.contracts'

/** A field error from the server or from client-side checks. */
export type FieldIssue = Pick<FieldError, 'field' | 'code'> & { message?: string }

/**
 * Maps field errors (`firstName`, `otherNames.0`, …) to translated messages:
 * `validation.<message>` when the message is itself a code (custom rules such as
 * `invalid_phone`), then `validation.<code>`, then a generic message. An area with codes of its own
 * (`referrals.errors`) names them first: `<area>.<message>`, then `<area>.<code>`.
 */
export function useFieldErrors(error: unknown, local: FieldIssue[] = [], area?: string) {
  const { t, i18n } = useTranslation()
  const issues: FieldIssue[] = [...local, ...(isApiError(error) ? error.fieldErrors : [])].map((i) => ({
    ...i,
    field: normaliseField(i.field),
  }))

  const translate = (issue: FieldIssue): string => {
    const own = area ? [issue.message, issue.code].filter((c) => c && /^[a-z_]+$/.test(c)).map((c) => `${area}.${c}`) : []
    const found = own.find((k) => i18n.exists(k))
    if (found) return t(found)
    const fromMessage = issue.message && /^[a-z_]+$/.test(issue.message) ? `validation.${issue.message}` : null
    if (fromMessage && i18n.exists(fromMessage)) return t(fromMessage)
    const fromCode = `validation.${issue.code}`
    return i18n.exists(fromCode) ? t(fromCode) : t('validation.generic')
  }

  /** The message for a field, including errors on its items (`otherNames.1`). */
  const of = (field: string): string | undefined => {
    const hit = issues.find((i) => i.field === field || i.field.startsWith(`${field}.`) || i.field.startsWith(`${field}[`))
    return hit ? translate(hit) : undefined
  }
  /** Errors on fields the form does not show, so that none is lost. */
  const others = (shown: readonly string[]): string[] =>
    issues.filter((i) => !shown.some((f) => i.field === f || i.field.startsWith(`${f}.`))).map((i) => translate(i))

  return { of, others, any: issues.length > 0 }
}

/** `body.firstName`, `/firstName` and `firstName` all name the same field (`query.from` too). */
function normaliseField(field: string): string {
  return field
    .replace(/^\/+/, '')
    .replace(/\//g, '.')
    .replace(/^(body|query)\./, '')
}
