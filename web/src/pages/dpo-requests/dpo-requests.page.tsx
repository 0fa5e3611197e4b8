import { Alert, Anchor, Badge, Button, Group, NativeSelect, SegmentedControl, Stack, Table } from '@mantine/core'
import { IconInfoCircle, IconPlus } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DPO_REQUEST_KINDS, type DpoRequestKind } from '../../../../common/contracts/dpo-requests.contracts'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { DpoRequestDeadline } from './dpo-request-deadline'
import { RecordRequestForm } from './record-request-form'

type State = 'open' | 'closed' | 'all'

/** The register of data-subject requests (issue 13): soonest deadline first, with each one's clock. */
export function DpoRequestsPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [status, setStatus] = useState<State>('open')
  const [kind, setKind] = useState<DpoRequestKind | ''>('')
  const [recording, setRecording] = useState(false)
  const opener = useRef<HTMLButtonElement>(null)
  const list = useQuery({
    queryKey: ['dpo-requests', status, kind],
    queryFn: () => api.get('/api/dpo/requests', { query: { status, ...(kind ? { kind } : {}), limit: 100 } }),
    placeholderData: keepPreviousData,
  })
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('dpoRequests.title')}
        description={t('dpoRequests.intro')}
        actions={
          recording ? null : (
            <Button ref={opener} onClick={() => setRecording(true)} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('dpoRequests.new')}
            </Button>
          )
        }
      />
      {recording ? (
        <RecordRequestForm
          onCancel={() => {
            setRecording(false)
            // The button comes back on the next render: focus it then.
            window.setTimeout(() => opener.current?.focus(), 0)
          }}
        />
      ) : null}
      <Group gap="md" align="end" wrap="wrap">
        <SegmentedControl
          aria-label={t('dpoRequests.filterStatus')}
          value={status}
          onChange={(v) => setStatus(v as State)}
          data={(['open', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`dpoRequests.states.${s}`) }))}
        />
        <NativeSelect
          label={t('dpoRequests.filterKind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as DpoRequestKind | '')}
          data={[
            { value: '', label: t('dpoRequests.allKinds') },
            ...DPO_REQUEST_KINDS.map((k) => ({ value: k, label: t(`dpoRequests.kinds.${k}`) })),
          ]}
          data-testid="dpo-requests-kind"
        />
      </Group>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />}>
          {t('dpoRequests.empty')}
        </Alert>
      ) : list.data ? (
        <ScrollTable label={t('dpoRequests.caption')}>
          <Table data-testid="dpo-requests" verticalSpacing="sm" horizontalSpacing="md">
            <Table.Caption>{t('dpoRequests.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dpoRequests.col.code')}</Table.Th>
                <Table.Th scope="col">{t('dpoRequests.col.deadline')}</Table.Th>
                <Table.Th scope="col">{t('dpoRequests.col.kind')}</Table.Th>
                <Table.Th scope="col">{t('dpoRequests.col.receivedOn')}</Table.Th>
                <Table.Th scope="col">{t('dpoRequests.col.person')}</Table.Th>
                <Table.Th scope="col">{t('dpoRequests.col.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td className="nowrap">
                    <Anchor component={Link} to={`/dpo/requests/${r.id}`} className="mono">
                      {r.code}
                    </Anchor>
                  </Table.Td>
                  {/* The deadline next to the code: on a phone it stays in view without scrolling sideways. */}
                  <Table.Td>
                    <DpoRequestDeadline request={r} size="sm" />
                  </Table.Td>
                  <Table.Td>{t(`dpoRequests.kinds.${r.kind}`)}</Table.Td>
                  <Table.Td className="nowrap">{fmt.day(r.receivedOn)}</Table.Td>
                  <Table.Td>
                    {r.person ? (
                      <Badge variant="light" radius="sm" className="mono">
                        {r.person.code}
                      </Badge>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>{t(`dpoRequests.statuses.${r.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
    </Stack>
  )
}
