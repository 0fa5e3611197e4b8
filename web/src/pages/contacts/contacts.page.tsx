import { Alert, Button, Group, SegmentedControl, Stack, Tabs, Title, VisuallyHidden } from '@mantine/core'
import { IconInfoCircle, IconPhonePlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { Pager } from '../../components/pager'
import { ContactStatisticsLink } from './contact-statistics-link'
import { ContactTable } from './contact-table'
import { CallBackNow } from './queue-callbacks'
import { DangerList } from './danger-list'
import { LineNow } from './queue-status'
import { useContactList, useQueue } from './use-contacts'

const LIMIT = 25

function Queue() {
  const { t } = useTranslation()
  const queue = useQueue()
  if (queue.isPending) return <Loading />
  return (
    <Stack gap="sm">
      <LineNow />
      <ErrorAlert error={queue.error} />
      {queue.data ? <DangerList name="queue" items={queue.data.items.filter((c) => c.dangerAt && !c.dangerAcknowledgedAt)} /> : null}
      {queue.data && queue.data.items.length === 0 ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />}>
          {t('contacts.queueEmpty')}
        </Alert>
      ) : queue.data ? (
        <ContactTable
          items={queue.data.items}
          label={t('contacts.queueCaption')}
          testId="contact-queue"
          action={(c) => <CallBackNow contact={c} />}
        />
      ) : null}
    </Stack>
  )
}

function AllContacts() {
  const { t } = useTranslation()
  const [status, setStatus] = useState<'all' | 'draft' | 'final'>('all')
  const [offset, setOffset] = useState(0)
  const list = useContactList({ status: status === 'all' ? undefined : status, limit: LIMIT, offset })
  return (
    <Stack gap="sm">
      <div role="group" aria-label={t('contacts.statusFilter')} style={{ maxWidth: 420 }}>
        <SegmentedControl
          value={status}
          onChange={(v) => {
            setStatus(v as typeof status)
            setOffset(0)
          }}
          data={[
            { value: 'all', label: t('contacts.allStatuses') },
            { value: 'draft', label: t('contacts.statuses.draft') },
            { value: 'final', label: t('contacts.statuses.final') },
          ]}
        />
      </div>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />}>
          {t('contacts.listEmpty')}
        </Alert>
      ) : list.data ? (
        <>
          <ContactTable items={list.data.items} label={t('contacts.listCaption')} testId="contact-list" />
          <Pager total={list.data.total} capped={list.data.capped} limit={LIMIT} offset={offset} onOffset={setOffset} />
        </>
      ) : null}
    </Stack>
  )
}

/** The contact point's desk: who waits for a call-back or a decision (most urgent, then oldest, first), and every contact. */
export function ContactsPage() {
  const { t } = useTranslation()
  return (
    <Stack gap="lg">
      <PageHeader
        title={t('contacts.title')}
        description={t('contacts.intro')}
        actions={
          <Group gap="sm">
            <ContactStatisticsLink />
            <Button component={Link} to="/contacts/new" leftSection={<IconPhonePlus size={18} aria-hidden />}>
              {t('contacts.new')}
            </Button>
          </Group>
        }
      />
      <Tabs defaultValue="queue" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="queue">{t('contacts.queue')}</Tabs.Tab>
          <Tabs.Tab value="all">{t('contacts.all')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue" pt="md">
          <VisuallyHidden>
            <Title order={2}>{t('contacts.queue')}</Title>
          </VisuallyHidden>
          <Queue />
        </Tabs.Panel>
        <Tabs.Panel value="all" pt="md">
          <VisuallyHidden>
            <Title order={2}>{t('contacts.all')}</Title>
          </VisuallyHidden>
          <AllContacts />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  )
}
