import { Paper, SimpleGrid, Table, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { ScrollTable } from '../../components/scroll-table'
import { ChartCard } from '../dashboard/chart-card'
import { type Activity, useNetworkActivity, usePartnerActivity } from './use-partner-activity'

function Count({ label, value }: { label: string; value: string | number }) {
  return (
    <div>
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </div>
  )
}

/** "12 h" or "—" before any answer. */
function useHours() {
  const { t } = useTranslation()
  return (h: number | null) => (h === null ? '—' : t('partnerActivity.hours', { count: h }))
}

/** One organisation's referral counts: on its directory page and on its own staff's organisation page. */
export function PartnerActivitySection({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation()
  const hours = useHours()
  const q = usePartnerActivity(organisationId)
  if (q.isPending) return <Loading />
  if (!q.data) return <ErrorAlert error={q.error} />
  const a: Activity = q.data
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="partner-activity" data-testid="partner-activity">
      <Title order={2} size="h4" id="partner-activity" mb="xs">
        {t('partnerActivity.title')}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {t('partnerActivity.intro')}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Count label={t('partnerActivity.sent')} value={a.sent} />
        <Count label={t('partnerActivity.awaiting')} value={a.awaiting} />
        <Count label={t('partnerActivity.accepted')} value={a.accepted} />
        <Count label={t('partnerActivity.declined')} value={a.declined} />
        <Count label={t('partnerActivity.completed')} value={a.completed} />
        <Count label={t('partnerActivity.stopped')} value={a.stopped} />
        <Count label={t('partnerActivity.medianAnswer')} value={hours(a.medianHoursToAnswer)} />
      </SimpleGrid>
      <Text size="sm" mt="sm">
        <strong>{t('partnerActivity.outcomes')}</strong>{' '}
        {(['met', 'partly_met', 'not_met'] as const).map((k) => `${t(`partnerActivity.need.${k}`)} ${a.outcomes.need[k]}`).join(' · ')}
        {' — '}
        {(['stayed', 'left'] as const).map((k) => `${t(`partnerActivity.person.${k}`)} ${a.outcomes.person[k]}`).join(' · ')}
      </Text>
      {a.declined > 0 ? (
        <Text size="sm" mt="xs" data-testid="decline-reasons">
          <strong>{t('referralDecline.byReason')}</strong>{' '}
          {Object.entries(a.declineReasons)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${t(`referralDecline.reasons.${k}`)} ${n}`)
            .join(' · ')}
        </Text>
      ) : null}
    </Paper>
  )
}

/** The lead's dashboard card: every organisation that received a referral, counts only. */
export function NetworkActivityCard() {
  const { t } = useTranslation()
  const hours = useHours()
  const q = useNetworkActivity(true)
  const rows = (q.data?.items ?? []).filter((a) => a.sent > 0)
  const reasons = Object.keys(rows[0]?.declineReasons ?? {}) as (keyof Activity['declineReasons'])[]
  return (
    <>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="network-activity" data-testid="network-activity">
        <Title order={2} size="h4" id="network-activity" mb="xs">
          {t('partnerActivity.networkTitle')}
        </Title>
        <ErrorAlert error={q.error} />
        {q.isPending ? (
          <Loading />
        ) : rows.length === 0 ? (
          <Text c="gray.7">{t('partnerActivity.none')}</Text>
        ) : (
          <ScrollTable label={t('referralDecline.byOrganisation')} stack="figures">
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('partnerActivity.organisation')}</Table.Th>
                  <Table.Th scope="col">{t('partnerActivity.sent')}</Table.Th>
                  <Table.Th scope="col">{t('partnerActivity.accepted')}</Table.Th>
                  <Table.Th scope="col">{t('partnerActivity.declined')}</Table.Th>
                  <Table.Th scope="col">{t('partnerActivity.completed')}</Table.Th>
                  <Table.Th scope="col">{t('partnerActivity.medianAnswer')}</Table.Th>
                  <Table.Th scope="col">{t('partnerActivity.needMet')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={a.organisationId}>
                    <Table.Th scope="row">{a.organisationName}</Table.Th>
                    <Table.Td>{a.sent}</Table.Td>
                    <Table.Td>{a.accepted}</Table.Td>
                    <Table.Td>{a.declined}</Table.Td>
                    <Table.Td>{a.completed}</Table.Td>
                    <Table.Td>{hours(a.medianHoursToAnswer)}</Table.Td>
                    <Table.Td>{a.outcomes.need.met}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Paper>
      {rows.some((a) => a.declined > 0) ? (
        <ChartCard
          id="network-declines"
          title={t('referralDecline.networkTitle')}
          type="bar"
          empty=""
          slices={reasons.map((k) => ({
            key: k,
            label: t(`referralDecline.reasons.${k}`),
            count: rows.reduce((n, a) => n + a.declineReasons[k], 0),
            color: 'petrol.6',
          }))}
        />
      ) : null}
    </>
  )
}
