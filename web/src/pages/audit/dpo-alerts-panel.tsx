import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DpoAlertView } from '../../../../common/contracts/dpo-alerts.contracts'
import { api, isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { Pager } from '../../components/pager'
import { useFormat } from '../../i18n/format'
import { RoleRequestsPanel } from '../users/role-requests-panel'
import '../users/duties.css'

const LIMIT = 20

/**
 * The DPO's side of the separation of duties (ADR 0007): who took a path into whose account,
 * which grants another admin confirmed, each acknowledged once; and the grants that still wait
 * for a second person, which the DPO may confirm or refuse.
 */
export function DpoAlertsPanel() {
  return (
    <Stack gap="xl">
      <AlertsList />
      <RoleRequestsPanel />
    </Stack>
  )
}

function AlertsList() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const queryClient = useQueryClient()
  const [offset, setOffset] = useState(0)
  const [done, setDone] = useState<string | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const alerts = useQuery({
    queryKey: ['dpo-alerts', 'open', offset],
    queryFn: () => api.get('/api/dpo-alerts', { query: { state: 'open', limit: LIMIT, offset } }),
    placeholderData: keepPreviousData,
  })
  const acknowledge = useMutation({
    mutationFn: (a: DpoAlertView) => api.post('/api/dpo-alerts/{id}/acknowledge', { path: { id: a.id }, ifMatch: a.version }),
    onSuccess: (_, a) => {
      setDone(t('duties.alerts.acknowledged', { name: a.user.displayName }))
      // The alert leaves the list: the keyboard goes back to the top of it.
      heading.current?.focus()
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['dpo-alerts'] }),
  })
  const stale = isApiError(acknowledge.error, 'state.invalid_transition') || isApiError(acknowledge.error, 'version.mismatch')

  return (
    <Paper component="section" aria-labelledby="dpo-alerts-title" data-testid="dpo-alerts">
      <Stack gap="sm">
        <Title order={2} size="h4" id="dpo-alerts-title" ref={heading} tabIndex={-1}>
          {t('duties.alerts.title')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('duties.alerts.intro')}
        </Text>
        <div className="live-region" aria-live="polite">
          {acknowledge.error ? (
            stale ? (
              <Alert color="orange" variant="light" role="alert">
                {t('duties.requests.stale')}
              </Alert>
            ) : (
              <ErrorAlert error={acknowledge.error} />
            )
          ) : done ? (
            <Alert color="green" variant="light" role="status">
              {done}
            </Alert>
          ) : null}
        </div>
        <ErrorAlert error={alerts.error} />
        {alerts.isPending ? (
          <Loading />
        ) : alerts.data?.items.length ? (
          <Stack gap="sm">
            <Stack component="ul" gap="sm" className="plain-list">
              {alerts.data.items.map((a) => (
                <Paper component="li" key={a.id} withBorder p="sm" data-testid="dpo-alert">
                  <Stack gap={4}>
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      <IconAlertTriangle size={18} aria-hidden className="duties-alert-icon" />
                      <Text fw={600}>{t(`duties.alerts.kind.${a.kind}`, { actor: a.actor.displayName, user: a.user.displayName })}</Text>
                    </Group>
                    <Text size="sm" c="gray.7">
                      {t('duties.alerts.at', { date: fmt.dateTimeShort(a.at) })} · {a.user.email}
                    </Text>
                    <dl className="duties-facts">
                      <dt>{t('duties.alerts.roles')}</dt>
                      <dd>
                        {[a.roles.map((r) => t(`roles.${r}`)).join(', '), a.teams.map((x) => x.name).join(', ')]
                          .filter(Boolean)
                          .join(' · ')}
                      </dd>
                    </dl>
                    {a.mayAcknowledge ? (
                      <div>
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => acknowledge.mutate(a)}
                          loading={acknowledge.isPending && acknowledge.variables?.id === a.id}
                          aria-label={t('duties.alerts.acknowledgeNamed', { name: a.user.displayName })}
                        >
                          {t('duties.alerts.acknowledge')}
                        </Button>
                      </div>
                    ) : (
                      <Text size="sm" c="gray.7">
                        {t('duties.alerts.otherDpo')}
                      </Text>
                    )}
                  </Stack>
                </Paper>
              ))}
            </Stack>
            <Pager total={alerts.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />
          </Stack>
        ) : (
          <Text role="status">{t('duties.alerts.none')}</Text>
        )}
      </Stack>
    </Paper>
  )
}
