import { Button, Group, Stack, Text } from '@mantine/core'
import { IconShieldExclamation } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LazyDialog, prefetchOnReach } from '../../components/lazy-dialog'
import { lazyNamed } from '../../components/lazy-page'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { Section } from '../accompaniments/case-details'
import { ExceptionStatusBadge } from './status-badge'
import { type ExceptionSubject, useSubjectExceptions } from './use-exceptions'

/** The confidentiality exceptions recorded about a case or a contact, shown on it, and the way to record one. */
// The form comes with its first opening (lazy-dialog.tsx): the section is a list first.
const loadForm = () => import('./exception-form')
const ExceptionForm = lazyNamed(loadForm, 'ExceptionForm')

export function ExceptionsSection({ subject, canRecord }: { subject: ExceptionSubject; canRecord: boolean }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const list = useSubjectExceptions(subject)
  const [recording, setRecording] = useState(false)
  return (
    <Section id={`${subject.kind}-exceptions`} title={t('exceptions.caseTitle')}>
      <Stack gap="sm">
        <ErrorAlert error={list.error} />
        {list.isPending ? <Loading /> : null}
        {list.data && list.data.items.length === 0 ? (
          <Text c="gray.8">{t(subject.kind === 'case' ? 'exceptions.caseEmpty' : 'exceptions.contactEmpty')}</Text>
        ) : null}
        {list.data?.items.map((e) => (
          <Stack
            key={e.id}
            gap={4}
            data-testid="case-exception"
            p="sm"
            style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
          >
            <Group gap="xs">
              <ExceptionStatusBadge status={e.status} />
              <Text size="sm" fw={600}>
                {t(`exceptions.recipients.${e.recipientKind}`)} — {e.recipientName}
              </Text>
              <Text size="sm" c="gray.8">
                {fmt.dateTimeShort(e.disclosedAt)} · {e.recordedByName}
              </Text>
            </Group>
            <Text size="sm" className="pre-wrap">
              {e.situation}
            </Text>
            <Text size="sm" className="pre-wrap">
              <strong>{t('exceptions.disclosedPrefix')}</strong> {e.disclosed}
            </Text>
            {e.refusalReason ? (
              <Text size="sm" className="pre-wrap">
                <strong>{t('exceptions.refusalPrefix')}</strong> {e.refusalReason}
              </Text>
            ) : null}
          </Stack>
        ))}
        {canRecord ? (
          <Group>
            <Button
              variant="light"
              leftSection={<IconShieldExclamation size={18} aria-hidden />}
              onClick={() => setRecording(true)}
              {...prefetchOnReach(loadForm)}
            >
              {t('exceptions.recordOne')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <LazyDialog opened={recording} onClose={() => setRecording(false)} title={t('exceptions.recordTitle')}>
        {recording ? <ExceptionForm subject={subject} onDone={() => setRecording(false)} /> : null}
      </LazyDialog>
    </Section>
  )
}
