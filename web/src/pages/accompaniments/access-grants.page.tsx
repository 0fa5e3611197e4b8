import { Alert, Anchor, Badge, Stack, Table, Text } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'

/** Break-the-glass accesses to my teams' cases (all of them for the DPO), newest first. */
export function AccessGrantsPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const grants = useQuery({
    queryKey: ['access-grants'],
    queryFn: ({ signal }) => api.get('/api/access-grants', { signal }),
  })

  return (
    <Stack gap="lg">
      <PageHeader title={t('grants.title')} description={t('grants.intro')} />
      <ErrorAlert error={grants.error} />
      {grants.isPending ? (
        <Loading />
      ) : grants.data && grants.data.items.length === 0 ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />} title={t('grants.emptyTitle')}>
          {t('grants.empty')}
        </Alert>
      ) : grants.data ? (
        <ScrollTable label={t('grants.caption')}>
          <Table data-testid="access-grants" verticalSpacing="sm" horizontalSpacing="md">
            <Table.Caption>{t('grants.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('grants.state')}</Table.Th>
                <Table.Th scope="col">{t('accompaniment.code')}</Table.Th>
                <Table.Th scope="col">{t('grants.user')}</Table.Th>
                <Table.Th scope="col">{t('grants.reason')}</Table.Th>
                <Table.Th scope="col">{t('grants.grantedAt')}</Table.Th>
                <Table.Th scope="col">{t('grants.expiresAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {grants.data.items.map((g) => (
                <Table.Tr key={g.id} bg={g.active ? 'orange.0' : undefined} data-active={g.active || undefined}>
                  <Table.Td>
                    {g.active ? (
                      <Badge color="orange" variant="light" radius="sm">
                        {t('grants.active')}
                      </Badge>
                    ) : (
                      <Badge color="gray" c="gray.8" variant="light" radius="sm">
                        {t('grants.expired')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Th scope="row" className="mono nowrap">
                    <Anchor component={Link} to={`/accompaniments/${g.accompanimentId}`} fw={600}>
                      {g.accompanimentCode}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{g.userName}</Table.Td>
                  <Table.Td maw={420}>
                    <Text size="sm" className="pre-wrap">
                      {g.reason}
                    </Text>
                  </Table.Td>
                  <Table.Td className="nowrap">{fmt.dateTimeShort(g.grantedAt)}</Table.Td>
                  <Table.Td className="nowrap">{fmt.dateTimeShort(g.expiresAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
    </Stack>
  )
}
