import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { useFormat } from '../../i18n/format'
import type { ContactSummary } from './vocabulary'

function useAcknowledge() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (c: ContactSummary) => api.post('/api/contacts/{id}/danger/acknowledge', { path: { id: c.id }, ifMatch: c.version }),
    // The same emergency is listed above the queue and on the duty person's My day.
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: ['contacts'] }), client.invalidateQueries({ queryKey: ['my-day'] })]),
  })
}

/**
 * Contacts in immediate danger that no lead has acknowledged: an icon and words (never colour
 * alone), a link to each, and the lead's acknowledgement on the spot. Shown above the queue and on
 * My day; `name` keeps each place's heading id and test id apart.
 */
export function DangerList({ items, name }: { items: ContactSummary[]; name: 'queue' | 'my-day' }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const { data: me } = useMe()
  const ack = useAcknowledge()
  if (items.length === 0) return null
  const mayAck = can(me, 'contact.acknowledge_danger')
  const titleId = `${name}-danger-title`
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={<span id={titleId}>{t('contactQueue.dangerTitle', { count: items.length })}</span>}
      role="region"
      aria-labelledby={titleId}
      data-testid={`${name}-danger`}
    >
      <Stack component="ul" gap="xs" className="plain-list">
        {items.map((c) => (
          <li key={c.id}>
            <Group gap="sm" wrap="wrap" justify="space-between">
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {t('contactQueue.dangerLine', {
                  date: fmt.dateTimeMinutes(c.dangerAt),
                  caller: c.callerName ?? t(`contacts.kinds.${c.callerKind}`),
                })}
              </Text>
              <Group gap="xs" wrap="wrap">
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
          </li>
        ))}
      </Stack>
      <ErrorAlert error={ack.error} />
    </Alert>
  )
}
