import './calendar.css'
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import {
  IconAlertTriangle,
  IconCalendarPlus,
  IconCheck,
  IconChevronLeft,
  IconChevronRight,
  IconClock,
  IconPlus,
  IconUser,
  IconX,
} from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { PersonName } from '../../components/person-name'
import type { ClientName } from '../../../../common/contracts/names.contracts'
import { isLanguage, LOCALE_TAGS } from '../../i18n'
import { useFormat } from '../../i18n/format'
import { can, useMe } from '../../auth/use-me'
import { PlanSessionDialog } from './plan-session-dialog'
import { addDays, type CalendarEntry, type CalendarView, localDay, mondayOf, useCalendar, useTeamWorkers } from './use-calendar'

const STATUS_ICON = { planned: IconClock, held: IconCheck, cancelled: IconX, missed: IconAlertTriangle } as const
const STATUS_COLOR = { planned: 'blue', held: 'green', cancelled: 'gray', missed: 'orange' } as const

function SessionLink({ s, client, showWorker }: { s: CalendarEntry; client: ClientName | undefined; showWorker: boolean }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const end = new Date(Date.parse(s.startsAt) + s.durationMinutes * 60_000).toISOString()
  const Icon = STATUS_ICON[s.status]
  const off = s.status === 'cancelled' || s.status === 'missed'
  return (
    <Anchor
      component={Link}
      to={`/accompaniments/${s.accompanimentId}?tab=sessions`}
      className={`calendar-session calendar-session-${s.status} badges-wrap`}
      underline="never"
      data-testid="calendar-session"
    >
      <Text fw={700} size="sm" className={off ? 'calendar-off' : undefined}>
        {fmt.time(s.startsAt)}–{fmt.time(end)}
      </Text>
      <Text size="sm" className="mono" fw={600}>
        {s.accompanimentCode}
      </Text>
      {client ? (
        <Text size="sm">
          <PersonName name={client} inLink />
        </Text>
      ) : null}
      {showWorker ? (
        <Group gap={4} wrap="nowrap" align="flex-start" data-testid="calendar-session-worker">
          <IconUser size={14} aria-hidden style={{ flex: 'none', marginTop: 3 }} />
          {/* Short on screen (the columns are narrow); said in full to a screen reader. */}
          <Text size="sm" aria-hidden>
            {s.workerName}
          </Text>
          <VisuallyHidden>{t('calendarPlanning.workerOf', { name: s.workerName })}</VisuallyHidden>
        </Group>
      ) : null}
      <Text size="sm">{t(`sessions.modality.${s.modality}`)}</Text>
      <Text size="xs" c="gray.7">
        {t('sessions.minutes', { count: s.durationMinutes })}
      </Text>
      <Badge
        variant="light"
        color={STATUS_COLOR[s.status]}
        c={s.status === 'cancelled' ? 'gray.8' : undefined}
        leftSection={<Icon size={12} aria-hidden />}
        mt={4}
      >
        {t(`sessions.status.${s.status}`)}
      </Badge>
    </Anchor>
  )
}

export function CalendarPage() {
  const { t, i18n } = useTranslation()
  const fmt = useFormat()
  const { data: me } = useMe()
  const [monday, setMonday] = useState(() => mondayOf(new Date()))
  const sunday = addDays(monday, 6)
  // The team view is the lead's (the server refuses it to anyone else).
  const isLead = can(me, 'accompaniment.assign') && (me?.teams.length ?? 0) > 0
  const canPlan = can(me, 'case_session.write')
  const [view, setView] = useState<CalendarView>({ scope: 'mine' })
  const team = view.scope === 'team'
  const workers = useTeamWorkers(isLead && team ? (me?.teams ?? []).map((x) => x.id) : [])
  const query = useCalendar(monday, addDays(monday, 7), view)
  // The dialog's day (YYYY-MM-DD, or '' from the page's button), and who opened it, to give the focus back.
  const [planning, setPlanning] = useState<string | null>(null)
  const [saved, setSaved] = useState('')
  const opener = useRef<HTMLElement | null>(null)
  const planButton = useRef<HTMLButtonElement>(null)
  const openPlanning = (day: string) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
    setSaved('')
    setPlanning(day)
  }
  const closePlanning = () => {
    setPlanning(null)
    // After the modal's closing transition has removed its focus trap; a day of another week is gone, so the page's button.
    window.setTimeout(() => (opener.current?.isConnected ? opener.current : planButton.current)?.focus(), 50)
  }
  const tag = isLanguage(i18n.language) ? LOCALE_TAGS[i18n.language] : 'fr-BE'
  const weekday = new Intl.DateTimeFormat(tag, { weekday: 'long' })
  const today = localDay(new Date())
  const thisWeek = localDay(monday) === localDay(mondayOf(new Date()))

  const byDay = new Map<string, CalendarEntry[]>()
  for (const s of query.data?.items ?? []) {
    const day = localDay(new Date(s.startsAt))
    byDay.set(day, [...(byDay.get(day) ?? []), s])
  }
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i))
  const range = t('calendar.week', { from: fmt.date(localDay(monday)), to: fmt.date(localDay(sunday)) })

  return (
    <Stack gap="lg" maw={1500}>
      <PageHeader title={team ? t('calendarPlanning.teamTitle') : t('calendar.title')} description={range} />
      {isLead ? (
        <Group gap="md" align="flex-end" wrap="wrap">
          <Stack gap={4} role="group" aria-labelledby="calendar-view-label">
            <Text size="sm" fw={500} id="calendar-view-label">
              {t('calendarPlanning.view')}
            </Text>
            <SegmentedControl
              value={view.scope}
              onChange={(v) => setView(v === 'team' ? { scope: 'team', workerId: null } : { scope: 'mine' })}
              data={[
                { value: 'mine', label: t('calendarPlanning.mine') },
                { value: 'team', label: t('calendarPlanning.team') },
              ]}
              data-testid="calendar-scope"
            />
          </Stack>
          {team ? (
            <Select
              label={t('calendarPlanning.worker')}
              data={[{ value: '', label: t('calendarPlanning.allWorkers') }, ...workers.map((w) => ({ value: w.id, label: w.name }))]}
              value={view.workerId ?? ''}
              onChange={(v) => setView({ scope: 'team', workerId: v || null })}
              allowDeselect={false}
              comboboxProps={{ withinPortal: false }}
              w={260}
              data-testid="calendar-worker"
            />
          ) : null}
        </Group>
      ) : null}
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="sm" role="group" aria-label={t('calendar.navigation')}>
          <Button
            variant="default"
            leftSection={<IconChevronLeft size={18} aria-hidden />}
            onClick={() => setMonday((m) => addDays(m, -7))}
            data-testid="calendar-previous"
          >
            {t('calendar.previous')}
          </Button>
          <Button variant="default" onClick={() => setMonday(mondayOf(new Date()))} disabled={thisWeek} data-testid="calendar-today">
            {t('calendar.thisWeek')}
          </Button>
          <Button
            variant="default"
            rightSection={<IconChevronRight size={18} aria-hidden />}
            onClick={() => setMonday((m) => addDays(m, 7))}
            data-testid="calendar-next"
          >
            {t('calendar.next')}
          </Button>
        </Group>
        {canPlan ? (
          <Button
            ref={planButton}
            leftSection={<IconCalendarPlus size={18} aria-hidden />}
            onClick={() => openPlanning('')}
            data-testid="calendar-plan"
          >
            {t('calendarPlanning.plan')}
          </Button>
        ) : null}
      </Group>
      {planning !== null ? (
        <PlanSessionDialog
          day={planning}
          onClose={closePlanning}
          onSaved={(startsAt) => {
            // Show the week of the new session, and say it was planned.
            setMonday(mondayOf(new Date(startsAt)))
            setSaved(t('calendarPlanning.saved', { date: fmt.dateTimeMinutes(startsAt) }))
            closePlanning()
          }}
        />
      ) : null}
      <VisuallyHidden aria-live="polite" data-testid="calendar-saved">
        {saved}
      </VisuallyHidden>
      {/* The week heard after a change of week; the page description shows it on screen. */}
      <VisuallyHidden aria-live="polite" data-testid="calendar-range">
        {query.isFetching ? '' : range}
      </VisuallyHidden>
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <Loading />
      ) : (
        <>
          {query.data?.items.length === 0 ? (
            <Paper data-testid="calendar-empty">
              <Text c="gray.7">{team ? t('calendarPlanning.emptyTeam') : t('calendar.empty')}</Text>
            </Paper>
          ) : null}
          <SimpleGrid component="ol" cols={{ base: 1, lg: 7 }} spacing="xs" className="plain-list calendar-grid" data-testid="calendar">
            {days.map((d) => {
              const key = localDay(d)
              const items = byDay.get(key) ?? []
              const isToday = key === today
              return (
                <li key={key} className={isToday ? 'calendar-day calendar-today' : 'calendar-day'} aria-labelledby={`day-${key}`}>
                  <Title order={2} size="h6" id={`day-${key}`} className="calendar-day-title" aria-current={isToday ? 'date' : undefined}>
                    <span className="calendar-weekday">{weekday.format(d)}</span> <span>{fmt.dayMonth(localDay(d))}</span>
                    {isToday ? (
                      <Badge size="xs" variant="filled" ml={6}>
                        {t('calendar.today')}
                      </Badge>
                    ) : null}
                  </Title>
                  {items.length ? (
                    <Stack component="ul" gap={6} className="plain-list">
                      {items.map((s) => (
                        <li key={s.id}>
                          <SessionLink s={s} client={query.data?.clients[s.accompanimentId]} showWorker={team} />
                        </li>
                      ))}
                    </Stack>
                  ) : (
                    <Text size="sm" c="gray.7" className="calendar-free">
                      {t('calendar.free')}
                    </Text>
                  )}
                  {canPlan ? (
                    <Group justify="flex-end" mt={6} visibleFrom="lg">
                      <ActionIcon
                        variant="subtle"
                        size="md"
                        aria-label={t('calendarPlanning.planOn', { day: `${weekday.format(d)} ${fmt.dayMonth(localDay(d))}` })}
                        title={t('calendarPlanning.planOn', { day: `${weekday.format(d)} ${fmt.dayMonth(localDay(d))}` })}
                        onClick={() => openPlanning(key)}
                        data-testid="calendar-day-plan"
                      >
                        <IconPlus size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                  ) : null}
                </li>
              )
            })}
          </SimpleGrid>
        </>
      )}
    </Stack>
  )
}
