import { Badge, Button, Group, Stack, Text } from '@mantine/core'
import { IconPencil } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccompanimentView, CaseSessionView } from '../../api/types'
import { AppModal } from '../../components/app-modal'
import { useFormat } from '../../i18n/format'
import { SessionForm } from './session-modal'

/**
 * A recorded session opens to read, never straight into a form: notes are read far more often
 * than changed, and an open form invites accidental edits. "Edit" turns the same dialog into
 * the form (for those who may change the case).
 */
export function SessionDialog({
  a,
  session,
  canEdit,
  onClose,
}: {
  a: AccompanimentView
  session: CaseSessionView
  canEdit: boolean
  onClose: () => void
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [editing, setEditing] = useState(false)
  const when = fmt.dateTimeMinutes(session.startsAt)
  return (
    <AppModal opened onClose={onClose} title={editing ? t('sessions.editTitle') : t('sessions.viewTitle', { date: when })}>
      {editing ? (
        <SessionForm a={a} session={session} mode="record" onClose={onClose} />
      ) : (
        <Stack gap="md" data-testid="session-view">
          <Stack component="dl" gap={6} m={0}>
            <Fact label={t('sessions.startsAt')}>
              {when} · {t('sessions.minutes', { count: session.durationMinutes })}
            </Fact>
            <Fact label={t('sessions.statusLabel')}>
              <Badge variant="light">{t(`sessions.status.${session.status}`)}</Badge>
              {session.attendance ? ` ${t(`sessions.attendance.${session.attendance}`)}` : null}
            </Fact>
            <Fact label={t('sessions.modalityLabel')}>
              {t(`sessions.modality.${session.modality}`)}
              {session.place ? ` — ${session.place}` : null}
            </Fact>
            <Fact label={t('sessions.participants')}>
              {session.participants.map((p) => t(`sessions.participant.${p}`)).join(', ') || '—'}
            </Fact>
            <Fact label={t('sessions.worker')}>{session.workerName}</Fact>
          </Stack>
          <Stack gap={4}>
            <Text fw={600} component="h3" size="md" m={0}>
              {t('sessions.notes')}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="session-notes">
              {session.notes ?? t('sessions.noNotes')}
            </Text>
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.close')}
            </Button>
            {canEdit ? (
              <Button leftSection={<IconPencil size={18} aria-hidden />} onClick={() => setEditing(true)} data-testid="session-edit">
                {t('common.edit')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      )}
    </AppModal>
  )
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text component="dt" fw={600} size="sm" miw="8rem">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </Group>
  )
}
