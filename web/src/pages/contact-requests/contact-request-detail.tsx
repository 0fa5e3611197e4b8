import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { api, isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import '../users/duties.css'

/** One request opened (the read is audited): who, how to reach them, their message; then a decision. */
export function ContactRequestDetail({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const queryClient = useQueryClient()
  const region = useRef<HTMLDivElement>(null)
  const request = useQuery({
    queryKey: ['contact-request', id],
    queryFn: ({ signal }) => api.get('/api/contact-requests/{id}', { path: { id }, signal }),
  })
  const decide = useMutation({
    mutationFn: (state: 'handled' | 'dismissed') =>
      api.post('/api/contact-requests/{id}/decision', { path: { id }, body: { state }, ifMatch: request.data!.version }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['contact-requests'] })
      onDone()
    },
  })
  const navigate = useNavigate()
  // Taking the request makes it a web-form contact in the queue; the contact is where work goes on.
  const take = useMutation({
    mutationFn: () => api.post('/api/contact-requests/{id}/take', { path: { id }, ifMatch: request.data!.version }),
    onSuccess: (taken) => {
      void queryClient.invalidateQueries({ queryKey: ['contact-requests'] })
      void navigate(`/contacts/${taken.contactId}`)
    },
  })
  // The opened request takes the keyboard, so that what was just revealed is read next.
  useEffect(() => {
    if (request.data) region.current?.focus()
  }, [request.data])
  const failed = decide.error ?? take.error
  const stale = isApiError(failed, 'version.mismatch') || isApiError(failed, 'state.invalid_transition')

  if (request.isPending) return <Loading />
  if (!request.data) return <ErrorAlert error={request.error} />
  const r = request.data
  const none = t('contactRequests.none')
  return (
    <Stack gap="xs" ref={region} tabIndex={-1} aria-label={t('contactRequests.detail')} data-testid="contact-request-detail">
      <dl className="duties-facts">
        <dt>{t('contactRequests.name')}</dt>
        <dd>{r.name ?? none}</dd>
        <dt>{t('contactRequests.phone')}</dt>
        <dd>{r.phone ? <Anchor href={`tel:${r.phone.replace(/[^+0-9]/g, '')}`}>{r.phone}</Anchor> : none}</dd>
        <dt>{t('contactRequests.email')}</dt>
        <dd>{r.email ?? none}</dd>
        <dt>{t('contactRequests.message')}</dt>
        <dd>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{r.message ?? none}</Text>
        </dd>
        {r.decidedAt ? (
          <>
            <dt>{t('contactRequests.decided')}</dt>
            <dd>
              {t(`contactRequests.state.${r.state}`)} · {fmt.dateTimeShort(r.decidedAt)} · {r.decidedBy?.displayName ?? ''}
            </dd>
          </>
        ) : null}
        {r.contactId ? (
          <>
            <dt>{t('contactRequests.contact')}</dt>
            <dd>
              <Anchor component={Link} to={`/contacts/${r.contactId}`}>
                {t('contactRequests.openContact')}
              </Anchor>
            </dd>
          </>
        ) : null}
      </dl>
      {stale ? (
        <Alert color="orange" variant="light" role="alert">
          {t('contactRequests.stale')}
        </Alert>
      ) : (
        <ErrorAlert error={failed} />
      )}
      <Group gap="xs">
        {r.state === 'open' ? (
          <>
            <Button size="xs" onClick={() => take.mutate()} loading={take.isPending}>
              {t('contactRequests.take')}
            </Button>
            <Button
              size="xs"
              variant="light"
              onClick={() => decide.mutate('handled')}
              loading={decide.isPending && decide.variables === 'handled'}
            >
              {t('contactRequests.markHandled')}
            </Button>
            <Button
              size="xs"
              variant="light"
              color="gray"
              onClick={() => decide.mutate('dismissed')}
              loading={decide.isPending && decide.variables === 'dismissed'}
            >
              {t('contactRequests.dismiss')}
            </Button>
          </>
        ) : null}
        <Button size="xs" variant="subtle" onClick={onDone}>
          {t('contactRequests.close')}
        </Button>
      </Group>
    </Stack>
  )
}
