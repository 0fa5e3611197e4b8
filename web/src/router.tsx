import { type ComponentType, Suspense } from 'react'
import { matchRoutes, type RouteObject, useRoutes } from 'react-router'
import { Loading } from './components/loading'
import { MAIN_ID } from './components/skip-link'
import { page } from './components/lazy-page'
import { PublicLayout } from './components/public-layout'
import { RequireAbility } from './components/require-ability'
import { NotFoundPage } from './pages/not-found/not-found.page'
import { withAllTranslations, withCaseTranslations, withFrameTranslations } from './i18n'

/**
 * Every page is its own chunk, loaded when first shown: the first screen downloads the frame and
 * its own page only. The layouts show the loading state while a page's chunk arrives.
 */
// The signed-in frame (navigation, header menu) is not needed by the sign-in pages. It and My day
// wait for their own French areas only; every other signed-in page for all of them.
const AppLayout = page(() => withFrameTranslations(import('./components/app-layout')), 'AppLayout')
const signedIn = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) => page(() => withAllTranslations(load()), name)
const AccessGrantsPage = signedIn(() => import('./pages/accompaniments/access-grants.page'), 'AccessGrantsPage')
const CaseCreatePage = signedIn(() => import('./pages/accompaniments/case-create.page'), 'CaseCreatePage')
// A case's overview waits for its own words only (bundle.fr-case.ts); its tabs and dialogs bring the rest.
const CaseViewPage = page(() => withCaseTranslations(import('./pages/accompaniments/case-view.page')), 'CaseViewPage')
const ContactRequestsPage = signedIn(() => import('./pages/contact-requests/contact-requests.page'), 'ContactRequestsPage')
const CaseloadPage = signedIn(() => import('./pages/accompaniments/caseload.page'), 'CaseloadPage')
const AccountPage = signedIn(() => import('./pages/account/account.page'), 'AccountPage')
const ActivatePage = page(() => import('./pages/activate/activate.page'), 'ActivatePage')
const AuditPage = signedIn(() => import('./pages/audit/audit.page'), 'AuditPage')
const AccessReviewPage = signedIn(() => import('./pages/audit/access-review.page'), 'AccessReviewPage')
const ProcessingRegisterPage = signedIn(() => import('./pages/registers/processing-register.page'), 'ProcessingRegisterPage')
const BreachesPage = signedIn(() => import('./pages/registers/breaches.page'), 'BreachesPage')
const RetentionPage = signedIn(() => import('./pages/retention/retention.page'), 'RetentionPage')
const BreachPage = signedIn(() => import('./pages/registers/breach.page'), 'BreachPage')
const StudiesPage = signedIn(() => import('./pages/studies/studies.page'), 'StudiesPage')
const StudyPage = signedIn(() => import('./pages/studies/study.page'), 'StudyPage')
const PracticeNotesPage = signedIn(() => import('./pages/practice-notes/practice-notes.page'), 'PracticeNotesPage')
const PracticeNotePage = signedIn(() => import('./pages/practice-notes/practice-note.page'), 'PracticeNotePage')
const PracticeNoteFormPage = signedIn(() => import('./pages/practice-notes/practice-note-form.page'), 'PracticeNoteFormPage')
const DpoExportsPage = signedIn(() => import('./pages/dpo-exports/dpo-exports.page'), 'DpoExportsPage')
const ErasuresPage = signedIn(() => import('./pages/erasure/erasures.page'), 'ErasuresPage')
const DpoRequestsPage = signedIn(() => import('./pages/dpo-requests/dpo-requests.page'), 'DpoRequestsPage')
const DpoRequestPage = signedIn(() => import('./pages/dpo-requests/dpo-request.page'), 'DpoRequestPage')
const RestrictionsPage = signedIn(() => import('./pages/restrictions/restrictions.page'), 'RestrictionsPage')
const CalendarPage = signedIn(() => import('./pages/calendar/calendar.page'), 'CalendarPage')
const MyDayPage = page(() => withFrameTranslations(import('./pages/casework/my-day.page')), 'MyDayPage')
const HomePage = page(() => import('./pages/home/home.page'), 'HomePage')
const InstrumentsPage = signedIn(() => import('./pages/instruments/instruments.page'), 'InstrumentsPage')
const DutyPage = signedIn(() => import('./pages/duty/duty.page'), 'DutyPage')
const ExceptionsPage = signedIn(() => import('./pages/exceptions/exceptions.page'), 'ExceptionsPage')
const LoginPage = page(() => import('./pages/login/login.page'), 'LoginPage')
const MfaEnrolPage = page(() => import('./pages/mfa/mfa-enrol.page'), 'MfaEnrolPage')
const PersonCreatePage = signedIn(() => import('./pages/persons/person-create.page'), 'PersonCreatePage')
const PersonEditPage = signedIn(() => import('./pages/persons/person-edit.page'), 'PersonEditPage')
const PersonSearchPage = signedIn(() => import('./pages/persons/person-search.page'), 'PersonSearchPage')
const PersonViewPage = signedIn(() => import('./pages/persons/person-view.page'), 'PersonViewPage')
const ReportPrintPage = signedIn(() => import('./pages/reports/report-print.page'), 'ReportPrintPage')
const PersonSummaryPage = signedIn(() => import('./pages/desistance/person-summary.page'), 'PersonSummaryPage')
const ContactsPage = signedIn(() => import('./pages/contacts/contacts.page'), 'ContactsPage')
const ContactEditPage = signedIn(() => import('./pages/contacts/contact-edit.page'), 'ContactEditPage')
const ContactStatisticsPage = signedIn(() => import('./pages/contacts/contact-statistics.page'), 'ContactStatisticsPage')
const ContactThemesPage = signedIn(() => import('./pages/contacts/contact-themes.page'), 'ContactThemesPage')
const DashboardPage = signedIn(() => import('./pages/dashboard/dashboard.page'), 'DashboardPage')
const IndicatorsPage = signedIn(() => import('./pages/indicators/indicators.page'), 'IndicatorsPage')
const ActivityReportPage = signedIn(() => import('./pages/activity-report/activity-report.page'), 'ActivityReportPage')
const TrainingSessionsPage = signedIn(() => import('./pages/training-sessions/training-sessions.page'), 'TrainingSessionsPage')
const UsersPage = signedIn(() => import('./pages/users/users.page'), 'UsersPage')
const SheetsPage = signedIn(() => import('./pages/sheets/sheets.page'), 'SheetsPage')
const SheetPage = signedIn(() => import('./pages/sheets/sheet.page'), 'SheetPage')
const SheetPrintPage = signedIn(() => import('./pages/sheets/sheet.page'), 'SheetPrintPage')
const SheetCreatePage = signedIn(() => import('./pages/sheets/sheet-edit.page'), 'SheetCreatePage')
const SheetEditPage = signedIn(() => import('./pages/sheets/sheet-edit.page'), 'SheetEditPage')
const PartnersSearchPage = signedIn(() => import('./pages/partners/partners-search.page'), 'PartnersSearchPage')
const PartnerPage = signedIn(() => import('./pages/partners/partner.page'), 'PartnerPage')
const PartnerEditPage = signedIn(() => import('./pages/partners/partner-edit.page'), 'PartnerEditPage')
const PartnersHsdsPage = signedIn(() => import('./pages/partners/partners-hsds.page'), 'PartnersHsdsPage')
const NeedCategoriesPage = signedIn(() => import('./pages/partners/need-categories.page'), 'NeedCategoriesPage')
const PortalPage = signedIn(() => import('./pages/referrals/portal.page'), 'PortalPage')
const PortalReferralPage = signedIn(() => import('./pages/referrals/portal-referral.page'), 'PortalReferralPage')
const PortalOrganisationPage = signedIn(() => import('./pages/referrals/portal-organisation.page'), 'PortalOrganisationPage')

export const routes: RouteObject[] = [
  {
    element: <PublicLayout />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/activate', element: <ActivatePage /> },
      { path: '/mfa/enrol', element: <MfaEnrolPage /> },
    ],
  },
  {
    element: (
      <Suspense
        fallback={
          <main id={MAIN_ID}>
            <Loading />
          </main>
        }
      >
        <AppLayout />
      </Suspense>
    ),
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/account', element: <AccountPage /> },
      {
        element: <RequireAbility ability="my_day.read" />,
        children: [{ path: '/my-day', element: <MyDayPage /> }],
      },
      {
        element: <RequireAbility ability="case_session.read" />,
        children: [{ path: '/calendar', element: <CalendarPage /> }],
      },
      {
        element: <RequireAbility ability="accompaniment.assign" />,
        // Charts (recharts) load with the page that draws them, not with every page.
        children: [{ path: '/dashboard', element: <DashboardPage /> }],
      },
      {
        element: <RequireAbility ability="indicators.read" />,
        children: [{ path: '/indicators', element: <IndicatorsPage /> }],
      },
      {
        element: <RequireAbility ability="activity_report.read" />,
        children: [{ path: '/activity-report', element: <ActivityReportPage /> }],
      },
      {
        element: <RequireAbility ability="training_session.read" />,
        children: [{ path: '/training-sessions', element: <TrainingSessionsPage /> }],
      },
      {
        element: <RequireAbility ability="contact.read" />,
        children: [
          { path: '/contacts', element: <ContactsPage /> },
          { path: '/contacts/new', element: <ContactEditPage /> },
          { path: '/contacts/:id', element: <ContactEditPage /> },
        ],
      },
      {
        element: <RequireAbility ability="contact.statistics" />,
        children: [{ path: '/contacts/statistics', element: <ContactStatisticsPage /> }],
      },
      {
        element: <RequireAbility ability="contact_request.read" />,
        children: [{ path: '/contact-requests', element: <ContactRequestsPage /> }],
      },
      {
        element: <RequireAbility ability="person.search" />,
        children: [{ path: '/persons', element: <PersonSearchPage /> }],
      },
      {
        element: <RequireAbility ability="person.create" />,
        children: [{ path: '/persons/new', element: <PersonCreatePage /> }],
      },
      {
        element: <RequireAbility ability="person.read" />,
        children: [{ path: '/persons/:id', element: <PersonViewPage /> }],
      },
      {
        element: <RequireAbility ability="person.update" />,
        children: [{ path: '/persons/:id/edit', element: <PersonEditPage /> }],
      },
      {
        element: <RequireAbility ability="accompaniment.read" />,
        children: [
          { path: '/accompaniments', element: <CaseloadPage /> },
          { path: '/accompaniments/:id', element: <CaseViewPage /> },
          { path: '/accompaniments/:id/reports/:reportId', element: <ReportPrintPage /> },
        ],
      },
      {
        element: <RequireAbility ability="desistance.read" />,
        children: [{ path: '/accompaniments/:id/summary', element: <PersonSummaryPage /> }],
      },
      {
        element: <RequireAbility ability="accompaniment.create" />,
        children: [{ path: '/accompaniments/new', element: <CaseCreatePage /> }],
      },
      {
        element: <RequireAbility ability="access_grant.review" />,
        children: [{ path: '/access-grants', element: <AccessGrantsPage /> }],
      },
      {
        element: <RequireAbility ability="user.manage" />,
        children: [{ path: '/admin/users', element: <UsersPage /> }],
      },
      {
        element: <RequireAbility ability="instrument.manage" />,
        children: [{ path: '/admin/instruments', element: <InstrumentsPage /> }],
      },
      {
        element: <RequireAbility ability="contact_theme.manage" />,
        children: [{ path: '/admin/contact-themes', element: <ContactThemesPage /> }],
      },
      {
        element: <RequireAbility ability="sheet.manage" />,
        children: [
          { path: '/sheets/new', element: <SheetCreatePage /> },
          { path: '/sheets/:id/edit', element: <SheetEditPage /> },
        ],
      },
      {
        element: <RequireAbility ability="sheet.read" />,
        children: [
          { path: '/sheets', element: <SheetsPage /> },
          { path: '/sheets/:id', element: <SheetPage /> },
          { path: '/sheets/:id/print', element: <SheetPrintPage /> },
        ],
      },
      {
        element: <RequireAbility ability="partner_directory.read" />,
        children: [
          { path: '/partners', element: <PartnersSearchPage /> },
          { path: '/partners/:id', element: <PartnerPage /> },
        ],
      },
      {
        element: <RequireAbility ability="partner_directory.manage" />,
        children: [
          { path: '/partners/new', element: <PartnerEditPage /> },
          { path: '/partners/:id/edit', element: <PartnerEditPage /> },
        ],
      },
      {
        element: <RequireAbility ability="partner_directory.import" />,
        children: [{ path: '/admin/partners', element: <PartnersHsdsPage /> }],
      },
      {
        element: <RequireAbility ability="referral.partner" />,
        children: [
          { path: '/portal', element: <PortalPage /> },
          { path: '/portal/:id', element: <PortalReferralPage /> },
          { path: '/partner-organisation', element: <PortalOrganisationPage /> },
        ],
      },
      {
        element: <RequireAbility ability="need_category.manage" />,
        children: [{ path: '/admin/need-categories', element: <NeedCategoriesPage /> }],
      },
      {
        element: <RequireAbility ability="duty.manage" />,
        children: [{ path: '/duty', element: <DutyPage /> }],
      },
      {
        element: <RequireAbility ability="exception.read_register" />,
        children: [{ path: '/exceptions', element: <ExceptionsPage /> }],
      },
      {
        element: <RequireAbility ability="audit.read" />,
        children: [
          { path: '/audit', element: <AuditPage /> },
          { path: '/audit/access-review', element: <AccessReviewPage /> },
        ],
      },
      {
        element: <RequireAbility ability="processing_register.manage" />,
        children: [{ path: '/dpo/register', element: <ProcessingRegisterPage /> }],
      },
      {
        element: <RequireAbility ability="retention.manage" />,
        children: [{ path: '/dpo/retention', element: <RetentionPage /> }],
      },
      {
        element: <RequireAbility ability="study.manage" />,
        children: [{ path: '/studies/new', element: <StudyPage /> }],
      },
      {
        element: <RequireAbility ability="study.read" />,
        children: [
          { path: '/studies', element: <StudiesPage /> },
          { path: '/studies/:studyId', element: <StudyPage /> },
        ],
      },
      {
        element: <RequireAbility ability="practice_note.read" />,
        children: [
          { path: '/practice-notes', element: <PracticeNotesPage /> },
          { path: '/practice-notes/:noteId', element: <PracticeNotePage /> },
        ],
      },
      {
        element: <RequireAbility ability="practice_note.write" />,
        children: [
          { path: '/practice-notes/new', element: <PracticeNoteFormPage /> },
          { path: '/practice-notes/:noteId/edit', element: <PracticeNoteFormPage /> },
        ],
      },
      {
        element: <RequireAbility ability="breach.manage" />,
        children: [
          { path: '/dpo/breaches', element: <BreachesPage /> },
          { path: '/dpo/breaches/new', element: <BreachPage /> },
          { path: '/dpo/breaches/:breachId', element: <BreachPage /> },
        ],
      },
      {
        element: <RequireAbility ability="dpo_request.manage" />,
        children: [
          { path: '/dpo/requests', element: <DpoRequestsPage /> },
          { path: '/dpo/requests/:requestId', element: <DpoRequestPage /> },
        ],
      },
      {
        element: <RequireAbility ability="person.restrict" />,
        children: [{ path: '/restrictions', element: <RestrictionsPage /> }],
      },
      {
        element: <RequireAbility ability="dpo_export.run" />,
        children: [{ path: '/dpo/exports', element: <DpoExportsPage /> }],
      },
      {
        element: <RequireAbility ability="erasure.propose" />,
        children: [{ path: '/dpo/erasures', element: <ErasuresPage /> }],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]

/**
 * The routes, under the declarative BrowserRouter (App.tsx): Parcours uses no loader, action or
 * fetcher, and the data router's code is 17 KB gzip more in every first screen. Navigations
 * still change pages in a transition, so the current page stays until the next one's chunk is in.
 */
export function AppRoutes() {
  return useRoutes(routes)
}

/** The elements the address shows at start-up, to fetch their chunks before React renders. */
export const startElements = () => (matchRoutes(routes, window.location) ?? []).map((m) => m.route.element)
