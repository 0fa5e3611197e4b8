import type { Gender, Municipality, PersonInput, PersonView } from '../../api/types'
import type { FieldIssue } from '../../components/field-errors'

/** What the form holds: strings as typed, turned into a `PersonInput` on submit. */
export interface PersonFormValues {
  firstName: string
  lastName: string
  /** Other names, separated by commas or semicolons. */
  otherNames: string
  yearOnly: boolean
  birthDate: string
  birthYear: string
  gender: Gender
  languages: string[]
  /** The postcode field's text: "1000" or "1000 Bruxelles". */
  place: string
  municipality: Municipality | null
  phone: string
  email: string
  notes: string
}

export const LANGUAGE_OPTIONS = ['fr', 'nl', 'de', 'en', 'ar', 'tr', 'other'] as const
export const GENDER_OPTIONS: readonly Gender[] = ['female', 'male', 'non_binary', 'unknown']

export function emptyValues(): PersonFormValues {
  return {
    firstName: '',
    lastName: '',
    otherNames: '',
    yearOnly: false,
    birthDate: '',
    birthYear: '',
    gender: 'unknown',
    languages: [],
    place: '',
    municipality: null,
    phone: '',
    email: '',
    notes: '',
  }
}

export function valuesFromView(p: PersonView): PersonFormValues {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    otherNames: p.otherNames.join(', '),
    yearOnly: !p.birthDate && p.birthYear !== null,
    birthDate: p.birthDate ?? '',
    birthYear: p.birthYear === null ? '' : String(p.birthYear),
    gender: p.gender,
    languages: p.languages,
    place: p.postcode ? [p.postcode, p.municipality?.locality].filter(Boolean).join(' ') : '',
    municipality: p.municipality,
    phone: p.phone ?? '',
    email: p.email ?? '',
    notes: p.notes ?? '',
  }
}

export function postcodeOf(place: string): string | null {
  return /^\s*(\d{4})(?!\d)/.exec(place)?.[1] ?? null
}

export function splitNames(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((n) => n.trim())
    .filter(Boolean)
}

const PHONE = /^[+()\d\s./-]{6,40}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Quick checks before sending; the server validates everything again. */
export function checkValues(v: PersonFormValues): FieldIssue[] {
  const issues: FieldIssue[] = []
  if (!v.firstName.trim()) issues.push({ field: 'firstName', code: 'required' })
  if (!v.lastName.trim()) issues.push({ field: 'lastName', code: 'required' })
  if (v.yearOnly && v.birthYear) {
    const y = Number(v.birthYear)
    if (!/^\d{4}$/.test(v.birthYear) || y < 1900 || y > new Date().getFullYear()) {
      issues.push({ field: 'birthYear', code: 'invalid_year' })
    }
  }
  if (!v.yearOnly && v.birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(v.birthDate)) {
    issues.push({ field: 'birthDate', code: 'invalid_date' })
  }
  const names = splitNames(v.otherNames)
  if (names.length > 10) issues.push({ field: 'otherNames', code: 'too_many_names' })
  else if (names.some((n) => n.length > 100)) issues.push({ field: 'otherNames', code: 'too_big' })
  if (v.place.trim() && !postcodeOf(v.place)) issues.push({ field: 'postcode', code: 'invalid_postcode' })
  if (v.phone.trim() && !PHONE.test(v.phone.trim())) issues.push({ field: 'phone', code: 'invalid_phone' })
  if (v.email.trim() && !EMAIL.test(v.email.trim())) issues.push({ field: 'email', code: 'invalid_email' })
  return issues
}

export function toInput(v: PersonFormValues): PersonInput {
  const orNull = (s: string) => (s.trim() ? s.trim() : null)
  return {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    otherNames: splitNames(v.otherNames),
    birthDate: v.yearOnly ? null : orNull(v.birthDate),
    birthYear: v.yearOnly ? (v.birthYear ? Number(v.birthYear) : null) : v.birthDate ? Number(v.birthDate.slice(0, 4)) : null,
    gender: v.gender,
    languages: v.languages as PersonInput['languages'],
    postcode: postcodeOf(v.place),
    phone: orNull(v.phone),
    email: orNull(v.email),
    notes: orNull(v.notes),
  }
}
