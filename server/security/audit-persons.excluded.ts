/**
 * The GET routes `audit-persons.api.test.ts` leaves out, and why: each answer shows no person
 * concerned, or records its persons in a way its own test proves. A route missing from both this
 * list and the test's calls fails the route-table check.
 */
export const EXCLUDED: Record<string, string> = {
  'GET /api/me/notification-preferences': 'the caller’s own settings (events and on/off): no person concerned',
  'GET /api/me/calendar-feed': 'whether the caller has a feed address, and since when: no person concerned',
  'GET /api/calendar-feed/:file':
    'an iCalendar body (no JSON), read without a session at a secret address: case codes and kinds of session only; its entry records the sessions’ clients (modules/calendar-feed/calendar-feed.api.test.ts)',
  'GET /api/notifications': 'no personal data (the caller’s own notices: an event, ids and a reference code)',
  'GET /api/partners': 'directory, no personal data (organisations’ public descriptions and staff contacts)',
  'GET /api/partners/:id': 'directory, no personal data (organisations’ public descriptions and staff contacts)',
  'GET /api/partners/hsds': 'directory, no personal data (the HSDS export of the partner directory)',
  'GET /api/partners/search': 'directory, no personal data (services covering a place; the place is not stored)',
  'GET /api/need-categories': 'directory, no personal data (the need taxonomy)',
  'GET /api/partner/referrals':
    "the partner portal answers copies that carry no person's id or code (only a referral's pseudonymous reference); its entry records the case's client for the DPO all the same: modules/referrals/partner-portal.api.test.ts",
  'GET /api/partner/referrals/:referralId':
    "the partner portal answers a copy without any person's id or code; its entry records the case's client for the DPO: modules/referrals/partner-portal.api.test.ts",
  'GET /api/partner/referrals/:referralId/documents/:documentId':
    "a shared document's bytes, named by the copy without any person's id or code; its entry records the case's client for the DPO: modules/referrals/referral-documents.api.test.ts",
  'GET /api/partner/organisation': "the partner's own organisation from the directory: no person concerned",
  'GET /api/partner/organisation/profile': "the partner's own organisation from the directory: no person concerned",
  'GET /api/partners/activity':
    'counts of referrals per organisation only: no person, case or code (modules/referrals/referral-activity.api.test.ts)',
  'GET /api/partners/:id/activity':
    'counts of referrals of one organisation only: no person, case or code (modules/referrals/referral-activity.api.test.ts)',
  'GET /api/audit':
    "the DPO's view of the log shows the pseudonymous codes of each entry's persons, never their data; its entry names the person asked about (modules/audit/audit.api.test.ts), not every code listed, or each look-up would bury the answer to 'who read this person' under the DPO's own",
  'GET /api/audit/actors': "staff accounts for the DPO's choice of a user: no person concerned",
  'GET /api/audit/access-review': 'counts of persons and cases read per account and day: no person, case or code',
  'GET /api/audit/access-review/users/:id':
    'what one account read, by pseudonymous code as on GET /api/audit; its entry names the account asked about (modules/audit/access-review.api.test.ts), not every code listed, for the same reason',
  // Issue 13, the DPO's registers. Each names on its entry the persons it shows (by code only); the
  // world of this file has no data-subject request, restriction, erasure or export to show, so the
  // routes' own tests check their entries.
  'GET /api/persons/:id/restriction':
    "the DPO's restriction record of one person; its entry names the person (modules/restrictions/restrictions.routes.ts)",
  'GET /api/erasures':
    'erasures proposed and decided, by person code; its entry names the persons shown (modules/erasures/erasures.api.test.ts)',
  'GET /api/dpo/requests': "the DPO's request register, by person code; its entry names the persons shown (modules/dpo-requests)",
  'GET /api/dpo/requests/:requestId': "one request of the DPO's register; its entry names its person (modules/dpo-requests)",
  'GET /api/persons/:id/rectifications':
    'rectification requests about one person, through the persons door; its entry names the person (modules/dpo-requests/rectification.routes.ts)',
  'GET /api/dpo/retention/schedules': 'retention terms per record kind: no person concerned',
  'GET /api/dpo/retention/due': 'case codes and dates due under the retention terms, for the DPO: codes only, as on GET /api/audit',
  'GET /api/dpo/retention/runs': 'retention runs: counts per kind and reports, no person, case or code',
  'GET /api/dpo/retention/runs/:runId':
    'one retention run: item ids and outcomes (no code, no name) and counts; the run is its entry’s subject',
  'GET /api/dpo/legal-holds': 'legal holds on cases by code; its entry names the cases’ clients (modules/retention/retention.routes.ts)',
  'GET /api/processing-register': 'the records of processing (art. 30): categories, purposes, recipients; no person concerned',
  'GET /api/breaches': 'breaches of security: numbers of persons affected, never who',
  'GET /api/breaches/:breachId': 'one breach of security: numbers of persons affected, never who',
  'GET /api/studies': 'studies: texts about research and the staff named on them, no person concerned',
  'GET /api/studies/:studyId': 'one study: texts about research and the staff named on it, no person concerned',
  'GET /api/studies/researchers': 'researcher staff accounts a study can name: no person concerned',
  'GET /api/studies/:studyId/extracts': "a study's register of extracts: who took them, when, counts; no person concerned",
  'GET /api/studies/:studyId/extracts/:extractId/:format':
    'a sealed file of generalised, pseudonymised records (no key of a person opened); the entry of its making names the persons whose birth year was read (modules/extracts)',
  'GET /api/dpo/exports': "a request's exports; its entry names the exports' persons (modules/dpo-exports/dpo-exports.routes.ts)",
  'GET /api/dpo/exports/:id': "an export's state and counts; its entry names the person (modules/dpo-exports/dpo-exports.api.test.ts)",
  'GET /api/dpo/exports/:id/download':
    "the sealed archive's bytes, once; its entry names the person (modules/dpo-exports/dpo-exports.api.test.ts)",
  'GET /api/role-requests': 'access requests about staff accounts: no person concerned',
  'GET /api/dpo-alerts': 'alerts about staff accounts (activation links, second factors, grants): no person concerned',
  'GET /info': 'the public information page: the service, the line, the form; no personal data',
  'GET /info/:lang': 'the public information page in one language: no personal data',
  'GET /info/sheets/:code': 'a public information sheet (staff-written knowledge): no personal data',
  'GET /api/public/contact-form': 'a fresh form token for the public form: no personal data',
  'GET /api/contact-requests':
    'the public inbox lists kinds, dates and how to call back, never an identity or a message; a request belongs to no person until the lead makes it a contact',
  'GET /api/contacts/statistics':
    "the lead's figures on the line: counts per week and category, durations, sheet codes and titles; no contact, identity or text (modules/contacts/contact-statistics.api.test.ts)",
  'GET /api/indicators':
    "a team's activity as counts, each through the small-cell rule: no person, case or text (modules/indicators/indicators.api.test.ts)",
  'GET /api/indicators/teams': 'the teams whose indicators the caller may read: ids and names, no person',
  'GET /api/training-sessions':
    "the team's training and awareness sessions: audiences, organisations and counts of participants; a text naming a case, a person, an id, an e-mail or a phone is refused (modules/training-sessions)",
  'GET /api/training-sessions/teams': 'the teams whose training log the caller may read: ids and names, no person',
  'GET /api/activity-report':
    "a team's year as counts, each about persons through the small-cell rule: no person, case or text (modules/activity-report)",
  'GET /api/activity-report/pdf': 'the same counts as a PDF: no person, case or text (modules/activity-report)',
  'GET /api/activity-report/csv': 'the same counts as a CSV: no person, case or text (modules/activity-report)',
  'GET /api/practice-notes':
    'practice notes: about practice, a text naming a case, a person, an id, an e-mail or a phone is refused (modules/practice-notes)',
  'GET /api/practice-notes/:noteId':
    'one practice note and its comments, under the same refusal: no person concerned (modules/practice-notes)',
  'GET /api/contact-requests/:id':
    'a public request belongs to no person yet: its read is recorded under the request id, whose own key opens it (modules/public-info/contact-requests.api.test.ts)',
}
