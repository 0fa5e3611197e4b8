import { Badge, Group, Text } from '@mantine/core'
import { IconAlarm, IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BreachView } from '../../../../common/contracts/registers.contracts'
import { isLanguage } from '../../i18n'
import { makeFormat } from '../../i18n/formatters'

/** The authority is in Brussels and so is the law's deadline: shown on Brussels clocks wherever it is read. */
export const BRUSSELS = 'Europe/Brussels'

/** Hours and minutes, from seconds (the sign dropped). */
function span(seconds: number) {
  const minutes = Math.floor(Math.abs(seconds) / 60)
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 }
}

/** Seconds until `dueAt`, ticking once a minute while shown. */
function useSecondsLeft(dueAt: string): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 60_000)
    return () => window.clearInterval(id)
  }, [])
  return Math.floor((new Date(dueAt).getTime() - now) / 1000)
}

/**
 * The 72-hour clock of art. 33: time left before the authority must be told, or how late it is,
 * in words and colour (never colour alone), with the deadline in Brussels time.
 */
export function BreachClock({ breach, size = 'md' }: { breach: Pick<BreachView, 'clock' | 'authority'>; size?: 'sm' | 'md' }) {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const fmt = makeFormat(lang, BRUSSELS)
  const left = useSecondsLeft(breach.clock.dueAt)
  const due = t('registers.clock.due', { at: fmt.dateTimeShort(breach.clock.dueAt) })
  if (!breach.clock.running) {
    const text =
      breach.authority.decision === 'notified'
        ? t('registers.clock.notified', { at: fmt.dateTimeShort(breach.authority.notifiedAt) })
        : t('registers.clock.notRequired')
    return (
      <Group gap="xs" data-testid="breach-clock" data-state="stopped">
        <Badge color="green" variant="light" size={size === 'sm' ? 'md' : 'lg'} leftSection={<IconCircleCheck size={14} aria-hidden />}>
          {text}
        </Badge>
      </Group>
    )
  }
  const overdue = left < 0
  const { hours, minutes } = span(left)
  const urgent = !overdue && left < 24 * 3600
  return (
    <Group gap="xs" wrap="wrap" data-testid="breach-clock" data-state={overdue ? 'overdue' : 'running'}>
      <Badge
        color={overdue ? 'red' : urgent ? 'orange' : 'petrol'}
        variant={overdue ? 'filled' : 'light'}
        size={size === 'sm' ? 'md' : 'lg'}
        leftSection={overdue ? <IconAlertTriangle size={14} aria-hidden /> : <IconAlarm size={14} aria-hidden />}
      >
        {overdue ? t('registers.clock.overdue', { hours, minutes }) : t('registers.clock.left', { hours, minutes })}
      </Badge>
      <Text size="sm" c="gray.7">
        {due}
      </Text>
    </Group>
  )
}
