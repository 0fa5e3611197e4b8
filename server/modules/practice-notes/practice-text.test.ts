import { describe, expect, it } from 'vitest'
import { refusalOf } from './practice-text'

/** What the guard on practice notes finds, and the practice words it must let through. */
describe('the practice-note text guard', () => {
  it.each([
    ['Seen in A-7K3M-9QX2 last week', 'contains_case_code'],
    ['seen in a-7k3m9qx2', 'contains_case_code'],
    ['seen in A 7K3M 9QX2', 'contains_case_code'],
    ['seen in A7K3M9QX2', 'contains_case_code'],
    ['about P-AB12-CD34', 'contains_person_code'],
    ['about P-ABCD-EFGH', 'contains_person_code'],
    ['request R-2345-ABCD', 'contains_identifier'],
    ['request D-2345-ABCD', 'contains_identifier'],
    ['request d 2345 abc9', 'contains_identifier'],
    ['id 3f2c1a9e-8b7d-4c6e-9f01-23456789abcd', 'contains_identifier'],
    ['mail jan.peeters@example.be please', 'contains_email'],
    ['call 0470 12 34 56', 'contains_phone'],
    ['call 02/123.45.67', 'contains_phone'],
    ['call +32 470 123 456', 'contains_phone'],
    ['call 0032470123456', 'contains_phone'],
  ])('refuses %j', (text, refusal) => {
    expect(refusalOf(text)).toBe(refusal)
  })

  it.each([
    'Attention: a very good intake, with Partners and Reviews',
    'From 01/02/2026 to 2026-03-31, 12 sessions, 3 teams',
    'Figures for P 2024 2025 and A 1000 2000',
    'Families involved early seem to shorten the intake phase',
    'Approximately 10 000 euros, 45% of cases, 0,5 FTE',
    'Apartment, Aspiration, Paragraphs, Relational',
    'Dropouts in D 2025 2026, Discussions and Departures',
  ])('lets %j through', (text) => {
    expect(refusalOf(text)).toBeNull()
  })
})
