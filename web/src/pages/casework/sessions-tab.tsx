import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core'
import { IconCalendarPlus, IconNotes } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccompanimentView, CaseSessionView } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { ScrollTable } from '../../components/scroll-table'
import { useFormat } from '../../i18n/format'
import { SessionDialog } from './session-dialog'
import { SessionModal } from './session-modal'
import { useSessions } from './use-casework'

const STATUS_COLOR = { planned: 'blue', held: 'green', cancelled: 'gray', missed: 'orange' } as const

export function SessionsTab({ a, canWrite }: { a: AccompanimentView; canWrite: boolean }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const sessions = useSessions(a.id)
  const [adding, setAdding] = useState<'plan' | 'record' | null>(null)
  const [opened, setOpened] = useState<CaseSessionView | null>(null)
  const writable = canWrite && a.status !== 'closed' && a.access !== 'emergency'
  const close = () => {
    setAdding(null)
    setOpened(null)
  }

  return (
    <Stack gap="md">
      {writable ? (
        <Group>
          <Button
            leftSection={<IconCalendarPlus size={18} aria-hidden />}
            onClick={() => {
              setAdding('plan')
            }}
          >
            {t('sessions.plan')}
          </Button>
          <Button
            variant="light"
            leftSection={<IconNotes size={18} aria-hidden />}
            onClick={() => {
              setAdding('record')
            }}
          >
            {t('sessions.record')}
          </Button>
        </Group>
      ) : null}
      <ErrorAlert error={sessions.error} />
      {sessions.isPending ? (
        <Loading />
      ) : sessions.data?.items.length ? (
        <ScrollTable label={t('sessions.tableLabel')}>
          <Table data-testid="sessions" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('sessions.startsAt')}</Table.Th>
                <Table.Th scope="col">{t('sessions.modalityLabel')}</Table.Th>
                <Table.Th scope="col">{t('sessions.statusLabel')}</Table.Th>
                <Table.Th scope="col">{t('sessions.worker')}</Table.Th>
                <Table.Th scope="col">{t('sessions.notes')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    {fmt.dateTimeMinutes(s.startsAt)}
                    <Text size="sm" c="gray.7">
                      {t('sessions.minutes', { count: s.durationMinutes })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {t(`sessions.modality.${s.modality}`)}
                    {s.place ? (
                      <Text size="sm" c="gray.7">
                        {s.place}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLOR[s.status]}>
                      {t(`sessions.status.${s.status}`)}
                    </Badge>
                    {s.attendance ? (
                      <Text size="sm" c="gray.7">
                        {t(`sessions.attendance.${s.attendance}`)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{s.workerName}</Table.Td>
                  <Table.Td maw="22rem">
                    {/* The first lines only: the whole note is in the read view. */}
                    <Text size="sm" lineClamp={2} style={{ whiteSpace: 'pre-line' }} data-testid="session-excerpt">
                      {s.notes ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => {
                        setOpened(s)
                      }}
                      aria-label={t('sessions.openOne', { date: fmt.dateTimeMinutes(s.startsAt) })}
                      data-testid="session-open"
                    >
                      {t('sessions.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      ) : (
        <Text c="gray.7">{t('sessions.empty')}</Text>
      )}
      {adding ? <SessionModal a={a} mode={adding} onClose={close} /> : null}
      {opened ? <SessionDialog a={a} session={opened} canEdit={writable} onClose={close} /> : null}
    </Stack>
  )
}
