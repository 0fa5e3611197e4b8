import { Button, Group, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TRAINING_AUDIENCES, type TrainingSessionView } from '../../../../common/contracts/training-sessions.contracts'
import { api } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { DateField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'

type Form = {
  heldOn: string
  audience: string | null
  title: string
  organisation: string
  participants: number | string
  hours: number | string
  note: string
}

const formOf = (s: TrainingSessionView | null): Form => ({
  heldOn: s?.heldOn ?? '',
  audience: s?.audience ?? null,
  title: s?.title ?? '',
  organisation: s?.organisation ?? '',
  participants: s?.participants ?? '',
  hours: s?.hours ?? '',
  note: s?.note ?? '',
})

/** Log a session, or change one (If-Match with the version it was read at). */
export function TrainingSessionDialog({
  teamId,
  session,
  onClose,
}: {
  teamId: string
  session: TrainingSessionView | null
  onClose: () => void
}) {
  const { t, i18n } = useTranslation()
  // Hours are typed the Belgian way ("2,5"); English keeps its point.
  const decimal = i18n.language === 'en' ? '.' : ','
  const queryClient = useQueryClient()
  const [form, setForm] = useState<Form>(() => formOf(session))
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))
  const body = () => ({
    teamId,
    heldOn: form.heldOn,
    audience: (form.audience ?? '') as (typeof TRAINING_AUDIENCES)[number],
    title: form.title,
    organisation: form.organisation.trim() || null,
    participants: Number(form.participants === '' ? Number.NaN : form.participants),
    hours: Number(form.hours === '' ? Number.NaN : form.hours),
    note: form.note.trim() || null,
  })
  const save = useMutation({
    mutationFn: () =>
      session
        ? api.put('/api/training-sessions/{sessionId}', { path: { sessionId: session.id }, body: body(), ifMatch: session.version })
        : api.post('/api/training-sessions', { body: body() }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['training-sessions'] })
      onClose()
    },
  })
  const errors = useFieldErrors(save.error, [], 'training.errors')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate()
  }
  const shown = ['heldOn', 'audience', 'title', 'organisation', 'participants', 'hours', 'note']
  return (
    <AppModal opened onClose={onClose} title={session ? t('training.editTitle') : t('training.newTitle')}>
      <form onSubmit={submit} noValidate data-testid="training-form">
        <Stack gap="sm">
          <Group grow align="flex-start">
            <DateField
              label={t('training.heldOn')}
              value={form.heldOn}
              onChange={(v) => set('heldOn', v)}
              error={errors.of('heldOn')}
              required
            />
            <Select
              label={t('training.audience')}
              placeholder={t('training.chooseAudience')}
              data={TRAINING_AUDIENCES.map((a) => ({ value: a, label: t(`training.audiences.${a}`) }))}
              value={form.audience}
              onChange={(v) => set('audience', v)}
              error={errors.of('audience')}
              required
              comboboxProps={{ withinPortal: false }}
            />
          </Group>
          <TextInput
            label={t('training.titleField')}
            value={form.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.of('title')}
            maxLength={200}
            required
            data-autofocus
          />
          <TextInput
            label={t('training.organisation')}
            description={t('training.organisationHelp')}
            value={form.organisation}
            onChange={(e) => set('organisation', e.currentTarget.value)}
            error={errors.of('organisation')}
            maxLength={200}
          />
          <Group grow align="flex-start">
            <NumberInput
              label={t('training.participants')}
              value={form.participants}
              onChange={(v) => set('participants', v)}
              error={errors.of('participants')}
              min={0}
              allowDecimal={false}
              required
            />
            <NumberInput
              label={t('training.hours')}
              description={t('training.hoursHelp')}
              value={form.hours}
              onChange={(v) => set('hours', v)}
              error={errors.of('hours')}
              min={0.25}
              step={0.25}
              decimalScale={2}
              decimalSeparator={decimal}
              required
            />
          </Group>
          <Textarea
            label={t('training.note')}
            description={t('training.noteHelp')}
            value={form.note}
            onChange={(e) => set('note', e.currentTarget.value)}
            error={errors.of('note')}
            autosize
            minRows={2}
            maxLength={4000}
          />
          {errors.others(shown).length > 0 || (save.error && !errors.any) ? <ErrorAlert error={save.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="training-save">
              {t('training.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  )
}
