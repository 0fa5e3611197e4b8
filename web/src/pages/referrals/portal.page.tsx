import { Anchor, Stack, Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { ReferralStatusBadge } from './referral-bits'
import { usePortalReferrals } from './use-portal'

/** A partner's home: the referrals addressed to their organisation, while each one's copy lives. */
export function PortalPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const list = usePortalReferrals()
  return (
    <Stack gap="lg" maw={960}>
      <PageHeader title={t('portal.title')} description={t('portal.description')} />
      <ErrorAlert error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <Text c="gray.8">{t('portal.empty')}</Text> : null}
      {list.data && list.data.items.length > 0 ? (
        <ScrollTable label={t('portal.title')} stack="fields">
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('portal.code')}</Table.Th>
                <Table.Th scope="col">{t('portal.status')}</Table.Th>
                <Table.Th scope="col">{t('portal.service')}</Table.Th>
                <Table.Th scope="col">{t('portal.sentAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((r) => (
                <Table.Tr key={r.id} data-testid="portal-referral">
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/portal/${r.id}`} className="mono" fw={600}>
                      {r.code}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    <ReferralStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>{r.serviceName ?? '—'}</Table.Td>
                  <Table.Td>{fmt.dateTimeShort(r.sentAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : null}
    </Stack>
  )
}
