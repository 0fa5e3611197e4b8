import { Button, Group, MultiSelect, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, isApiError } from '../../api/client'
import type { AccompanimentView, CaseSessionInput, CaseSessionView } from '../../api/types'
import { AppModal } from '../../components/app-modal'
import { DateTimeField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import {
  ATTENDANCE,
  isoToLocal,
  localToIso,
  MODALITIES,
  PARTICIPANTS,
  SESSION_STATUSES,
  type Attendance,
  type Modality,
  type Participant,
  type SessionStatus,
} from './vocabulary'
import { RequiredNote } from '../../components/required-note'
import { focusFirstError } from '../../components/focus-error'

/** Plan a session (status "planned") or record one, in its own dialog. */
export function SessionModal({ a, mode, onClose }: { a: AccompanimentView; mode: 'plan' | 'record'; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <AppModal opened onClose={onClose} title={mode === 'plan' ? t('sessions.planTitle') : t('sessions.recordTitle')}>
      <SessionForm a={a} session={null} mode={mode} onClose={onClose} />
    </AppModal>
  )
}

/** The session's form; `session` given → edit it (the read view opens it, see session-dialog.tsx). */
export function SessionForm({
  a,
  session,
  mode,
  onClose,
}: {
  a: AccompanimentView
  session: CaseSessionView | null
  mode: 'plan' | 'record'
  onClose: () => void
}) {
  const { t } = useTranslation()
  const client = useQueryClient()
  const [startsAt, setStartsAt] = useState(session ? isoToLocal(session.startsAt) : '')
  const [duration, setDuration] = useState<number | string>(session?.durationMinutes ?? 60)
  const [modality, setModality] = useState<Modality | null>(session?.modality ?? 'office')
  const [place, setPlace] = useState(session?.place ?? '')
  const [participants, setParticipants] = useState<Participant[]>(session?.participants ?? ['client'])
  const [status, setStatus] = useState<SessionStatus>(session?.status ?? (mode === 'plan' ? 'planned' : 'held'))
  const [attendance, setAttendance] = useState<Attendance | null>(session?.attendance ?? null)
  const [notes, setNotes] = useState(session?.notes ?? '')
  const [localErrors, setLocalErrors] = useState<{ field: string; code: string }[]>([])
  const judicial = a.framework === 'judicial'
  const showAttendance = judicial && status !== 'planned'

  const save = useMutation({
    mutationFn: (body: CaseSessionInput) =>
      session
        ? api.put('/api/accompaniments/{id}/sessions/{sessionId}', {
            path: { id: a.id, sessionId: session.id },
            body,
            ifMatch: session.version,
          })
        : api.post('/api/accompaniments/{id}/sessions', { path: { id: a.id }, body }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['accompaniments', a.id, 'sessions'] })
      await client.invalidateQueries({ queryKey: ['my-day'] })
      onClose()
    },
    // Someone else saved first (412): reload the list so the next attempt starts from their version.
    onError: (e) => {
      if (isApiError(e, 'version.mismatch')) void client.invalidateQueries({ queryKey: ['accompaniments', a.id, 'sessions'] })
    },
  })
  const errors = useFieldErrors(save.error, localErrors)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const iso = localToIso(startsAt)
    const issues = [
      ...(iso ? [] : [{ field: 'startsAt', code: 'required' }]),
      ...(modality ? [] : [{ field: 'modality', code: 'required' }]),
    ]
    setLocalErrors(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (!iso || !modality) return
    save.mutate({
      status,
      startsAt: iso,
      durationMinutes: typeof duration === 'number' ? duration : Number(duration) || 60,
      modality,
      place,
      participants,
      attendance: showAttendance ? attendance : null,
      notes,
    })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <RequiredNote />
        <ErrorAlert error={save.error && !errors.any ? save.error : null} />
        <DateTimeField
          label={t('sessions.startsAt')}
          required
          value={startsAt}
          onChange={(v) => setStartsAt(v)}
          error={errors.of('startsAt')}
          data-testid="session-starts-at"
        />
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
            onChange={(v) => setModality(v as Modality | null)}
            allowDeselect={false}
            error={errors.of('modality')}
          />
        </Group>
        <TextInput label={t('sessions.place')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={errors.of('place')} />
        <MultiSelect
          label={t('sessions.participants')}
          data={PARTICIPANTS.map((p) => ({ value: p, label: t(`sessions.participant.${p}`) }))}
          value={participants}
          onChange={(v) => setParticipants(v as Participant[])}
          error={errors.of('participants')}
        />
        <Select
          label={t('sessions.statusLabel')}
          data={SESSION_STATUSES.map((s) => ({ value: s, label: t(`sessions.status.${s}`) }))}
          value={status}
          onChange={(v) => v && setStatus(v as SessionStatus)}
          allowDeselect={false}
          error={errors.of('status')}
        />
        {showAttendance ? (
          <Select
            label={t('sessions.attendanceLabel')}
            description={t('sessions.attendanceHelp')}
            data={ATTENDANCE.map((v) => ({ value: v, label: t(`sessions.attendance.${v}`) }))}
            value={attendance}
            onChange={(v) => setAttendance(v as Attendance | null)}
            clearable
            error={errors.of('attendance')}
          />
        ) : null}
        <Textarea
          label={t('sessions.notes')}
          description={t('sessions.notesHelp')}
          autosize
          minRows={4}
          maxRows={14}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.of('notes')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="session-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
