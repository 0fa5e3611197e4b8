import { Alert, Anchor, Select, Stack, Table, Text } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import type { AccompanimentStatus } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { Pager } from '../../components/pager'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { STATUSES } from './vocabulary'
import { AccessBadge, StatusBadge } from './badges'

const LIMIT = 25

/** My caseload: the cases I am assigned to, those of my team (lead), and emergency accesses. */
export function CaseloadPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [status, setStatus] = useState<AccompanimentStatus | ''>('')
  const [offset, setOffset] = useState(0)
  const list = useQuery({
    queryKey: ['accompaniments', 'list', status, offset],
    queryFn: ({ signal }) => api.get('/api/accompaniments', { query: { status: status || undefined, limit: LIMIT, offset }, signal }),
    placeholderData: keepPreviousData,
  })

  return (
    <Stack gap="lg">
      <PageHeader title={t('caseload.title')} description={t('caseload.intro')} />
      <Select
        label={t('caseload.statusFilter')}
        data={[
          { value: '', label: t('caseload.allStatuses') },
          ...STATUSES.map((s) => ({ value: s, label: t(`accompaniment.status.${s}`) })),
        ]}
        value={status}
        onChange={(v) => {
          setStatus((v ?? '') as AccompanimentStatus | '')
          setOffset(0)
        }}
        allowDeselect={false}
        maw={320}
      />
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />} title={t('caseload.emptyTitle')}>
          {t(status ? 'caseload.emptyFiltered' : 'caseload.empty')}
        </Alert>
      ) : list.data ? (
        <Stack gap="sm">
          <ScrollTable label={t('caseload.caption')}>
            <Table data-testid="caseload" striped highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
              <Table.Caption>{t('caseload.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('accompaniment.code')}</Table.Th>
                  <Table.Th scope="col">{t('accompaniment.person')}</Table.Th>
                  <Table.Th scope="col">{t('accompaniment.kindLabel')}</Table.Th>
                  <Table.Th scope="col">{t('accompaniment.frameworkLabel')}</Table.Th>
                  <Table.Th scope="col">{t('accompaniment.statusLabel')}</Table.Th>
                  <Table.Th scope="col">{t('accompaniment.accessLabel')}</Table.Th>
                  <Table.Th scope="col">{t('caseload.lastChange')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Th scope="row" className="mono nowrap">
                      <Anchor component={Link} to={`/accompaniments/${a.id}`} fw={600}>
                        {a.code}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>{a.personName}</Table.Td>
                    <Table.Td>{t(`accompaniment.kind.${a.kind}`)}</Table.Td>
                    <Table.Td>{t(`accompaniment.framework.${a.framework}`)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td>
                      <AccessBadge access={a.access} />
                    </Table.Td>
                    <Table.Td className="nowrap">
                      <Text size="sm">{fmt.dateTimeShort(a.updatedAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />
        </Stack>
      ) : null}
    </Stack>
  )
}
