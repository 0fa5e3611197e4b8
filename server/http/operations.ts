/**
 * The operations catalogue: what the OpenAPI document says of each route that the route's own
 * definition cannot tell. Keyed by `METHOD /path` exactly as the route is defined.
 *
 * - `id`: the operationId, stable: the web client's types and outside clients are generated from it.
 * - `ifMatch`: the handler takes the record version from `If-Match` (`expectedVersion`): 428 when
 *   missing, 412 when stale, 409 when the record's state refuses the change.
 *   `operations.test.ts` reads the route files and fails when this flag and the code disagree.
 * - `throttled`: guessing is counted before the secret is checked (sign-in, MFA, password): 429.
 * - `also`: further statuses the handler answers by itself (a conflict, a wrong secret…).
 * - `public`: needs no session (`allow: 'public'`), for the visitors of the public page;
 *   `operations.test.ts` fails when this flag and the route disagree. The public page itself and
 *   its plain HTML form (`/info`, `/info/:lang`, `/info/sheets/:code`, `POST /info/contact`) answer HTML and are left out
 *   of the document like the web app's files.
 *
 * Everything else (401, 403, 404, 400, the denial limit's 429, security) is derived from the route
 * (`allow`, params, body, case access) in `openapi.ts`. `operations.test.ts` fails when a route has
 * no entry here or an entry names no route.
 */
export type Operation = {
  id: string
  ifMatch?: true
  throttled?: true
  also?: readonly (401 | 403 | 409 | 503)[]
  public?: true
}

export const OPERATIONS: Record<string, Operation> = {
  'GET /api/health': { id: 'getHealth', public: true },
  'GET /api/ready': { id: 'getReadiness', public: true },

  'POST /api/auth/login': { id: 'login', throttled: true, also: [401], public: true },
  'POST /api/auth/mfa/verify': { id: 'verifyMfa', throttled: true, also: [409] },
  'POST /api/auth/logout': { id: 'logout' },
  'POST /api/auth/activate': { id: 'activateAccount', public: true },

  'GET /api/me': { id: 'getMe' },
  'POST /api/me/password': { id: 'changeMyPassword', throttled: true },
  'POST /api/me/mfa/enrol': { id: 'startMfaEnrolment', also: [409] },
  'POST /api/me/mfa/confirm': { id: 'confirmMfaEnrolment', also: [401, 409] },
  'PUT /api/me/language': { id: 'setMyLanguage' },
  'GET /api/me/notification-preferences': { id: 'getMyNotificationPreferences' },
  'PUT /api/me/notification-preferences': { id: 'setMyNotificationPreferences' },
  'GET /api/me/calendar-feed': { id: 'getMyCalendarFeed' },
  'POST /api/me/calendar-feed': { id: 'issueMyCalendarFeed' },
  'DELETE /api/me/calendar-feed': { id: 'revokeMyCalendarFeed' },
  'GET /api/calendar-feed/:file': { id: 'readCalendarFeed', public: true },
  'GET /api/me/privacy-screen': { id: 'getMyPrivacyScreen' },
  'PUT /api/me/privacy-screen': { id: 'setMyPrivacyScreen' },
  'GET /api/me/recent': { id: 'listMyRecentViews' },
  'DELETE /api/me/recent': { id: 'clearMyRecentViews' },
  'POST /api/search': { id: 'searchEverything' },

  'GET /api/users': { id: 'listUsers' },
  'POST /api/users': { id: 'createUser', also: [409] },
  'GET /api/users/:id': { id: 'getUser' },
  'PATCH /api/users/:id': { id: 'updateUser', ifMatch: true },
  'POST /api/users/:id/mfa-reset': { id: 'resetUserMfa' },
  'POST /api/users/:id/activation': { id: 'issueActivationLink' },
  'GET /api/role-requests': { id: 'listRoleRequests' },
  'POST /api/role-requests/:id/confirm': { id: 'confirmRoleRequest', ifMatch: true },
  'POST /api/role-requests/:id/refuse': { id: 'refuseRoleRequest', ifMatch: true },

  'GET /api/teams': { id: 'listTeams' },
  'POST /api/teams': { id: 'createTeam', also: [409] },
  'GET /api/teams/:id/members': { id: 'listTeamMembers' },

  'POST /api/persons/search': { id: 'searchPersons' },
  'POST /api/persons': { id: 'createPerson' },
  'GET /api/persons/:id': { id: 'getPerson' },
  'GET /api/persons/:id/cases': { id: 'listPersonCases' },
  'PUT /api/persons/:id': { id: 'replacePerson', ifMatch: true },

  'POST /api/accompaniments': { id: 'createAccompaniment' },
  'GET /api/accompaniments': { id: 'listAccompaniments' },
  'POST /api/accompaniments/search': { id: 'searchAccompaniments' },
  'GET /api/accompaniments/:id': { id: 'getAccompaniment' },
  'PUT /api/accompaniments/:id': { id: 'updateAccompanimentDetails', ifMatch: true },
  'POST /api/accompaniments/:id/assign': { id: 'assignAccompaniment' },
  'POST /api/accompaniments/:id/break-glass': { id: 'breakGlass' },
  'GET /api/accompaniments/:id/timeline': { id: 'getAccompanimentTimeline' },
  'GET /api/accompaniments/:id/closure': { id: 'getClosureContext' },
  'POST /api/accompaniments/:id/status': { id: 'changeAccompanimentStatus', ifMatch: true },
  'POST /api/accompaniments/:id/closure': { id: 'requestClosure', ifMatch: true },
  'POST /api/accompaniments/:id/closure/decision': { id: 'decideClosure', ifMatch: true },
  'POST /api/accompaniments/:id/reopen': { id: 'reopenAccompaniment', ifMatch: true },
  'GET /api/accompaniments/:id/relatives': { id: 'listCaseRelatives' },
  'POST /api/accompaniments/:id/relatives': { id: 'addCaseRelative' },
  'PUT /api/accompaniments/:id/relatives/:relativeId': { id: 'updateCaseRelative', ifMatch: true },
  'GET /api/dashboard/caseload': { id: 'getCaseloadDashboard' },
  'GET /api/access-grants': { id: 'listAccessGrants' },

  'GET /api/accompaniments/:id/sessions': { id: 'listCaseSessions' },
  'POST /api/accompaniments/:id/sessions': { id: 'createCaseSession' },
  'PUT /api/accompaniments/:id/sessions/:sessionId': { id: 'updateCaseSession', ifMatch: true },
  'GET /api/calendar': { id: 'getCalendar' },
  'GET /api/calendar/cases': { id: 'listCalendarCases' },

  'GET /api/accompaniments/:id/tasks': { id: 'listTasks' },
  'POST /api/accompaniments/:id/tasks': { id: 'createTask' },
  'POST /api/accompaniments/:id/tasks/:taskId/status': { id: 'setTaskStatus', ifMatch: true },
  'PUT /api/accompaniments/:id/tasks/:taskId': { id: 'updateTask', ifMatch: true },
  'GET /api/my-day': { id: 'getMyDay' },

  'GET /api/accompaniments/:id/documents': { id: 'listDocuments' },
  'POST /api/accompaniments/:id/documents': { id: 'uploadDocument' },
  'GET /api/accompaniments/:id/documents/:documentId': { id: 'downloadDocument' },
  'PATCH /api/accompaniments/:id/documents/:documentId': { id: 'updateDocument', ifMatch: true },
  'DELETE /api/accompaniments/:id/documents/:documentId': { id: 'removeDocument', ifMatch: true },

  'POST /api/accompaniments/:id/reports': { id: 'createReport' },
  'GET /api/accompaniments/:id/reports': { id: 'listReports' },
  'GET /api/accompaniments/:id/reports/:reportId/pdf': { id: 'getReportPdf' },

  'GET /api/accompaniments/:id/progress': { id: 'getProgress' },
  'GET /api/accompaniments/:id/summary': { id: 'getPersonSummary' },

  'GET /api/duty/now': { id: 'getDutyNow' },
  'GET /api/duty/hours': { id: 'getOpeningHours' },
  'PUT /api/duty/hours': { id: 'setOpeningHours', ifMatch: true },
  'GET /api/duty/rota': { id: 'listRota' },
  'PUT /api/duty/rota/:date/:half': { id: 'setRotaSlot', ifMatch: true },
  'GET /api/duty/staff': { id: 'listDutyStaff' },
  'GET /api/duty/emergency-path': { id: 'getEmergencyPath' },
  'POST /api/duty/triage': { id: 'evaluateTriage' },
  'PUT /api/duty/emergency-path': { id: 'setEmergencyPath', ifMatch: true },
  'GET /api/accompaniments/:id/exceptions': { id: 'listCaseExceptions' },
  'GET /api/accompaniments/:id/consents': { id: 'listCaseConsents' },
  'POST /api/accompaniments/:id/consents': { id: 'recordCaseConsent' },
  'POST /api/consents/:consentId/withdraw': { id: 'withdrawConsent', ifMatch: true },
  'POST /api/accompaniments/:id/consents/:consentId/form': { id: 'attachConsentForm', ifMatch: true },
  'GET /api/accompaniments/:id/referrals': { id: 'listCaseReferrals' },
  'POST /api/accompaniments/:id/referrals': { id: 'createReferral' },
  'PUT /api/referrals/:referralId': { id: 'updateReferralDraft', ifMatch: true },
  'POST /api/referrals/:referralId/send': { id: 'sendReferral', ifMatch: true },
  'POST /api/referrals/:referralId/stop': { id: 'stopReferral', ifMatch: true },
  'POST /api/referrals/:referralId/feedback': { id: 'writeReferralFeedback' },
  'GET /api/partner/referrals': { id: 'listPartnerReferrals' },
  'GET /api/partner/referrals/:referralId': { id: 'getPartnerReferral' },
  'GET /api/partner/referrals/:referralId/documents/:documentId': { id: 'downloadPartnerDocument' },
  'POST /api/partner/referrals/:referralId/accept': { id: 'acceptReferral', ifMatch: true },
  'POST /api/partner/referrals/:referralId/decline': { id: 'declineReferral', ifMatch: true },
  'POST /api/partner/referrals/:referralId/progress': { id: 'progressReferral', ifMatch: true },
  'POST /api/partner/referrals/:referralId/complete': { id: 'completeReferral', ifMatch: true },
  'POST /api/partner/referrals/:referralId/feedback': { id: 'writePartnerFeedback' },
  'GET /api/partner/organisation': { id: 'getPartnerOrganisation' },
  'GET /api/partner/organisation/profile': { id: 'getOwnOrganisationProfile' },
  'PUT /api/partner/organisation/profile': { id: 'updateOwnOrganisationProfile', ifMatch: true },
  'GET /api/partners/activity': { id: 'listPartnerActivity' },
  'GET /api/partners/:id/activity': { id: 'getPartnerActivity' },
  'POST /api/accompaniments/:id/exceptions': { id: 'recordCaseException' },
  'POST /api/exceptions': { id: 'recordContactException' },
  'GET /api/contacts/:id/exceptions': { id: 'listContactExceptions' },
  'GET /api/exceptions': { id: 'listExceptionRegister' },
  'GET /api/exceptions/:exceptionId': { id: 'getException' },
  'PUT /api/exceptions/:exceptionId': { id: 'updateException', ifMatch: true },
  'POST /api/exceptions/:exceptionId/decision': { id: 'decideException', ifMatch: true, also: [403] },
  'GET /api/legal-bases': { id: 'listLegalBases' },
  'POST /api/legal-bases': { id: 'createLegalBasis' },
  'PUT /api/legal-bases/:basisId': { id: 'updateLegalBasis', ifMatch: true },
  'GET /api/instruments': { id: 'listInstruments' },
  'POST /api/instruments': { id: 'createInstrument', also: [409] },
  'GET /api/instruments/:code/versions/:version': { id: 'getInstrumentVersion' },
  'POST /api/instruments/:code/versions': { id: 'createInstrumentVersion' },
  'PUT /api/instruments/:code/client-kinds': { id: 'setInstrumentClientKinds', ifMatch: true },

  'GET /api/sheets': { id: 'listSheets' },
  'GET /api/sheets/:id': { id: 'getSheet' },
  'GET /api/sheets/:id/texts/:language/versions': { id: 'listSheetVersions' },
  'GET /api/sheets/:id/texts/:language/versions/:version': { id: 'getSheetVersion' },
  'POST /api/sheets': { id: 'createSheet' },
  'PUT /api/sheets/:id': { id: 'updateSheet', ifMatch: true },
  'PUT /api/sheets/:id/texts/:language': { id: 'saveSheetDraft', ifMatch: true },
  'POST /api/sheets/:id/texts/:language/publish': { id: 'publishSheetText', ifMatch: true },
  'POST /api/sheets/:id/texts/:language/unpublish': { id: 'unpublishSheetText', ifMatch: true },
  'GET /api/public/sheets': { id: 'listPublicSheets', public: true },
  'GET /api/public/sheets/:code': { id: 'getPublicSheet', public: true },

  'GET /api/accompaniments/:id/assessments': { id: 'listAssessments' },
  'POST /api/accompaniments/:id/assessments': { id: 'createAssessment' },
  'GET /api/accompaniments/:id/assessments/:assessmentId': { id: 'getAssessment' },
  'PUT /api/accompaniments/:id/assessments/:assessmentId': { id: 'updateAssessment', ifMatch: true },

  'GET /api/accompaniments/:id/plan': { id: 'getPlan' },
  'PUT /api/accompaniments/:id/plan': { id: 'savePlan', ifMatch: true },
  'GET /api/accompaniments/:id/plan/versions': { id: 'listPlanVersions' },
  'GET /api/accompaniments/:id/plan/versions/:version': { id: 'getPlanVersion' },

  'GET /api/accompaniments/:id/trajectory': { id: 'listTrajectory' },
  'POST /api/accompaniments/:id/trajectory': { id: 'createTrajectoryEvent' },
  'PUT /api/accompaniments/:id/trajectory/:eventId': { id: 'updateTrajectoryEvent', ifMatch: true },
  'DELETE /api/accompaniments/:id/trajectory/:eventId': { id: 'deleteTrajectoryEvent', ifMatch: true },

  'GET /api/accompaniments/:id/network': { id: 'listNetworkSnapshots' },
  'POST /api/accompaniments/:id/network': { id: 'createNetworkSnapshot' },
  'PUT /api/accompaniments/:id/network/:snapshotId': { id: 'updateNetworkSnapshot', ifMatch: true },
  'GET /api/accompaniments/:id/network/compare': { id: 'compareNetworkSnapshots' },

  'GET /api/postcodes': { id: 'searchPostcodes' },

  'GET /api/audit': { id: 'listAuditEntries' },
  'POST /api/audit/search': { id: 'searchAuditEntries' },
  'GET /api/audit/actors': { id: 'listAuditActors' },
  'GET /api/audit/verify': { id: 'verifyAuditChain' },
  'GET /api/dpo-alerts': { id: 'listDpoAlerts' },
  'POST /api/dpo-alerts/:id/acknowledge': { id: 'acknowledgeDpoAlert', ifMatch: true },

  'POST /api/contacts': { id: 'createContact' },
  'GET /api/contacts': { id: 'listContacts' },
  'GET /api/contacts/queue': { id: 'getContactQueue' },
  'POST /api/contacts/repeat-caller': { id: 'findRepeatCaller' },
  'GET /api/contacts/:id': { id: 'getContact' },
  'GET /api/contacts/:id/history': { id: 'getContactHistory' },
  'PUT /api/contacts/:id': { id: 'updateContact', ifMatch: true },
  'POST /api/contacts/:id/finalise': { id: 'finaliseContact', ifMatch: true, also: [409] },
  'POST /api/contacts/:id/link': { id: 'linkContact', ifMatch: true },
  'POST /api/contacts/:id/callback': { id: 'setContactCallback', ifMatch: true },
  'GET /api/contacts/:id/triage': { id: 'getContactTriage' },
  'POST /api/contacts/:id/triage': { id: 'triageContact', ifMatch: true },
  'GET /api/contacts/:id/information-given': { id: 'listContactInformationGiven' },
  'POST /api/contacts/:id/information-given': { id: 'recordContactInformationGiven', ifMatch: true },
  'POST /api/contacts/:id/danger/acknowledge': { id: 'acknowledgeContactDanger', ifMatch: true, also: [409] },
  'GET /api/contacts/statistics': { id: 'getContactStatistics' },
  'GET /api/contact-themes': { id: 'listContactThemes' },
  'POST /api/contact-themes': { id: 'createContactTheme', also: [409] },
  'PUT /api/contact-themes/:code': { id: 'updateContactTheme', ifMatch: true },
  // The public form's JSON variant (no session; counted per address and per day: 429; a full inbox: 503).
  'GET /api/public/contact-form': { id: 'getPublicContactForm', public: true },
  'POST /api/public/contact-requests': { id: 'submitContactRequest', throttled: true, also: [503], public: true },
  'GET /api/contact-requests': { id: 'listContactRequests' },
  'GET /api/contact-requests/:id': { id: 'getContactRequest' },
  'POST /api/contact-requests/:id/decision': { id: 'decideContactRequest', ifMatch: true },
  'POST /api/contact-requests/:id/take': { id: 'takeContactRequest', ifMatch: true, also: [409] },
  'GET /api/partners': { id: 'listPartners' },
  'GET /api/partners/:id': { id: 'getPartner' },
  'POST /api/partners': { id: 'createPartner' },
  'PUT /api/partners/:id': { id: 'updatePartner', ifMatch: true },
  'GET /api/partners/hsds': { id: 'exportPartnersHsds' },
  'GET /api/partners/search': { id: 'searchPartners' },
  'POST /api/partners/hsds': { id: 'importPartnersHsds' },
  'GET /api/notifications': { id: 'listNotifications' },
  'POST /api/notifications/:id/read': { id: 'markNotificationRead' },
  'GET /api/need-categories': { id: 'listNeedCategories' },
  'POST /api/need-categories': { id: 'createNeedCategory' },
  'PUT /api/need-categories/:code': { id: 'updateNeedCategory', ifMatch: true },
}

export const operationKey = (method: string, path: string): string => `${method} ${path}`
