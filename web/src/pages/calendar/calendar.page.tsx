import './calendar.css'
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconChevronLeft, IconChevronRight, IconClock, IconX } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { PersonName } from '../../components/person-name'
import type { ClientName } from '../../../../common/contracts/names.contracts'
import { isLanguage, LOCALE_TAGS } from '../../i18n'
import { useFormat } from '../../i18n/format'
import { addDays, type CalendarEntry, localDay, mondayOf, useCalendar } from './use-calendar'

const STATUS_ICON = { planned: IconClock, held: IconCheck, cancelled: IconX, missed: IconAlertTriangle } as const
const STATUS_COLOR = { planned: 'blue', held: 'green', cancelled: 'gray', missed: 'orange' } as const

function SessionLink({ s, client }: { s: CalendarEntry; client: ClientName | undefined }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const end = new Date(Date.parse(s.startsAt) + s.durationMinutes * 60_000).toISOString()
  const Icon = STATUS_ICON[s.status]
  const off = s.status === 'cancelled' || s.status === 'missed'
  return (
    <Anchor
      component={Link}
      to={`/accompaniments/${s.accompanimentId}?tab=sessions`}
      className={`calendar-session calendar-session-${s.status}`}
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
  const [monday, setMonday] = useState(() => mondayOf(new Date()))
  const sunday = addDays(monday, 6)
  const query = useCalendar(monday, addDays(monday, 7))
  const tag = isLanguage(i18n.language) ? LOCALE_TAGS[i18n.language] : 'fr-BE'
  const weekday = new Intl.DateTimeFormat(tag, { weekday: 'long' })
  const dayMonth = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long' })
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
      <PageHeader title={t('calendar.title')} description={range} />
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
              <Text c="gray.7">{t('calendar.empty')}</Text>
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
                    <span className="calendar-weekday">{weekday.format(d)}</span> <span>{dayMonth.format(d)}</span>
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
                          <SessionLink s={s} client={query.data?.clients[s.accompanimentId]} />
                        </li>
                      ))}
                    </Stack>
                  ) : (
                    <Text size="sm" c="gray.7" className="calendar-free">
                      {t('calendar.free')}
                    </Text>
                  )}
                </li>
              )
            })}
          </SimpleGrid>
        </>
      )}
    </Stack>
  )
}
