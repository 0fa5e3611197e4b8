import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconListCheck } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContactView } from '../../../../common/contracts/contacts.contracts'
import { TRIAGE_CODE } from '../../../../common/triage'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { AssessmentForm } from '../desistance/assessment-form'
import { type Answers, useInstruments } from '../desistance/use-assessments'
import { EmergencyPathPanel } from '../duty/duty.page'
import { useAcknowledgeDanger, useContactTriage, useFillTriage } from './use-contacts'

/** Immediate danger found on the contact: the emergency path, and the lead's acknowledgement until given. */
export function DangerBanner({ contact }: { contact: ContactView }) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const ack = useAcknowledgeDanger()
  if (!contact.dangerAt) return null
  return (
    <Stack gap="sm" data-testid="contact-danger">
      {contact.dangerAcknowledgedAt ? null : (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t('contacts.triage.danger')}>
          <Group justify="space-between">
            <Text size="sm">{t('contacts.triage.dangerPending')}</Text>
            {can(me, 'contact.acknowledge_danger') ? (
              <Button
                color="red"
                leftSection={<IconCheck size={16} aria-hidden />}
                loading={ack.isPending}
                onClick={() => ack.mutate({ contact, vars: undefined })}
              >
                {t('contacts.triage.acknowledge')}
              </Button>
            ) : null}
          </Group>
          <ErrorAlert error={ack.error} />
        </Alert>
      )}
      <EmergencyPathPanel />
    </Stack>
  )
}

/** The triage grid on a saved contact: its latest answers, filled again as the exchange goes on. */
export function TriagePanel({ contact }: { contact: ContactView }) {
  const { t } = useTranslation()
  const instruments = useInstruments()
  const current = useContactTriage(contact.id)
  const fill = useFillTriage()
  const errors = useFieldErrors(fill.error)
  const [answers, setAnswers] = useState<Answers | null>(null)
  const grid = instruments.data?.items.find((i) => i.code === TRIAGE_CODE)
  const shown = answers ?? current.data?.triage?.answers ?? {}
  return (
    <Paper component="section" aria-labelledby="contact-triage" data-testid="contact-triage">
      <Stack gap="sm">
        <Title order={2} size="h4" id="contact-triage">
          {t('contacts.triage.title')}
        </Title>
        {current.data?.triage ? (
          <Text size="sm" data-testid="triage-outcome">
            {t('contacts.triage.outcome', { urgency: t(`contacts.triage.urgency.${current.data.triage.urgency}`) })}
          </Text>
        ) : null}
        <ErrorAlert error={instruments.error ?? current.error ?? (errors.any ? null : fill.error)} />
        {instruments.isPending || current.isPending ? <Loading /> : null}
        {grid ? (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              fill.mutate({ contact, vars: { answers: shown } }, { onSuccess: () => setAnswers(null) })
            }}
          >
            <Stack gap="md">
              {/* The form's sections are h4: a level between them and this panel's h2. */}
              <Title order={3} size="h5">
                {t('contacts.triage.answers')}
              </Title>
              <AssessmentForm
                definition={grid.latest.definition}
                answers={shown}
                onChange={setAnswers}
                readOnly={false}
                errorOf={errors.of}
              />
              <Group>
                <Button type="submit" loading={fill.isPending} leftSection={<IconListCheck size={16} aria-hidden />}>
                  {t('contacts.triage.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Paper>
  )
}
