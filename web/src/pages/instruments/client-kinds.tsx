import { Alert, Badge, Button, Checkbox, Group, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ACCOMPANIMENT_KINDS } from '../../../../common/contracts/accompaniments.contracts'
import { api, isApiError } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { INSTRUMENTS_KEY, type InstrumentView, useLabel } from '../desistance/use-assessments'

type Kind = (typeof ACCOMPANIMENT_KINDS)[number]

/** The kinds of case an instrument is offered on, as badges; a contact's instrument is on none. */
export function ClientKindsCell({ instrument }: { instrument: InstrumentView }) {
  const { t } = useTranslation()
  if (instrument.purpose !== 'case') return <Text size="sm">{t('instrumentKinds.contactOnly')}</Text>
  if (instrument.clientKinds.length === 0) return <Text size="sm">{t('instrumentKinds.noKind')}</Text>
  return (
    <Group gap={4} data-testid={`client-kinds-${instrument.code}`}>
      {instrument.clientKinds.map((k) => (
        <Badge key={k} variant="light" color="gray" tt="none">
          {t(`accompaniment.kind.${k}`)}
        </Badge>
      ))}
    </Group>
  )
}

/**
 * Which kinds of case offer the instrument in "new assessment": sent with the instrument's
 * version, so that two admins changing it at once do not overwrite each other unknowingly.
 * Sets already given stay on their cases whatever is chosen here.
 */
export function ClientKindsModal({ instrument, onClose }: { instrument: InstrumentView; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation()
  const label = useLabel()
  const client = useQueryClient()
  const [kinds, setKinds] = useState<Kind[]>(instrument.clientKinds)
  const save = useMutation({
    mutationFn: (clientKinds: Kind[]) =>
      api.put('/api/instruments/{code}/client-kinds', {
        path: { code: instrument.code },
        body: { clientKinds },
        ifMatch: instrument.version,
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: INSTRUMENTS_KEY })
      onClose(true)
    },
  })
  const conflict = isApiError(save.error, 'version.mismatch')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate(kinds)
  }
  return (
    <AppModal
      opened
      onClose={() => onClose(false)}
      title={t('instrumentKinds.title', { title: label(instrument.latest.definition.title) })}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Checkbox.Group
            label={t('instrumentKinds.legend')}
            description={t('instrumentKinds.help')}
            value={kinds}
            onChange={(v) => setKinds(ACCOMPANIMENT_KINDS.filter((k) => v.includes(k)))}
          >
            <Stack gap="xs" mt="xs">
              {ACCOMPANIMENT_KINDS.map((k) => (
                <Checkbox key={k} value={k} label={t(`accompaniment.kind.${k}`)} data-testid={`client-kind-${k}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          {kinds.length === 0 ? (
            <Text size="sm" c="orange.9">
              {t('instrumentKinds.noneWarning')}
            </Text>
          ) : null}
          {conflict ? (
            <Alert color="orange" variant="light" role="alert" icon={<IconAlertTriangle aria-hidden />}>
              {t('instrumentKinds.conflict')}
            </Alert>
          ) : (
            <ErrorAlert error={save.error} />
          )}
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="client-kinds-save">
              {t('common.save')}
            </Button>
            <Button variant="default" onClick={() => onClose(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  )
}
