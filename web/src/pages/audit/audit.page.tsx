import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, qs } from '../../api/client'
import type { AuditList } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { Pager } from '../../components/pager'
import { useFormat } from '../../i18n/format'
import { AuditFilters, NO_FILTERS, type AuditFilterValues } from './audit-filters'
import { AuditVerifyPanel } from './audit-verify-panel'
import { DpoAlertsPanel } from './dpo-alerts-panel'

const LIMIT = 50

/** The DPO's view of the hash-chained audit log. */
export function AuditPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS)
  const [offset, setOffset] = useState(0)
  const list = useQuery({
    queryKey: ['audit', filters, offset],
    queryFn: ({ signal }) => api.get<AuditList>(`/api/audit${qs({ ...filters, limit: LIMIT, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  })

  return (
    <Stack gap="xl">
      <PageHeader title={t('audit.title')} description={t('audit.intro')} />
      <DpoAlertsPanel />
      <AuditVerifyPanel />
      <Paper component="section" aria-labelledby="audit-log-title">
        <Title order={2} size="h4" id="audit-log-title" mb="md">
          {t('audit.logTitle')}
        </Title>
        <AuditFilters
          initial={filters}
          serverError={list.error}
          onApply={(f) => {
            setFilters(f)
            setOffset(0)
          }}
        />
      </Paper>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data ? (
        <Stack gap="sm">
          {list.data.items.length === 0 ? (
            <Text role="status">{t('audit.none')}</Text>
          ) : (
            <ScrollTable label={t('audit.caption')}>
              <Table data-testid="audit-table" striped verticalSpacing="xs" horizontalSpacing="sm" fz="sm">
                <Table.Caption>{t('audit.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('audit.seq')}</Table.Th>
                    <Table.Th scope="col">{t('audit.at')}</Table.Th>
                    <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                    <Table.Th scope="col">{t('audit.action')}</Table.Th>
                    <Table.Th scope="col">{t('audit.subject')}</Table.Th>
                    <Table.Th scope="col">{t('audit.purpose')}</Table.Th>
                    <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
                    <Table.Th scope="col">{t('audit.origin')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((e) => (
                    <Table.Tr key={e.seq}>
                      <Table.Td className="mono">{e.seq}</Table.Td>
                      <Table.Td className="nowrap">{fmt.dateTimeShort(e.at)}</Table.Td>
                      <Table.Td>
                        {e.actorName ?? t('audit.system')}
                        {e.actorRole ? (
                          <Text size="xs" c="gray.7">
                            {t(`roles.${e.actorRole}`, { defaultValue: e.actorRole })}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td className="mono nowrap">{e.action}</Table.Td>
                      <Table.Td>
                        {e.subjectType ? t(`audit.subjects.${e.subjectType}`, { defaultValue: e.subjectType }) : '—'}
                        {e.subjectId ? (
                          <Text size="xs" c="gray.7" className="mono nowrap">
                            {e.subjectId}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{e.purpose ?? '—'}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" radius="sm" color={e.outcome === 'success' || e.outcome === 'ok' ? 'green' : 'orange'}>
                          {t(`audit.outcomes.${e.outcome}`, { defaultValue: e.outcome })}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {e.clientIp ?? '—'}
                        {e.requestId ? (
                          <Text size="xs" c="gray.7" className="mono nowrap">
                            {e.requestId}
                          </Text>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />
        </Stack>
      ) : null}
    </Stack>
  )
}
