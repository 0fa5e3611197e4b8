import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconBriefcase, IconPhoneCall } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { useFormat } from '../../i18n/format'
import { PersonPicker } from '../persons/person-picker'
import { useCallback } from './use-contacts'
import type { ContactView } from './vocabulary'
import { DateField } from '../../components/date-field'

/** Call back on a date: kept on the contact (the queue shows it) and, on a linked case, a task. */
export function CallbackPanel({ contact }: { contact: ContactView }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const callback = useCallback()
  const [due, setDue] = useState(contact.callbackOn ?? '')
  const errors = useFieldErrors(callback.error)
  return (
    <Paper component="section" aria-labelledby="contact-callback">
      <Stack gap="sm">
        <Title order={2} size="h4" id="contact-callback">
          {t('contacts.callbackTitle')}
        </Title>
        {contact.callbackOn ? (
          <Text data-testid="callback-on">{t('contacts.callbackOn', { date: fmt.date(contact.callbackOn) })}</Text>
        ) : null}
        <ErrorAlert error={errors.any ? null : callback.error} />
        <Group align="flex-end">
          <DateField label={t('contacts.callbackDate')} value={due} onChange={(v) => setDue(v)} error={errors.of('dueDate')} />
          <Button
            variant="light"
            leftSection={<IconPhoneCall size={16} aria-hidden />}
            loading={callback.isPending}
            disabled={!due}
            onClick={() => callback.mutate({ contact, vars: { dueDate: due, assigneeId: null } })}
          >
            {t('contacts.callbackSet')}
          </Button>
          {contact.callbackOn ? (
            <Button
              variant="subtle"
              onClick={() => callback.mutate({ contact, vars: { dueDate: null, assigneeId: null } }, { onSuccess: () => setDue('') })}
            >
              {t('contacts.callbackClear')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  )
}

/**
 * From a contact to a case in one action: choose the case's client (the caller, once registered,
 * or the person concerned) and open the case form; the case is opened and linked together.
 */
export function OpenCasePanel({ contact }: { contact: ContactView }) {
  const { t } = useTranslation()
  const [client, setClient] = useState<string | null>(contact.personId)
  const { data: me } = useMe()
  if (contact.accompanimentId) {
    // Intake hands a case to a team and does not read it: no link to a page it may not open.
    return (
      <Alert variant="light" color="petrol" icon={<IconBriefcase aria-hidden />} data-testid="contact-case">
        {t('contacts.linkedCase')}{' '}
        {can(me, 'accompaniment.read') ? (
          <Anchor component={Link} to={`/accompaniments/${contact.accompanimentId}`}>
            {t('contacts.openLinkedCase')}
          </Anchor>
        ) : null}
      </Alert>
    )
  }
  return (
    <Paper component="section" aria-labelledby="contact-open-case">
      <Stack gap="sm">
        <Title order={2} size="h4" id="contact-open-case">
          {t('contacts.openCaseTitle')}
        </Title>
        <Text size="sm">{t('contacts.openCaseIntro')}</Text>
        <PersonPicker label={t('contacts.caseClient')} description={t('contacts.caseClientHint')} value={client} onChange={setClient} />
        <Group>
          {client ? (
            <Button
              component={Link}
              to={`/accompaniments/new?personId=${client}&contactId=${contact.id}`}
              leftSection={<IconBriefcase size={16} aria-hidden />}
            >
              {t('contacts.openCase')}
            </Button>
          ) : (
            <Button disabled leftSection={<IconBriefcase size={16} aria-hidden />}>
              {t('contacts.openCase')}
            </Button>
          )}
          <Button component={Link} to="/persons/new" variant="subtle">
            {t('contacts.registerPerson')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}
