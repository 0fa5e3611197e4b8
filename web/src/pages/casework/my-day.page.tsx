import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconCalendarEvent, IconSparkles } from '@tabler/icons-react'
import { type ReactNode, Suspense } from 'react'
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

function Block({ id, title, icon, children }: { id: string; title: string; icon?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id}>
      <Group gap="xs" mb="sm">
        {icon}
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
      </Group>
      {children}
    </Paper>
  )
}

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
            <Block id="my-day-new-cases" title={t('names.newCases')} icon={<IconSparkles size={20} aria-hidden />}>
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
            </Block>
          ) : null}
          <Block id="my-day-sessions" title={t('myDay.sessions')} icon={<IconCalendarEvent size={20} aria-hidden />}>
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
          </Block>
          <Block
            id="my-day-overdue"
            title={t('myDay.overdue', { count: query.data.overdueTasks.length })}
            icon={
              query.data.overdueTasks.length ? <IconAlertTriangle size={20} color="var(--mantine-color-orange-8)" aria-hidden /> : undefined
            }
          >
            {tasks(query.data.overdueTasks, t('myDay.noOverdue'))}
          </Block>
          <Block id="my-day-week" title={t('myDay.week')}>
            {tasks(query.data.dueThisWeek, t('myDay.noWeek'))}
          </Block>
          <Block id="my-day-reminders" title={t('myDay.reminders')}>
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
          </Block>
          <MyDayCharters day={query.data} />
          <MyDayRecent />
        </SimpleGrid>
      ) : null}
    </Stack>
  )
}
