import { Alert, Button, Stack, Text } from '@mantine/core'
import { IconEdit } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { useFormat } from '../../i18n/format'

/**
 * Rectification (art. 16): the DPO records the request, those who may correct the person make the
 * correction through the normal screens; this notice tells them what was asked and lets them say
 * it is done. The server answers only for a person the caller may read.
 */
export function RectificationNotice({ personId }: { personId: string }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const { data: me } = useMe()
  const queryClient = useQueryClient()
  const readable = can(me, 'person.read')
  const list = useQuery({
    queryKey: ['rectifications', personId],
    queryFn: () => api.get('/api/persons/{id}/rectifications', { path: { id: personId } }),
    enabled: readable,
  })
  const done = useMutation({
    mutationFn: (requestId: string) => api.post('/api/persons/{id}/rectifications/{requestId}/done', { path: { id: personId, requestId } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['rectifications', personId] }),
  })
  if (!list.data || list.data.items.length === 0) return null
  return (
    <Stack gap="sm" data-testid="rectification-notice">
      {list.data.items.map((r) => (
        <Alert
          key={r.requestId}
          color={r.rectification ? 'green' : 'orange'}
          variant="light"
          icon={<IconEdit aria-hidden />}
          title={
            <span role="heading" aria-level={2}>
              {t('dpoRequests.rectification.title')}
            </span>
          }
        >
          <Stack gap="xs">
            <Text size="sm">{t('dpoRequests.rectification.body', { code: r.code, date: fmt.date(r.receivedOn) })}</Text>
            <Text size="sm" fw={600}>
              {t('dpoRequests.rectification.asked')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {r.details ?? t('dpoRequests.rectification.noDetails')}
            </Text>
            <div aria-live="polite">
              {r.rectification ? (
                <Text size="sm" role="status" data-testid="rectification-done">
                  {t('dpoRequests.rectification.doneBy', { name: r.rectification.by.displayName, date: fmt.date(r.rectification.at) })}
                </Text>
              ) : null}
            </div>
            {!r.rectification && can(me, 'person.update') ? (
              <div>
                <Button size="sm" onClick={() => done.mutate(r.requestId)} loading={done.isPending && done.variables === r.requestId}>
                  {t('dpoRequests.rectification.done')}
                </Button>
              </div>
            ) : null}
            <ErrorAlert error={done.error} />
          </Stack>
        </Alert>
      ))}
    </Stack>
  )
}
