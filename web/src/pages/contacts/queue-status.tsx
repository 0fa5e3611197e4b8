import { Alert, Anchor, Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconClock, IconDoorOff, IconHeadset } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { useFormat } from '../../i18n/format'
import { useDutyNow } from '../duty/use-duty'
import type { ContactSummary } from './vocabulary'

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

function useAcknowledge() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (c: ContactSummary) => api.post('/api/contacts/{id}/danger/acknowledge', { path: { id: c.id }, ifMatch: c.version }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['contacts'] }),
  })
}

/**
 * Contacts in immediate danger that no lead has acknowledged, above the queue: an icon and words
 * (never colour alone), a link to each, and the lead's acknowledgement on the spot.
 */
export function DangerList({ items }: { items: ContactSummary[] }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const { data: me } = useMe()
  const ack = useAcknowledge()
  const pending = items.filter((c) => c.dangerAt && !c.dangerAcknowledgedAt)
  if (pending.length === 0) return null
  const mayAck = can(me, 'contact.acknowledge_danger')
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={<span id="queue-danger-title">{t('contactQueue.dangerTitle', { count: pending.length })}</span>}
      data-testid="queue-danger"
      role="region"
      aria-labelledby="queue-danger-title"
    >
      <Stack gap="xs">
        <List spacing="xs" listStyleType="none" p={0}>
          {pending.map((c) => (
            <List.Item key={c.id}>
              <Group gap="sm" wrap="wrap" justify="space-between">
                <Text size="sm" fw={600}>
                  {t('contactQueue.dangerLine', {
                    date: fmt.dateTimeMinutes(c.dangerAt),
                    caller: c.callerName ?? t(`contacts.kinds.${c.callerKind}`),
                  })}
                </Text>
                <Group gap="xs">
                  <Anchor component={Link} to={`/contacts/${c.id}`} size="sm">
                    {t('contactQueue.dangerOpen')}
                  </Anchor>
                  {mayAck ? (
                    <Button
                      size="xs"
                      color="red"
                      leftSection={<IconCheck size={14} aria-hidden />}
                      loading={ack.isPending && ack.variables?.id === c.id}
                      onClick={() => ack.mutate(c)}
                    >
                      {t('contactQueue.acknowledge')}
                    </Button>
                  ) : (
                    <Text size="sm">{t('contactQueue.waitingLead')}</Text>
                  )}
                </Group>
              </Group>
            </List.Item>
          ))}
        </List>
        <ErrorAlert error={ack.error} />
      </Stack>
    </Alert>
  )
}
