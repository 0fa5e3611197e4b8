import { Anchor, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { ReferralStatus } from '../../../../common/contracts/referrals.contracts'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { useFormat } from '../../i18n/format'

const STATUS_COLOUR: Record<ReferralStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  accepted: 'green',
  declined: 'red',
  in_progress: 'blue',
  completed: 'green',
  stopped: 'dark',
}

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={STATUS_COLOUR[status]} c={`${STATUS_COLOUR[status]}.9`} variant="light" data-testid="referral-status">
      {t(`referrals.status.${status}`)}
    </Badge>
  )
}

type Feedback = { id: string; side: 'service' | 'partner'; author: string; note: string; writtenAt: string }

/** The notes both sides exchange on a referral, oldest first, and the box to add one. */
export function FeedbackThread(props: {
  feedback: Feedback[]
  canWrite: boolean
  pending: boolean
  error: unknown
  onSend: (note: string, done: () => void) => void
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const [note, setNote] = useState('')
  const errors = useFieldErrors(props.error, [], 'referrals.errors')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (note.trim()) props.onSend(note, () => setNote(''))
  }
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {t('referrals.feedback.title')}
      </Text>
      {props.feedback.length === 0 ? (
        <Text size="sm" c="gray.8">
          {t('referrals.feedback.none')}
        </Text>
      ) : null}
      {props.feedback.map((f) => (
        <Text key={f.id} size="sm" className="pre-wrap" data-testid="referral-feedback">
          <strong>
            {t(`referrals.feedback.side.${f.side}`)} · {f.author} · {fmt.dateTimeShort(f.writtenAt)}
          </strong>
          {' — '}
          {f.note}
        </Text>
      ))}
      {props.canWrite ? (
        <form onSubmit={submit} noValidate>
          <Stack gap={6}>
            <Textarea
              label={t('referrals.feedback.note')}
              autosize
              minRows={2}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={errors.of('note')}
            />
            <ErrorAlert error={errors.any ? null : props.error} />
            <Group>
              <Button type="submit" variant="light" size="xs" loading={props.pending}>
                {t('referrals.feedback.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  )
}

/** On a case, what was recorded on the line on a contact later linked to it: said so, with the way to the contact. */
export function FromContactNote({ contactId, what }: { contactId: string; what: 'onCase' | 'consentOnCase' }) {
  const { t } = useTranslation()
  return (
    <Text size="sm" c="gray.8">
      {t(`referrals.fromContact.${what}`)}{' '}
      <Anchor component={Link} to={`/contacts/${contactId}`}>
        {t('referrals.fromContact.open')}
      </Anchor>
    </Text>
  )
}
