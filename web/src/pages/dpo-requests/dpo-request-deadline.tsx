import { Badge, Group, Text } from '@mantine/core'
import { IconAlarm, IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { DpoRequestView } from '../../../../common/contracts/dpo-requests.contracts'
import { useFormat } from '../../i18n/format'

type Deadline = Pick<DpoRequestView, 'deadline' | 'daysLeft' | 'dueOn' | 'extendedTo'>

/**
 * The legal deadline of art. 12(3) in words and colour (never colour alone): days left, or how late,
 * with the date; the server counts the days in the service's calendar, so every screen agrees.
 */
export function DpoRequestDeadline({ request, size = 'md' }: { request: Deadline; size?: 'sm' | 'md' }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const due = `${t('dpoRequests.deadline.due', { date: fmt.day(request.dueOn) })}${request.extendedTo ? ` (${t('dpoRequests.deadline.extended')})` : ''}`
  const badgeSize = size === 'sm' ? 'md' : 'lg'
  if (request.deadline === 'answered') {
    return (
      <Group gap="xs" wrap="wrap" data-testid="dpo-deadline" data-state="answered">
        <Badge color="green" variant="light" size={badgeSize} leftSection={<IconCircleCheck size={14} aria-hidden />}>
          {t('dpoRequests.deadline.answered')}
        </Badge>
      </Group>
    )
  }
  const overdue = request.deadline === 'overdue'
  const label = overdue
    ? t('dpoRequests.deadline.overdue', { count: -request.daysLeft })
    : request.daysLeft === 0
      ? t('dpoRequests.deadline.today')
      : t('dpoRequests.deadline.left', { count: request.daysLeft })
  return (
    <Group gap="xs" wrap="wrap" data-testid="dpo-deadline" data-state={request.deadline}>
      <Badge
        color={overdue ? 'red' : request.deadline === 'due_soon' ? 'orange' : 'petrol'}
        variant={overdue ? 'filled' : 'light'}
        size={badgeSize}
        leftSection={overdue ? <IconAlertTriangle size={14} aria-hidden /> : <IconAlarm size={14} aria-hidden />}
      >
        {label}
      </Badge>
      <Text size="sm" c="gray.7" className="nowrap">
        {due}
      </Text>
    </Group>
  )
}
