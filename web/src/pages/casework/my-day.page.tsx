import { Anchor, Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCalendarEvent, IconSparkles } from '@tabler/icons-react'
import { Fragment, type ReactNode, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { TaskView } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { lazyNamed } from '../../components/lazy-page'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { PersonName } from '../../components/person-name'
import { withAllTranslations } from '../../i18n'
import { useFormat } from '../../i18n/format'
import { can, useMe } from '../../auth/use-me'
import { MyDayRecent } from '../search/my-day-recent'
import { MyDayBlock } from './my-day-block'
import { MyDayCharters } from './my-day-charters'
import { MyDayContacts } from './my-day-contacts'
import { TaskItem } from './task-item'
import { useMyDay, useTaskStatus } from './use-casework'

// Only for those who answer subjects' requests (rarely also on My day): fetched for them alone,
// with the words of the requests' screens.
const DpoRequestWarningsPanel = lazyNamed(
  () => withAllTranslations(import('../dpo-requests/dpo-request-warnings-panel')),
  'DpoRequestWarningsPanel',
)

/**
 * The cards with something in them first, then the empty ones, each group in its usual order: on a
 * quiet day the one thing to do is not below four cards saying there is nothing (a lead's phone).
 */
const filledFirst = (cards: { key: string; empty: boolean; node: ReactNode }[]) =>
  [...cards.filter((c) => !c.empty), ...cards.filter((c) => c.empty)].map((c) => <Fragment key={c.key}>{c.node}</Fragment>)

export function MyDayPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const query = useMyDay()
  const { data: me } = useMe()
  const status = useTaskStatus()

  const tasks = (items: TaskView[], empty: string) =>
    items.length ? (
      <Stack component="ul" gap="xs" className="plain-list">
        {items.map((task) => (
          <TaskItem
            key={task.id}
            task={task}
            showCase
            client={<PersonName name={query.data?.clients[task.accompanimentId]} />}
            busy={status.isPending && status.variables.task.id === task.id}
            onToggle={(done) => status.mutate({ task, done })}
          />
        ))}
      </Stack>
    ) : (
      <Text c="gray.7">{empty}</Text>
    )

  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title={t('myDay.title')} description={query.data ? fmt.date(query.data.date) : undefined} />
      <ErrorAlert error={query.error ?? status.error} />
      {/* A DPO who also works cases sees the requests' deadlines first. */}
      {can(me, 'dpo_request.manage') ? (
        <Suspense fallback={null}>
          <DpoRequestWarningsPanel />
        </Suspense>
      ) : null}
      <MyDayContacts section={query.data?.contactPoint} />
      {query.isPending ? (
        <Loading />
      ) : query.data ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {query.data.newCases.length ? (
            <MyDayBlock id="my-day-new-cases" title={t('names.newCases')} icon={<IconSparkles size={20} aria-hidden />}>
              <Text size="sm" c="gray.7" mb="xs">
                {t('names.newCasesHelp')}
              </Text>
              <Stack component="ul" gap="xs" className="plain-list" data-testid="my-day-new-cases">
                {query.data.newCases.map((c) => (
                  // The card's title says they are new, once rather than on every line.
                  <Group component="li" key={c.accompanimentId} gap="sm" wrap="wrap">
                    <Anchor component={Link} to={`/accompaniments/${c.accompanimentId}`} className="mono">
                      {c.accompanimentCode}
                    </Anchor>
                    <PersonName name={query.data.clients[c.accompanimentId]} />
                  </Group>
                ))}
              </Stack>
            </MyDayBlock>
          ) : null}
          {filledFirst([
            {
              key: 'sessions',
              empty: !query.data.sessionsToday.length,
              node: (
                <MyDayBlock id="my-day-sessions" title={t('myDay.sessions')} icon={<IconCalendarEvent size={20} aria-hidden />}>
                  {query.data.sessionsToday.length ? (
                    <Stack component="ul" gap="xs" className="plain-list" data-testid="my-day-sessions">
                      {query.data.sessionsToday.map((s) => (
                        <Group component="li" key={s.id} gap="sm" wrap="nowrap" align="flex-start">
                          <Text fw={600} className="mono">
                            {fmt.time(s.startsAt)}
                          </Text>
                          {/* Two lines for every session, so that the times line up whatever the widths. */}
                          <div>
                            <Group gap="sm" wrap="wrap">
                              <Anchor component={Link} to={`/accompaniments/${s.accompanimentId}?tab=sessions`} className="mono">
                                {s.accompanimentCode}
                              </Anchor>
                              <PersonName name={query.data.clients[s.accompanimentId]} />
                              <Text>{t(`sessions.modality.${s.modality}`, { defaultValue: s.modality })}</Text>
                            </Group>
                            <Text size="sm" c="gray.7">
                              {t('sessions.minutes', { count: s.durationMinutes })} ·{' '}
                              {t(`sessions.status.${s.status}`, { defaultValue: s.status })}
                            </Text>
                          </div>
                        </Group>
                      ))}
                    </Stack>
                  ) : (
                    <Text c="gray.7">{t('myDay.noSessions')}</Text>
                  )}
                </MyDayBlock>
              ),
            },
            {
              key: 'overdue',
              empty: !query.data.overdueTasks.length,
              node: (
                <MyDayBlock
                  id="my-day-overdue"
                  title={t('myDay.overdue', { count: query.data.overdueTasks.length })}
                  icon={
                    query.data.overdueTasks.length ? (
                      <IconAlertTriangle size={20} color="var(--mantine-color-orange-8)" aria-hidden />
                    ) : undefined
                  }
                >
                  {tasks(query.data.overdueTasks, t('myDay.noOverdue'))}
                </MyDayBlock>
              ),
            },
            {
              key: 'week',
              empty: !query.data.dueThisWeek.length,
              node: (
                <MyDayBlock id="my-day-week" title={t('myDay.week')}>
                  {tasks(query.data.dueThisWeek, t('myDay.noWeek'))}
                </MyDayBlock>
              ),
            },
            {
              key: 'reminders',
              empty: !query.data.reminders.length,
              node: (
                <MyDayBlock id="my-day-reminders" title={t('myDay.reminders')}>
                  {query.data.reminders.length ? (
                    <Stack component="ul" gap="xs" className="plain-list">
                      {query.data.reminders.map((r) => (
                        <Group component="li" key={`${r.type}-${r.accompanimentId}`} gap="sm" wrap="wrap">
                          <Badge variant="light" color="blue">
                            {t(`myDay.reminder.${r.type}`)}
                          </Badge>
                          <Anchor component={Link} to={`/accompaniments/${r.accompanimentId}`} className="mono">
                            {r.accompanimentCode}
                          </Anchor>
                          <PersonName name={query.data.clients[r.accompanimentId]} />
                          <Text size="sm">{fmt.date(r.date)}</Text>
                          {r.date < query.data.date ? (
                            <Badge variant="outline" color="orange" leftSection={<IconAlertTriangle size={14} aria-hidden />}>
                              {t('caseDetails.late')}
                            </Badge>
                          ) : null}
                        </Group>
                      ))}
                    </Stack>
                  ) : (
                    <Text c="gray.7">{t('myDay.noReminders')}</Text>
                  )}
                </MyDayBlock>
              ),
            },
            { key: 'charters', empty: !query.data.charterRenewals?.length, node: <MyDayCharters day={query.data} /> },
          ])}
          <MyDayRecent />
        </SimpleGrid>
      ) : null}
    </Stack>
  )
}
