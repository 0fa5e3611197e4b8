import { Alert, Anchor, Button, Text } from '@mantine/core'
import { IconPhoneOutgoing, IconPhoneCheck } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useFormat } from '../../i18n/format'
import { useContact } from './use-contacts'
import type { ContactSummary, ContactView } from './vocabulary'

/**
 * "Call back now" on a line of the queue: one click opens a new outgoing phone contact answering
 * this one. Only the contact's id travels in the address; the new contact's screen reads the rest
 * (caller kind, sector, phone when the viewer may read it) through the API.
 */
export function CallBackNow({ contact }: { contact: ContactSummary }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  if (!contact.callbackOn && !(contact.channel === 'web_form' && contact.callerKind !== 'anonymous')) return null
  return (
    <Button
      component={Link}
      to={`/contacts/new?answers=${contact.id}`}
      size="xs"
      variant="light"
      // On a phone the label may take two lines rather than push the queue wider than the screen.
      h="auto"
      mih={30}
      py={4}
      styles={{ label: { whiteSpace: 'normal', textAlign: 'start' } }}
      leftSection={<IconPhoneOutgoing size={14} aria-hidden />}
      aria-label={t('contactQueue.callBackNowLabel', { date: fmt.dateTimeMinutes(contact.occurredAt) })}
      data-testid="call-back-now"
    >
      {t('contactQueue.callBackNow')}
    </Button>
  )
}

/** On a contact: which earlier contact it calls back, and when it was itself called back (and by which). */
export function CallbackLinks({ contact, answers }: { contact?: ContactView; answers?: string | null }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const answered = answers ?? contact?.answersContactId ?? null
  const target = useContact(answered ?? undefined)
  return (
    <>
      {answered ? (
        <Alert variant="light" color="petrol" icon={<IconPhoneOutgoing aria-hidden />} data-testid="contact-answers">
          <Text size="sm">
            {target.data
              ? t('contactQueue.answers', { date: fmt.dateTimeMinutes(target.data.occurredAt) })
              : t('contactQueue.answersLoading')}{' '}
            <Anchor component={Link} to={`/contacts/${answered}`} c="inherit" fw={600}>
              {t('contactQueue.answersOpen')}
            </Anchor>
          </Text>
        </Alert>
      ) : null}
      {contact?.calledBackAt ? (
        <Alert variant="light" color="green" icon={<IconPhoneCheck aria-hidden />} data-testid="contact-called-back">
          <Text size="sm">
            {t('contactQueue.calledBack', { date: fmt.dateTimeMinutes(contact.calledBackAt) })}
            {contact.calledBackBy ? (
              <>
                {' ('}
                <Anchor component={Link} to={`/contacts/${contact.calledBackBy}`} c="inherit" fw={600}>
                  {t('contactQueue.calledBackByLink')}
                </Anchor>
                {')'}
              </>
            ) : null}
          </Text>
        </Alert>
      ) : null}
    </>
  )
}
