import { Alert, Anchor, Badge, Button, Group, Stack, Tabs, Text } from '@mantine/core'
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCalendarEvent,
  IconCheck,
  IconChecklist,
  IconFiles,
  IconGavel,
  IconInfoCircle,
  IconRoute,
} from '@tabler/icons-react'
import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams, useSearchParams } from 'react-router'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { InView } from '../../components/in-view'
import { lazyNamed } from '../../components/lazy-page'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { RectificationNotice } from '../dpo-requests/rectification-notice'
import { RestrictedBanner } from '../restrictions/restricted-banner'
import { withAllTranslations } from '../../i18n'
import { useFormat } from '../../i18n/format'
import { ErasedPage, isErased } from '../erasure/erased.page'
import { NotFoundPage } from '../not-found/not-found.page'
import { isUnavailable } from '../persons/use-person'
import { AccessBadge, StatusBadge } from './badges'
import { BreakGlassPanel } from './break-glass'
import { CaseDetails, JudicialBlock, Section } from './case-details'
import { LifecycleActions } from './lifecycle-actions'
import { EditDetailsButton } from './details-edit'
import { useAccompaniment } from './use-accompaniment'

// The tabs are mounted only when chosen (keepMounted={false}), so each loads with its first view,
// and with every screen's words (the overview has only its own: bundle.fr-case.ts); the
// overview's charts (recharts) load after the case itself is on screen.
const SessionsTab = lazyNamed(() => withAllTranslations(import('../casework/sessions-tab')), 'SessionsTab')
const TasksTab = lazyNamed(() => withAllTranslations(import('../casework/tasks-tab')), 'TasksTab')
const DocumentsTab = lazyNamed(() => withAllTranslations(import('../casework/documents-tab')), 'DocumentsTab')
const PathTab = lazyNamed(() => withAllTranslations(import('../desistance/path-tab')), 'PathTab')
const ReportsTab = lazyNamed(() => withAllTranslations(import('../reports/reports-tab')), 'ReportsTab')
const ProgressOverview = lazyNamed(() => import('../desistance/progress-overview'), 'ProgressOverview')
// The overview's lower sections (each with its forms and requests) come when they near the
// viewport or once the browser is idle after the first paint, so the case's head paints first.
const RelativesSection = lazyNamed(() => import('./relatives-section'), 'RelativesSection')
const ExceptionsSection = lazyNamed(() => import('../exceptions/exceptions-section'), 'ExceptionsSection')
const OrientationSection = lazyNamed(() => import('../referrals/orientation-section'), 'OrientationSection')
const AssignPanel = lazyNamed(() => import('./assign-panel'), 'AssignPanel')
const CaseTimeline = lazyNamed(() => import('./timeline'), 'CaseTimeline')

export function CaseViewPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const location = useLocation()
  const { data: me } = useMe()
  const fmt = useFormat()
  const query = useAccompaniment(id)
  // The open tab is part of the address, so that a link can open a case on its sessions or
  // tasks, and a reload keeps it; switching tabs replaces the entry rather than filling history.
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'overview'
  const setTab = (value: string | null) => setParams(value && value !== 'overview' ? { tab: value } : {}, { replace: true })

  if (query.isPending) return <Loading />
  if (isErased(query.error)) return <ErasedPage backTo="/accompaniments" backLabel={t('caseload.back')} />
  if (isUnavailable(query.error)) {
    return (
      <Stack gap="lg">
        <NotFoundPage backTo="/accompaniments" backLabel={t('caseload.back')} />
        {can(me, 'accompaniment.break_glass') ? <BreakGlassPanel id={id} /> : null}
      </Stack>
    )
  }
  // A refusal (a restricted processing) still gets the page's heading: the worker knows where they are.
  if (query.isError)
    return (
      <Stack gap="lg" maw={960}>
        <PageHeader title={t('accompaniment.details')} />
        <ErrorAlert error={query.error} />
      </Stack>
    )

  const a = query.data
  const created = (location.state as { created?: boolean } | null)?.created
  const isLead = can(me, 'accompaniment.assign') && !!me?.teams.some((team) => team.id === a.teamId)

  return (
    <Stack gap="lg" maw={960}>
      <Group>
        <Button component={Link} to="/accompaniments" variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} px={4}>
          {t('caseload.back')}
        </Button>
      </Group>
      <PageHeader
        title={t('accompaniment.titleFor', { name: a.personName })}
        description={
          <Group component="span" gap="xs" wrap="wrap">
            <Badge component="span" variant="light" radius="sm" className="mono" size="lg" data-testid="case-code">
              {a.code}
            </Badge>
            <StatusBadge status={a.status} size="lg" />
            <AccessBadge access={a.access} />
            <span>
              {t(`accompaniment.kind.${a.kind}`)} · {t(`accompaniment.framework.${a.framework}`)}
            </span>
          </Group>
        }
        actions={<LifecycleActions a={a} me={me} />}
      />
      <div className="live-region" aria-live="polite">
        {created ? (
          <Alert color="green" variant="light" role="status" icon={<IconCheck aria-hidden />}>
            {t('caseCreate.created')}
          </Alert>
        ) : null}
      </div>
      <RestrictedBanner restricted={a.restricted} />
      <RectificationNotice personId={a.personId} />
      {a.access === 'emergency' ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('breakGlass.bannerTitle')}
          data-testid="emergency-banner"
        >
          {t('breakGlass.banner')}
        </Alert>
      ) : null}
      <Text>
        {t('accompaniment.personLabel')}{' '}
        <Anchor component={Link} to={`/persons/${a.personId}`} fw={600}>
          {a.personName}
        </Anchor>
      </Text>

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview" leftSection={<IconInfoCircle size={18} aria-hidden />}>
            {t('caseTabs.overview')}
          </Tabs.Tab>
          {can(me, 'case_session.read') ? (
            <Tabs.Tab value="sessions" leftSection={<IconCalendarEvent size={18} aria-hidden />} data-testid="tab-sessions">
              {t('caseTabs.sessions')}
            </Tabs.Tab>
          ) : null}
          {can(me, 'task.read') ? (
            <Tabs.Tab value="tasks" leftSection={<IconChecklist size={18} aria-hidden />} data-testid="tab-tasks">
              {t('caseTabs.tasks')}
            </Tabs.Tab>
          ) : null}
          {can(me, 'document.read') ? (
            <Tabs.Tab value="documents" leftSection={<IconFiles size={18} aria-hidden />} data-testid="tab-documents">
              {t('caseTabs.documents')}
            </Tabs.Tab>
          ) : null}
          {can(me, 'desistance.read') ? (
            <Tabs.Tab value="path" leftSection={<IconRoute size={18} aria-hidden />} data-testid="tab-path">
              {t('caseTabs.path')}
            </Tabs.Tab>
          ) : null}
          {a.framework === 'judicial' && can(me, 'report.write') ? (
            <Tabs.Tab value="reports" leftSection={<IconGavel size={18} aria-hidden />} data-testid="tab-reports">
              {t('caseTabs.reports')}
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <Stack gap="lg">
            <CaseDetails a={a} />
            {can(me, 'accompaniment.update') && a.access !== 'emergency' && a.status !== 'closed' ? (
              <Group justify="flex-end" mt={-8}>
                <EditDetailsButton a={a} />
              </Group>
            ) : null}
            {a.framework === 'judicial' ? <JudicialBlock a={a} /> : null}
            {can(me, 'desistance.read') ? (
              <InView minHeight={200} orIdle>
                <ProgressOverview a={a} />
              </InView>
            ) : null}
            <InView minHeight={120} orIdle>
              <RelativesSection a={a} canWrite={can(me, 'accompaniment.update')} />
            </InView>
            <InView minHeight={120} orIdle>
              <ExceptionsSection
                subject={{ kind: 'case', id: a.id }}
                canRecord={can(me, 'exception.record') && a.access !== 'emergency' && a.status !== 'closed'}
              />
            </InView>
            {can(me, 'referral.read') && can(me, 'consent.read') ? (
              <InView minHeight={120} orIdle>
                <OrientationSection owner={{ kind: 'case', id: a.id }} me={me} open={a.access !== 'emergency' && a.status !== 'closed'} />
              </InView>
            ) : null}
            {isLead && a.status !== 'closed' ? (
              <InView minHeight={120} orIdle>
                <AssignPanel key={a.id} a={a} />
              </InView>
            ) : null}
            <InView minHeight={120} orIdle>
              <CaseTimeline id={a.id} version={a.version} />
            </InView>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="sessions">
          <Section id="case-sessions" title={t('caseTabs.sessions')}>
            <Suspense fallback={<Loading />}>
              <SessionsTab a={a} canWrite={can(me, 'case_session.write')} />
            </Suspense>
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="tasks">
          <Section id="case-tasks" title={t('caseTabs.tasks')}>
            <Suspense fallback={<Loading />}>
              <TasksTab a={a} canWrite={can(me, 'task.write')} meId={me?.id} />
            </Suspense>
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <Section id="case-documents" title={t('caseTabs.documents')}>
            <Suspense fallback={<Loading />}>
              <DocumentsTab a={a} canWrite={can(me, 'document.write')} />
            </Suspense>
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="path">
          <Section id="case-path" title={t('caseTabs.path')}>
            <Suspense fallback={<Loading />}>
              <PathTab a={a} canWrite={can(me, 'desistance.write')} />
            </Suspense>
          </Section>
        </Tabs.Panel>
        <Tabs.Panel value="reports">
          <Section id="case-reports" title={t('caseTabs.reports')}>
            <Suspense fallback={<Loading />}>
              <ReportsTab a={a} canWrite={can(me, 'report.write')} />
            </Suspense>
          </Section>
        </Tabs.Panel>
      </Tabs>

      <Text size="sm" c="gray.7">
        {t('accompaniment.timestamps', { created: fmt.dateTime(a.createdAt), updated: fmt.dateTime(a.updatedAt) })}
      </Text>
    </Stack>
  )
}
