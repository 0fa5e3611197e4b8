import { Badge, Group, Paper, Text, Title } from '@mantine/core'
import { IconClock, IconDoorOff, IconHeadset } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { useFormat } from '../../i18n/format'
import { useDutyNow } from '../duty/use-duty'

/** Whether the line is open now and until when, and who answers it this half-day (GET /api/duty/now). */
export function LineNow() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const { data: me } = useMe()
  const now = useDutyNow()
  if (!can(me, 'duty.read')) return null
  if (now.error) return <ErrorAlert error={now.error} />
  if (!now.data) return null
  const d = now.data
  const span = d.today.find((s) => s.opens <= d.localTime && d.localTime < s.closes)
  const state =
    d.open && span
      ? t('contactQueue.openUntil', { time: span.closes })
      : d.nextOpening
        ? t('contactQueue.closedUntil', { date: fmt.date(d.nextOpening.date), time: d.nextOpening.time })
        : t('contactQueue.closedNoNext')
  return (
    <Paper component="section" aria-labelledby="queue-line-now" withBorder p="sm" radius="md" data-testid="queue-line-now">
      <Title order={2} size="h5" id="queue-line-now" mb={6}>
        {t('contactQueue.lineTitle')}
      </Title>
      <Group gap="lg" wrap="wrap">
        <Group gap={6} wrap="wrap">
          {d.open ? <IconClock size={18} aria-hidden /> : <IconDoorOff size={18} aria-hidden />}
          <Badge color={d.open ? 'green' : 'gray'} c={d.open ? 'green.9' : 'gray.8'} variant="light" radius="sm">
            {t(d.open ? 'duty.now.open' : 'duty.now.closed')}
          </Badge>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {state}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconHeadset size={18} aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm">
            {d.onDuty?.displayName ? t('contactQueue.onDuty', { name: d.onDuty.displayName }) : t('contactQueue.nobody')}
          </Text>
        </Group>
      </Group>
    </Paper>
  )
}
