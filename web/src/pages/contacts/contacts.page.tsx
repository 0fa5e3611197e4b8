import { Alert, Anchor, Button, Stack, Table, Text, Title } from '@mantine/core'
import { IconInfoCircle, IconPhonePlus } from '@tabler/icons-react'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { ContactSummary } from '../../../../common/contracts/contacts.contracts'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { Pager } from '../../components/pager'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'

const LIMIT = 25

function ContactRows({ items, caption, testId }: { items: ContactSummary[]; caption: string; testId: string }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <ScrollTable label={caption}>
      <Table data-testid={testId} striped highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('contacts.occurredAt')}</Table.Th>
            <Table.Th scope="col">{t('contacts.urgencyLabel')}</Table.Th>
            <Table.Th scope="col">{t('contacts.channelLabel')}</Table.Th>
            <Table.Th scope="col">{t('contacts.callerKindLabel')}</Table.Th>
            <Table.Th scope="col">{t('contacts.callerName')}</Table.Th>
            <Table.Th scope="col">{t('contacts.waitingFor')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Th scope="row" className="nowrap">
                <Anchor component={Link} to={`/contacts/${c.id}`} fw={600}>
                  {fmt.dateTimeMinutes(c.occurredAt)}
                </Anchor>
              </Table.Th>
              <Table.Td>{t(`contacts.urgency.${c.urgency}`)}</Table.Td>
              <Table.Td>{t(`contacts.channel.${c.channel}`)}</Table.Td>
              <Table.Td>{t(`contacts.callerKind.${c.callerKind}`)}</Table.Td>
              <Table.Td>{c.callerName ?? t('contacts.noName')}</Table.Td>
              <Table.Td>
                {c.status === 'draft'
                  ? t('contacts.draft')
                  : c.callbackOn
                    ? t('contacts.callbackOn', { date: fmt.date(c.callbackOn) })
                    : c.orientation === null
                      ? t('contacts.orientationPending')
                      : t(`contacts.orientation.${c.orientation}`)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  )
}

/** The front door: the contacts waiting for someone (most urgent, then oldest first), then every contact. */
export function ContactsPage() {
  const { t } = useTranslation()
  const [offset, setOffset] = useState(0)
  const queue = useQuery({ queryKey: ['contacts', 'queue'], queryFn: ({ signal }) => api.get('/api/contacts/queue', { signal }) })
  const list = useQuery({
    queryKey: ['contacts', 'list', offset],
    queryFn: ({ signal }) => api.get('/api/contacts', { query: { limit: LIMIT, offset }, signal }),
    placeholderData: keepPreviousData,
  })
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.intro')}
        actions={
          <Button component={Link} to="/contacts/new" leftSection={<IconPhonePlus size={18} aria-hidden />}>
            {t('contacts.new')}
          </Button>
        }
      />
      <Title order={2}>{t('contacts.queueTitle')}</Title>
      <ErrorAlert error={queue.error} />
      {queue.isPending ? (
        <Loading />
      ) : queue.data?.items.length ? (
        <ContactRows items={queue.data.items} caption={t('contacts.queueCaption')} testId="contact-queue" />
      ) : (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />}>
          {t('contacts.queueEmpty')}
        </Alert>
      )}
      <Title order={2}>{t('contacts.allTitle')}</Title>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data?.items.length ? (
        <Stack gap="sm">
          <ContactRows items={list.data.items} caption={t('contacts.allCaption')} testId="contact-list" />
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />
        </Stack>
      ) : (
        <Text>{t('contacts.empty')}</Text>
      )}
    </Stack>
  )
}
