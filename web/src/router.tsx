import { Suspense } from 'react'
import { createBrowserRouter } from 'react-router'
import { Loading } from './components/loading'
import { MAIN_ID } from './components/skip-link'
import { page } from './components/lazy-page'
import { PublicLayout } from './components/public-layout'
import { RequireAbility } from './components/require-ability'
import { NotFoundPage } from './pages/not-found/not-found.page'
import { withAllTranslations } from './i18n'

/**
 * Every page is its own chunk, loaded when first shown: the first screen downloads the frame and
 * its own page only. The layouts show the loading state while a page's chunk arrives.
 */
// The signed-in frame (navigation, header menu) is not needed by the sign-in pages.
const AppLayout = page(() => withAllTranslations(import('./components/app-layout')), 'AppLayout')
const AccessGrantsPage = page(() => import('./pages/accompaniments/access-grants.page'), 'AccessGrantsPage')
const CaseCreatePage = page(() => import('./pages/accompaniments/case-create.page'), 'CaseCreatePage')
const CaseViewPage = page(() => import('./pages/accompaniments/case-view.page'), 'CaseViewPage')
const ContactRequestsPage = page(() => import('./pages/contact-requests/contact-requests.page'), 'ContactRequestsPage')
const CaseloadPage = page(() => import('./pages/accompaniments/caseload.page'), 'CaseloadPage')
const AccountPage = page(() => import('./pages/account/account.page'), 'AccountPage')
const ActivatePage = page(() => import('./pages/activate/activate.page'), 'ActivatePage')
const AuditPage = page(() => import('./pages/audit/audit.page'), 'AuditPage')
const AccessReviewPage = page(() => import('./pages/audit/access-review.page'), 'AccessReviewPage')
const ProcessingRegisterPage = page(() => import('./pages/registers/processing-register.page'), 'ProcessingRegisterPage')
const BreachesPage = page(() => import('./pages/registers/breaches.page'), 'BreachesPage')
const RetentionPage = page(() => import('./pages/retention/retention.page'), 'RetentionPage')
const BreachPage = page(() => import('./pages/registers/breach.page'), 'BreachPage')
const StudiesPage = page(() => import('./pages/studies/studies.page'), 'StudiesPage')
const StudyPage = page(() => import('./pages/studies/study.page'), 'StudyPage')
const PracticeNotesPage = page(() => import('./pages/practice-notes/practice-notes.page'), 'PracticeNotesPage')
const PracticeNotePage = page(() => import('./pages/practice-notes/practice-note.page'), 'PracticeNotePage')
const PracticeNoteFormPage = page(() => import('./pages/practice-notes/practice-note-form.page'), 'PracticeNoteFormPage')
const DpoExportsPage = page(() => import('./pages/dpo-exports/dpo-exports.page'), 'DpoExportsPage')
const ErasuresPage = page(() => import('./pages/erasure/erasures.page'), 'ErasuresPage')
const DpoRequestsPage = page(() => import('./pages/dpo-requests/dpo-requests.page'), 'DpoRequestsPage')
const DpoRequestPage = page(() => import('./pages/dpo-requests/dpo-request.page'), 'DpoRequestPage')
const RestrictionsPage = page(() => import('./pages/restrictions/restrictions.page'), 'RestrictionsPage')
const CalendarPage = page(() => import('./pages/calendar/calendar.page'), 'CalendarPage')
const MyDayPage = page(() => import('./pages/casework/my-day.page'), 'MyDayPage')
const HomePage = page(() => import('./pages/home/home.page'), 'HomePage')
const InstrumentsPage = page(() => import('./pages/instruments/instruments.page'), 'InstrumentsPage')
const DutyPage = page(() => import('./pages/duty/duty.page'), 'DutyPage')
const ExceptionsPage = page(() => import('./pages/exceptions/exceptions.page'), 'ExceptionsPage')
const LoginPage = page(() => import('./pages/login/login.page'), 'LoginPage')
const MfaEnrolPage = page(() => import('./pages/mfa/mfa-enrol.page'), 'MfaEnrolPage')
const PersonCreatePage = page(() => import('./pages/persons/person-create.page'), 'PersonCreatePage')
const PersonEditPage = page(() => import('./pages/persons/person-edit.page'), 'PersonEditPage')
const PersonSearchPage = page(() => import('./pages/persons/person-search.page'), 'PersonSearchPage')
const PersonViewPage = page(() => import('./pages/persons/person-view.page'), 'PersonViewPage')
const ReportPrintPage = page(() => import('./pages/reports/report-print.page'), 'ReportPrintPage')
const PersonSummaryPage = page(() => import('./pages/desistance/person-summary.page'), 'PersonSummaryPage')
const ContactsPage = page(() => import('./pages/contacts/contacts.page'), 'ContactsPage')
const ContactEditPage = page(() => import('./pages/contacts/contact-edit.page'), 'ContactEditPage')
const ContactStatisticsPage = page(() => import('./pages/contacts/contact-statistics.page'), 'ContactStatisticsPage')
const ContactThemesPage = page(() => import('./pages/contacts/contact-themes.page'), 'ContactThemesPage')
const DashboardPage = page(() => import('./pages/dashboard/dashboard.page'), 'DashboardPage')
const IndicatorsPage = page(() => import('./pages/indicators/indicators.page'), 'IndicatorsPage')
const ActivityReportPage = page(() => import('./pages/activity-report/activity-report.page'), 'ActivityReportPage')
const TrainingSessionsPage = page(() => import('./pages/training-sessions/training-sessions.page'), 'TrainingSessionsPage')
const UsersPage = page(() => import('./pages/users/users.page'), 'UsersPage')
const SheetsPage = page(() => import('./pages/sheets/sheets.page'), 'SheetsPage')
const SheetPage = page(() => import('./pages/sheets/sheet.page'), 'SheetPage')
const SheetPrintPage = page(() => import('./pages/sheets/sheet.page'), 'SheetPrintPage')
const SheetCreatePage = page(() => import('./pages/sheets/sheet-edit.page'), 'SheetCreatePage')
const SheetEditPage = page(() => import('./pages/sheets/sheet-edit.page'), 'SheetEditPage')
const PartnersSearchPage = page(() => import('./pages/partners/partners-search.page'), 'PartnersSearchPage')
const PartnerPage = page(() => import('./pages/partners/partner.page'), 'PartnerPage')
const PartnerEditPage = page(() => import('./pages/partners/partner-edit.page'), 'PartnerEditPage')
const PartnersHsdsPage = page(() => import('./pages/partners/partners-hsds.page'), 'PartnersHsdsPage')
const NeedCategoriesPage = page(() => import('./pages/partners/need-categories.page'), 'NeedCategoriesPage')
const PortalPage = page(() => import('./pages/referrals/portal.page'), 'PortalPage')
const PortalReferralPage = page(() => import('./pages/referrals/portal-referral.page'), 'PortalReferralPage')
const PortalOrganisationPage = page(() => import('./pages/referrals/portal-organisation.page'), 'PortalOrganisationPage')

export const router = createBrowserRouter([
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
])
