import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContactRequestSummary } from '../../../../common/contracts/contact-requests.contracts'
import { api } from '../../api/client'
import { FitSegmentedControl } from '../../components/fit-segmented-control'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { Pager } from '../../components/pager'
import { useFormat } from '../../i18n/format'
import { ContactRequestDetail } from './contact-request-detail'

const LIMIT = 50
type State = 'open' | 'handled' | 'dismissed'

/**
 * The public form's inbox, for intake and leads: open requests oldest first, each line saying how
 * and when to call back but not who; the identity and message open one request at a time (each
 * opening is audited), where the request is marked handled or dismissed.
 */
export function ContactRequestsPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [state, setState] = useState<State>('open')
  const [offset, setOffset] = useState(0)
  const [opened, setOpened] = useState<string | null>(null)
  const list = useQuery({
    queryKey: ['contact-requests', state, offset],
    queryFn: ({ signal }) => api.get('/api/contact-requests', { query: { state, limit: LIMIT, offset }, signal }),
    placeholderData: keepPreviousData,
  })
  const describe = (r: ContactRequestSummary) =>
    [
      t(`contactRequests.kind.${r.callerKind}`),
      r.sector ? t(`contactRequests.sector.${r.sector}`) : null,
      r.anonymous ? t('contactRequests.anonymous') : r.reachBy ? t(`contactRequests.reachBy.${r.reachBy}`) : null,
      r.preferredTimes.length ? r.preferredTimes.map((p) => t(`contactRequests.times.${p}`)).join(', ') : null,
      t(`contactRequests.language.${r.language}`),
    ]
      .filter(Boolean)
      .join(' · ')

  return (
    <Stack gap="lg">
      <PageHeader title={t('contactRequests.title')} description={t('contactRequests.intro')} />
      <FitSegmentedControl
        aria-label={t('contactRequests.stateFilter')}
        value={state}
        onChange={(v) => {
          setState(v as State)
          setOffset(0)
          setOpened(null)
        }}
        data={(['open', 'handled', 'dismissed'] as const).map((s) => ({ value: s, label: t(`contactRequests.state.${s}`) }))}
      />
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />}>
          {t(`contactRequests.empty.${state}`)}
        </Alert>
      ) : list.data ? (
        <Stack gap="sm">
          <Text size="sm" c="gray.7">
            {t('contactRequests.count', { count: list.data.total })}
          </Text>
          <Stack component="ul" gap="sm" className="plain-list" data-testid="contact-requests">
            {list.data.items.map((r) => (
              <Paper component="li" key={r.id} withBorder p="sm" data-testid="contact-request">
                <Stack gap={6}>
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Title order={2} size="h5">
                      {t('contactRequests.received', { date: fmt.dateTimeShort(r.receivedAt) })}
                    </Title>
                    {r.anonymous ? (
                      <Badge color="gray" variant="light">
                        {t('contactRequests.anonymous')}
                      </Badge>
                    ) : null}
                  </Group>
                  <Text size="sm">{describe(r)}</Text>
                  {opened === r.id ? (
                    <ContactRequestDetail id={r.id} onDone={() => setOpened(null)} />
                  ) : (
                    <div>
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => setOpened(r.id)}
                        aria-label={t('contactRequests.openNamed', { date: fmt.dateTimeShort(r.receivedAt) })}
                      >
                        {t('contactRequests.open')}
                      </Button>
                    </div>
                  )}
                </Stack>
              </Paper>
            ))}
          </Stack>
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />
        </Stack>
      ) : null}
    </Stack>
  )
}
