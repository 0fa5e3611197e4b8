import { invalidField } from '../../http/errors'

/**
 * A practice note is about practice, never about someone. These patterns find what would link a
 * text to a case or a person: the service's pseudonymous codes (P-… persons, A-… cases, D-…
 * data-subject requests, R-… referrals, as written on a paper file or read over the phone), any
 * record id, an e-mail address or a phone number. The refusal names the field and what was found,
 * never the value: the message must not repeat what it refuses.
 */

const CODE_CHAR = '[0-9A-Z]'
/** `A-7K3M-9QX2`, `a-7k3m9qx2`: with a dash after the prefix it is a code, whatever the letters. */
const DASHED = new RegExp(`(?<![0-9A-Z])([PADR])-${CODE_CHAR}{4}[-\\s.]?${CODE_CHAR}{4}(?![0-9A-Z])`, 'gi')
/**
 * `A 7K3M 9QX2`, `A7K3M9QX2`: without the dash only when a digit is in it, so that words such as
 * "Attention" or "a very good" pass.
 */
const LOOSE = new RegExp(`(?<![0-9A-Z])([PADR])\\s?(${CODE_CHAR}{4})[\\s.]?(${CODE_CHAR}{4})(?![0-9A-Z])`, 'gi')
const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/i
const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/i
/** Belgian and international numbers: `0470 12 34 56`, `02/123.45.67`, `+32 470 123 456`; 9 digits or more, so a date is not one. */
const PHONE = /(?:\+|(?<![0-9])00?)[1-9](?:[\s./-]?\d){7,}/

type Refusal = 'contains_case_code' | 'contains_person_code' | 'contains_identifier' | 'contains_email' | 'contains_phone'

const KIND: Record<string, Refusal> = {
  A: 'contains_case_code',
  P: 'contains_person_code',
  D: 'contains_identifier',
  R: 'contains_identifier',
}

/** What in `text` links it to someone, or null when it may be kept. */
export function refusalOf(text: string): Refusal | null {
  for (const m of text.matchAll(DASHED)) return KIND[m[1]!.toUpperCase()]!
  for (const m of text.matchAll(LOOSE)) {
    const rest = `${m[2]}${m[3]}`
    if (/\d/.test(rest) && /[A-Z]/i.test(rest)) return KIND[m[1]!.toUpperCase()]!
  }
  if (UUID.test(text)) return 'contains_identifier'
  if (EMAIL.test(text)) return 'contains_email'
  if (PHONE.test(text)) return 'contains_phone'
  return null
}

const MESSAGES: Record<Refusal, string> = {
  contains_case_code: 'A practice note cannot name a case: remove the case code',
  contains_person_code: 'A practice note cannot name a person: remove the person code',
  contains_identifier: 'A practice note cannot contain a record identifier',
  contains_email: 'A practice note cannot contain an e-mail address',
  contains_phone: 'A practice note cannot contain a phone number',
}

/** Refuses (400 naming the field) a text that links the note to a case or a person. */
export function checkPracticeText(fields: Record<string, string>): void {
  for (const [field, text] of Object.entries(fields)) {
    const refusal = refusalOf(text)
    if (refusal) throw invalidField(field, refusal, MESSAGES[refusal])
  }
}
