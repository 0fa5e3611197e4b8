import { createBrowserRouter } from 'react-router'
import { AppLayout } from './components/app-layout'
import { PublicLayout } from './components/public-layout'
import { RequireAbility } from './components/require-ability'
import { AccessGrantsPage } from './pages/accompaniments/access-grants.page'
import { CaseCreatePage } from './pages/accompaniments/case-create.page'
import { CaseViewPage } from './pages/accompaniments/case-view.page'
import { CaseloadPage } from './pages/accompaniments/caseload.page'
import { AccountPage } from './pages/account/account.page'
import { ActivatePage } from './pages/activate/activate.page'
import { AuditPage } from './pages/audit/audit.page'
import { CalendarPage } from './pages/calendar/calendar.page'
import { MyDayPage } from './pages/casework/my-day.page'
import { HomePage } from './pages/home/home.page'
import { InstrumentsPage } from './pages/instruments/instruments.page'
import { LoginPage } from './pages/login/login.page'
import { MfaEnrolPage } from './pages/mfa/mfa-enrol.page'
import { NotFoundPage } from './pages/not-found/not-found.page'
import { PersonCreatePage } from './pages/persons/person-create.page'
import { PersonEditPage } from './pages/persons/person-edit.page'
import { PersonSearchPage } from './pages/persons/person-search.page'
import { PersonViewPage } from './pages/persons/person-view.page'
import { ReportPrintPage } from './pages/reports/report-print.page'
import { PersonSummaryPage } from './pages/desistance/person-summary.page'
import { UsersPage } from './pages/users/users.page'

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
    element: <AppLayout />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/account', element: <AccountPage /> },
      {
        element: <RequireAbility ability="task.read" />,
        children: [{ path: '/my-day', element: <MyDayPage /> }],
      },
      {
        element: <RequireAbility ability="case_session.read" />,
        children: [{ path: '/calendar', element: <CalendarPage /> }],
      },
      {
        element: <RequireAbility ability="accompaniment.assign" />,
        // Charts (recharts) load with the page that draws them, not with every page.
        children: [
          {
            path: '/dashboard',
            lazy: async () => ({ Component: (await import('./pages/dashboard/dashboard.page')).DashboardPage }),
          },
        ],
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
        element: <RequireAbility ability="audit.read" />,
        children: [{ path: '/audit', element: <AuditPage /> }],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
])
