import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconArrowLeft, IconHistory, IconPencil } from '@tabler/icons-react'
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import type { AccompanimentView } from '../../api/types'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { AssessmentForm } from './assessment-form'
import { type Answers, type AssessmentDetail, type InstrumentView, useAssessment, useLabel, useSaveAssessment } from './use-assessments'
import { DateField } from '../../components/date-field'

function today(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/**
 * A new answer set in the latest version, or an existing one in the version it was given in. An
 * existing set opens to be read, saying who changed it last and when; "Edit" turns it into the
 * form, so that reading a past review never risks changing it.
 */
export function AssessmentEditor({
  a,
  instrument,
  assessmentId,
  writable,
  onClose,
}: {
  a: AccompanimentView
  instrument: InstrumentView
  assessmentId: string | null
  writable: boolean
  onClose: (saved: boolean) => void
}) {
  const existing = useAssessment(a.id, assessmentId)
  // Held here, above the keyed form: a save refreshes the set, which makes a new form, and the
  // save's "done" must still reach this editor to close it.
  const save = useSaveAssessment(a.id)
  if (assessmentId && !existing.data) {
    return existing.error ? <ErrorAlert error={existing.error} /> : <Loading />
  }
  const detail = existing.data ?? null
  // A new key per loaded version: reloading after a conflict starts again from the saved answers.
  return (
    <EditorForm
      key={detail ? `${detail.id}:${detail.version}` : 'new'}
      instrument={instrument}
      detail={detail}
      writable={writable}
      save={save}
      onClose={onClose}
      reload={() => void existing.refetch()}
    />
  )
}

function EditorForm({
  instrument,
  detail,
  writable,
  save,
  onClose,
  reload,
}: {
  instrument: InstrumentView
  detail: AssessmentDetail | null
  writable: boolean
  save: ReturnType<typeof useSaveAssessment>
  onClose: (saved: boolean) => void
  reload: () => void
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const label = useLabel()
  const heading = useRef<HTMLHeadingElement>(null)
  const [takenOn, setTakenOn] = useState(detail?.takenOn ?? today())
  const [answers, setAnswers] = useState<Answers>(detail?.answers ?? {})
  const [mode, setMode] = useState<'read' | 'edit'>(detail ? 'read' : 'edit')
  const editing = writable && mode === 'edit'
  const definition = detail?.definition ?? instrument.latest.definition
  const version = detail?.instrumentVersion ?? instrument.latest.version
  const latest = detail?.latestVersion ?? instrument.latest.version
  const title = label(definition.title)
  const introducedOn = (n: number) => instrument.versions.find((v) => v.version === n)?.createdAt
  const conflict = isApiError(save.error, 'version.mismatch')
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors : []

  // On opening, and when "Edit" (which disappears) or "Cancel" hands the focus on: to the heading.
  useEffect(() => heading.current?.focus(), [mode])

  const cancel = () => {
    if (!detail) return onClose(false)
    setTakenOn(detail.takenOn)
    setAnswers(detail.answers)
    save.reset()
    setMode('read')
  }

  const errorOf = (field: string): string | undefined => {
    const hit = fieldErrors.find((e) => e.field === field)
    if (!hit) return undefined
    return t(`instruments.answerErrors.${hit.code}`, { defaultValue: t('instruments.answerErrors.generic') })
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!editing) return
    save.mutate({ instrument: instrument.code, assessment: detail, takenOn, answers }, { onSuccess: () => onClose(true) })
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="assessment-editor-title">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={3} id="assessment-editor-title" ref={heading} tabIndex={-1}>
              {detail ? t('instruments.formEdit', { title, date: fmt.date(detail.takenOn) }) : t('instruments.formNew', { title })}
            </Title>
            {definition.description ? (
              <Text c="gray.7" maw={760}>
                {label(definition.description)}
              </Text>
            ) : null}
            {/* When the questionnaire came in says what a worker needs; its number is there on demand. */}
            <Text size="sm" c="gray.7" data-testid="instrument-version-line">
              {t('instruments.versionLine', { date: fmt.date(introducedOn(version)) })}
            </Text>
            <details>
              <summary>
                <Text span size="sm" c="gray.7">
                  {t('instruments.versionDetails')}
                </Text>
              </summary>
              <Text size="sm" c="gray.7">
                {t('instruments.versionDetail', { version })}
              </Text>
            </details>
          </Stack>
          <Button variant="subtle" leftSection={<IconArrowLeft size={18} aria-hidden />} onClick={() => onClose(false)}>
            {t('instruments.back')}
          </Button>
        </Group>
        {version < latest ? (
          <Alert color="blue" variant="light" icon={<IconHistory aria-hidden />} data-testid="older-version">
            {t('instruments.olderVersion', { date: fmt.date(introducedOn(version)), latestDate: fmt.date(introducedOn(latest)) })}
          </Alert>
        ) : null}
        {detail ? (
          <Group justify="space-between" align="center" gap="sm">
            <Text size="sm" c="gray.7" data-testid="assessment-last-change">
              {t('instrumentKinds.lastChange', { name: detail.updatedByName, date: fmt.dateTimeShort(detail.updatedAt) })}
            </Text>
            {writable && mode === 'read' ? (
              <Button
                variant="light"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setMode('edit')}
                aria-label={t('instrumentKinds.editOne', { title, date: fmt.date(detail.takenOn) })}
                data-testid="assessment-edit"
              >
                {t('instrumentKinds.edit')}
              </Button>
            ) : null}
          </Group>
        ) : null}
        {!writable ? (
          <Text size="sm" c="gray.7">
            {t('instruments.readOnly')}
          </Text>
        ) : null}
        <DateField
          label={t('instruments.takenOn')}
          required
          value={takenOn}
          onChange={(v) => setTakenOn(v)}
          readOnly={!editing}
          error={fieldErrors.some((f) => f.field === 'takenOn') ? t('validation.generic') : undefined}
          maw={220}
          data-testid="assessment-taken-on"
        />
        <AssessmentForm definition={definition} answers={answers} onChange={setAnswers} readOnly={!editing} errorOf={errorOf} />
        {/* Next to the save button, where the eyes are when the answer comes back. */}
        {conflict ? (
          <Alert
            color="orange"
            variant="light"
            role="alert"
            title={t('instruments.conflictTitle')}
            icon={<IconAlertTriangle aria-hidden />}
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('instruments.conflictBody')}</Text>
              <Button size="xs" variant="light" onClick={reload}>
                {t('instruments.reload')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <ErrorAlert error={save.error} />
        )}
        {editing ? (
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="assessment-save">
              {t('common.save')}
            </Button>
            <Button variant="default" onClick={cancel}>
              {t('common.cancel')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  )
}
