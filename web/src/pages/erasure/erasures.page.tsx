import { Alert, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { ERASURE_STATUSES, type ErasureView } from '../../../../common/contracts/erasures.contracts'
import { api } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { AwaitingErasuresPanel } from './awaiting-erasures-panel'

type Status = ErasureView['status']
const STATUS_COLOR: Record<Status, string> = { proposed: 'orange', confirmed: 'red', refused: 'gray' }

/**
 * Erasure by crypto-shredding (GDPR art. 17): the DPO proposes it under an open erasure request,
 * a second person confirms (which destroys the person's key at once) or refuses.
 */
export function ErasuresPage() {
  const { t } = useTranslation()
  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title={t('erasure.title')} description={t('erasure.intro')} />
      <Propose />
      <AwaitingErasuresPanel always />
      <ErasureList />
    </Stack>
  )
}

function Propose() {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [params, setParams] = useSearchParams()
  const requestId = params.get('request')
  const [asking, setAsking] = useState(false)
  const [proposed, setProposed] = useState<ErasureView | null>(null)
  const requests = useQuery({
    queryKey: ['dpo-requests', 'open', 'erasure'],
    queryFn: () => api.get('/api/dpo/requests', { query: { status: 'open', kind: 'erasure', limit: 100 } }),
  })
  const eligible = (requests.data?.items ?? []).filter((r) => r.person)
  const chosen = eligible.find((r) => r.id === requestId)
  // A request stays open after its erasure; the person is then proposed or gone, so not offered again.
  const pending = useQuery({
    queryKey: ['erasures', 'list', 'proposed'],
    queryFn: () => api.get('/api/erasures', { query: { state: 'proposed', limit: 100 } }),
  })
  const done = useQuery({
    queryKey: ['erasures', 'list', 'confirmed'],
    queryFn: () => api.get('/api/erasures', { query: { state: 'confirmed', limit: 100 } }),
  })
  const already = [...(pending.data?.items ?? []), ...(done.data?.items ?? [])].find((e) => e.personId === chosen?.person?.id)
  const propose = useMutation({
    mutationFn: () => api.post('/api/persons/{id}/erasure', { path: { id: chosen!.person!.id }, body: { requestId: chosen!.id } }),
    onSuccess: (v) => {
      setProposed(v)
      setAsking(false)
      void queryClient.invalidateQueries({ queryKey: ['erasures'] })
    },
  })
  return (
    <Paper component="section" aria-labelledby="erasure-propose">
      <Stack gap="md">
        <Title order={2} size="h4" id="erasure-propose">
          {t('erasure.propose')}
        </Title>
        <ErrorAlert error={requests.error} />
        {requests.isPending ? (
          <Loading />
        ) : (
          <Group align="end" wrap="wrap">
            <Select
              label={t('erasure.requestLabel')}
              description={t('erasure.requestHelp')}
              placeholder={t('erasure.requestPlaceholder')}
              data={eligible.map((r) => ({
                value: r.id,
                label: `${r.code} · ${r.person?.code ?? ''}${r.decision ? ` · ${t(`erasure.decision.${r.decision}`)}` : ''}`,
              }))}
              value={chosen ? chosen.id : null}
              onChange={(id) => {
                setProposed(null)
                propose.reset()
                setParams(id ? { request: id } : {}, { replace: true })
              }}
              searchable
              clearable
              nothingFoundMessage={t('erasure.noRequest')}
              w={{ base: '100%', sm: 460 }}
              data-testid="erasure-request"
            />
            <Button color="red" disabled={!chosen || !!proposed || !!already} onClick={() => setAsking(true)} data-testid="erasure-propose">
              {t('erasure.proposeButton')}
            </Button>
          </Group>
        )}
        <div aria-live="polite" role="status">
          {proposed ? (
            <Alert color="orange" variant="light" data-testid="erasure-proposed">
              {t('erasure.proposed', { person: proposed.personCode })}
            </Alert>
          ) : already ? (
            <Text size="sm" c="gray.7" data-testid="erasure-already">
              {t(`erasure.already.${already.status}`, { person: already.personCode })}
            </Text>
          ) : null}
        </div>
        {!asking ? <ErrorAlert error={propose.error} /> : null}
      </Stack>
      {asking && chosen ? (
        <AppModal opened onClose={() => setAsking(false)} title={t('erasure.proposeTitle')}>
          <Stack>
            <Text fw={600}>{t('erasure.subjectPerson', { person: chosen.person?.code ?? '' })}</Text>
            <Text>{t('erasure.irreversible')}</Text>
            <Text>{t('erasure.remains')}</Text>
            <Text>{t('erasure.secondPerson')}</Text>
            <ErrorAlert error={propose.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsking(false)} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={propose.isPending} onClick={() => propose.mutate()} data-testid="erasure-propose-confirm">
                {t('erasure.proposeButton')}
              </Button>
            </Group>
          </Stack>
        </AppModal>
      ) : null}
    </Paper>
  )
}

function ErasureList() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [state, setState] = useState<Status>('proposed')
  const list = useQuery({
    queryKey: ['erasures', 'list', state],
    queryFn: () => api.get('/api/erasures', { query: { state, limit: 100 } }),
  })
  const label = t('erasure.listTitle')
  return (
    <Paper>
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4" id="erasure-list">
            {label}
          </Title>
          <SegmentedControl
            aria-label={t('erasure.filter')}
            value={state}
            onChange={(v) => setState(v as Status)}
            data={ERASURE_STATUSES.map((s) => ({ value: s, label: t(`erasure.status.${s}`) }))}
          />
        </Group>
        <ErrorAlert error={list.error} />
        {list.isPending ? (
          <Loading />
        ) : list.data && list.data.items.length ? (
          <ScrollTable label={label}>
            <Table striped data-testid="erasure-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('erasure.col.person')}</Table.Th>
                  <Table.Th scope="col">{t('erasure.col.cases')}</Table.Th>
                  <Table.Th scope="col">{t('erasure.col.status')}</Table.Th>
                  <Table.Th scope="col">{t('erasure.col.proposed')}</Table.Th>
                  <Table.Th scope="col">{t('erasure.col.decided')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td className="mono">{e.personCode}</Table.Td>
                    <Table.Td className="mono">{e.caseCodes.join(', ')}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[e.status]} variant="light">
                        {t(`erasure.status.${e.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{t('erasure.byAt', { by: e.proposedBy.displayName, at: fmt.dateTimeShort(e.proposedAt) })}</Table.Td>
                    <Table.Td>
                      {e.decidedBy ? t('erasure.byAt', { by: e.decidedBy.displayName, at: fmt.dateTimeShort(e.decidedAt) }) : ''}
                      {e.refusalReason ? (
                        <Text size="sm" c="gray.7">
                          {t('erasure.refusedBecause', { reason: t(`erasure.refusalReasons.${e.refusalReason}`) })}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        ) : (
          <Text c="gray.7">{t('erasure.listNone')}</Text>
        )}
      </Stack>
    </Paper>
  )
}
