import { Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import type { CaseSessionInput } from '../../api/types'
import { AppModal } from '../../components/app-modal'
import { DateField, TimeField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { type FieldIssue, useFieldErrors } from '../../components/field-errors'
import { initialsOf, usePrivacyScreen } from '../../components/person-name.hooks'
import { localToIso, MODALITIES, type Modality } from '../casework/vocabulary'
import { RequiredNote } from '../../components/required-note'
import { focusFirstError } from '../../components/focus-error'

/** The open cases I work on, with their clients: where a session may be planned from the calendar. */
function usePlannableCases() {
  return useQuery({ queryKey: ['calendar-cases'], queryFn: ({ signal }) => api.get('/api/calendar/cases', { signal }) })
}

/**
 * Plans a session from the calendar (issue 12): a case among mine, shown by its code and its
 * client as My day shows them (initials behind the privacy screen), then the same session route
 * as the case's own tab, with status "planned". `day` (YYYY-MM-DD) comes from a day of the week.
 */
export function PlanSessionDialog({ day, onClose, onSaved }: { day: string; onClose: () => void; onSaved: (startsAt: string) => void }) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const cases = usePlannableCases()
  const { masked } = usePrivacyScreen()
  const [caseId, setCaseId] = useState<string | null>(null)
  const [date, setDate] = useState(day)
  const [time, setTime] = useState('')
  const [duration, setDuration] = useState<number | string>(60)
  const [modality, setModality] = useState<Modality | null>('office')
  const [place, setPlace] = useState('')
  const [localErrors, setLocalErrors] = useState<FieldIssue[]>([])

  const save = useMutation({
    mutationFn: ({ id, body }: { id: string; body: CaseSessionInput }) =>
      api.post('/api/accompaniments/{id}/sessions', { path: { id }, body }),
    onSuccess: async (session, { id }) => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['calendar'] }),
        client.invalidateQueries({ queryKey: ['my-day'] }),
        client.invalidateQueries({ queryKey: ['accompaniments', id, 'sessions'] }),
      ])
      onSaved(session.startsAt)
    },
  })
  const errors = useFieldErrors(save.error, localErrors)
  // A field's own error goes once it is changed (the server's stays until the next attempt).
  const changed =
    <T,>(field: string, set: (v: T) => void) =>
    (v: T) => {
      setLocalErrors((issues) => issues.filter((i) => i.field !== field))
      set(v)
    }
  const shown = ['accompaniment', 'startsAt', 'durationMinutes', 'modality', 'place']

  const options = (cases.data?.items ?? []).map((c) => {
    const name = cases.data?.clients[c.id]
    const who = name ? (masked ? initialsOf(name) : `${name.firstName} ${name.lastName}`) : null
    return { value: c.id, label: who ? `${c.code} · ${who}` : c.code }
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const startsAt = date && time ? localToIso(`${date}T${time}`) : null
    const issues = [
      ...(caseId ? [] : [{ field: 'accompaniment', code: 'required' }]),
      ...(date ? [] : [{ field: 'startsAt', code: 'required' }]),
      ...(time ? [] : [{ field: 'time', code: 'required' }]),
      ...(modality ? [] : [{ field: 'modality', code: 'required' }]),
    ]
    setLocalErrors(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (!caseId || !startsAt || !modality) return
    save.mutate({
      id: caseId,
      body: {
        status: 'planned',
        startsAt,
        durationMinutes: typeof duration === 'number' ? duration : Number(duration) || 60,
        modality,
        place,
        participants: ['client'],
      },
    })
  }

  return (
    <AppModal opened onClose={onClose} title={t('calendarPlanning.plan')}>
      <form onSubmit={submit} noValidate data-testid="plan-session-form">
        <Stack gap="md">
          <RequiredNote />
          <ErrorAlert
            error={cases.error ?? (save.error && !errors.any && !isApiError(save.error, 'resource.not_found') ? save.error : null)}
          />
          {/* Errors on fields this form does not show (none expected), so that none is lost. */}
          {errors.others([...shown, 'time']).map((m) => (
            <Text key={m} c="red.8" size="sm">
              {m}
            </Text>
          ))}
          <Select
            label={t('calendarPlanning.case')}
            description={t('calendarPlanning.caseHelp')}
            placeholder={t('calendarPlanning.casePlaceholder')}
            nothingFoundMessage={t('calendarPlanning.noCases')}
            required
            searchable
            data={options}
            value={caseId}
            onChange={changed('accompaniment', setCaseId)}
            disabled={cases.isPending}
            // A case that is no longer mine to change (closed, or handed over meanwhile) answers 404: said on this field.
            error={
              errors.of('accompaniment') ?? (isApiError(save.error, 'resource.not_found') ? t('calendarPlanning.caseGone') : undefined)
            }
            comboboxProps={{ withinPortal: false }}
            data-autofocus
            data-testid="plan-session-case"
          />
          {cases.data && cases.data.items.length === 0 ? <Text c="gray.7">{t('calendarPlanning.noCases')}</Text> : null}
          <Group grow align="flex-start">
            <DateField
              label={t('calendarPlanning.date')}
              required
              value={date}
              onChange={changed('startsAt', setDate)}
              error={errors.of('startsAt')}
              data-testid="plan-session-date"
            />
            <TimeField
              label={t('calendarPlanning.time')}
              required
              value={time}
              onChange={changed('time', setTime)}
              error={errors.of('time')}
            />
          </Group>
          <Group grow align="flex-start">
            <NumberInput
              label={t('sessions.duration')}
              min={5}
              max={600}
              step={15}
              value={duration}
              onChange={setDuration}
              error={errors.of('durationMinutes')}
            />
            <Select
              label={t('sessions.modalityLabel')}
              required
              data={MODALITIES.map((m) => ({ value: m, label: t(`sessions.modality.${m}`) }))}
              value={modality}
              onChange={changed('modality', (v: string | null) => setModality(v as Modality | null))}
              allowDeselect={false}
              comboboxProps={{ withinPortal: false }}
              error={errors.of('modality')}
            />
          </Group>
          <TextInput
            label={t('sessions.place')}
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
            error={errors.of('place')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="plan-session-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  )
}
