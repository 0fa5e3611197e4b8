import { Button, Group, MultiSelect, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../api/client'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { type FieldIssue, useFieldErrors } from '../../components/field-errors'
import { LIFE_DOMAINS, type LifeDomain, type PlanGoal } from './plan-vocabulary'
import {
  DATE_PRECISIONS,
  type DatePrecision,
  type Phase,
  PHASES,
  type TrajectoryEvent,
  type TrajectoryInput,
  useMonthNames,
  VALENCES,
  valenceKey,
} from './trajectory-vocabulary'
import { DateField } from '../../components/date-field'
import { RequiredNote } from '../../components/required-note'
import { focusFirstError } from '../../components/focus-error'

type Kind = 'event' | 'future'

/** Rules of the trajectory that the shared validation messages do not word well. */
const OWN_CODES = ['does_not_match_precision', 'unknown_goal', 'required_for_event', 'year_format']

/** Splits a stored date into the inputs of its precision. */
function parts(date: string): { year: string; month: string; day: string } {
  const [y = '', m = '', d = ''] = date.split('-')
  return { year: y, month: m, day: y && m && d ? date : '' }
}

/** Add or change an event of the path, or a future goal linked to goals of the plan. */
export function TrajectoryForm({
  event,
  kind: initialKind,
  goals,
  saving,
  error,
  onSave,
  onClose,
}: {
  event: TrajectoryEvent | null
  kind: Kind
  goals: PlanGoal[]
  saving: boolean
  error: unknown
  onSave: (body: TrajectoryInput) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const months = useMonthNames()
  const [kind, setKind] = useState<Kind>(event?.kind ?? initialKind)
  const [title, setTitle] = useState(event?.title ?? '')
  const [precision, setPrecision] = useState<DatePrecision>(event?.precision ?? 'year')
  const initial = parts(event?.date ?? '')
  const [year, setYear] = useState(initial.year)
  const [month, setMonth] = useState<string | null>(initial.month || null)
  const [day, setDay] = useState(initial.day)
  const [phase, setPhase] = useState<Phase | null>(event?.phase ?? null)
  const [domain, setDomain] = useState<LifeDomain | null>(event?.domain ?? null)
  // A goal the person sets for themself is, by default, something they look forward to.
  const [valence, setValence] = useState(String(event?.valence ?? (initialKind === 'future' ? 1 : 0)))
  const [description, setDescription] = useState(event?.description ?? '')
  const [goalIds, setGoalIds] = useState<string[]>(event?.goalIds ?? [])
  const [local, setLocal] = useState<FieldIssue[]>([])
  const errors = useFieldErrors(error, local)
  const ownError = (field: string) => {
    const all: FieldIssue[] = [...local, ...(isApiError(error) ? error.fieldErrors : [])]
    const hit = all.find((f) => f.field === field || f.field.startsWith(`${field}.`))
    const code = hit?.message && /^[a-z_]+$/.test(hit.message) ? hit.message : hit?.code
    return code && OWN_CODES.includes(code) ? t(`trajectory.errors.${code}`) : undefined
  }
  const errorOf = (field: string) => ownError(field) ?? errors.of(field)

  const changePrecision = (p: DatePrecision) => {
    // Keep what is already known when the precision changes: the year of a day, the month of a day.
    if (precision === 'day' && day) {
      setYear(day.slice(0, 4))
      setMonth(day.slice(5, 7))
    }
    if (p === 'day' && !day && year.length === 4) setDay(`${year}-${month ?? '01'}-01`)
    setPrecision(p)
  }

  const dateValue = () => (precision === 'day' ? day : precision === 'month' ? (year && month ? `${year}-${month}` : '') : year)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const date = dateValue()
    const issues: FieldIssue[] = [
      ...(title.trim() ? [] : [{ field: 'title', code: 'required' }]),
      ...(precision !== 'day' && !/^\d{4}$/.test(year) ? [{ field: 'year', code: 'year_format' }] : []),
      ...(precision === 'month' && !month ? [{ field: 'month', code: 'required' }] : []),
      ...(precision === 'day' && !day ? [{ field: 'date', code: 'invalid_date' }] : []),
      ...(kind === 'event' && !phase ? [{ field: 'phase', code: 'required' }] : []),
    ]
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length) return
    onSave({
      kind,
      precision,
      date,
      phase: kind === 'event' ? phase : null,
      domain,
      valence: Number(valence),
      title,
      description,
      goalIds: kind === 'future' ? goalIds : [],
    })
  }

  const heading = event
    ? t(kind === 'future' ? 'trajectory.editFuture' : 'trajectory.editEvent')
    : t(kind === 'future' ? 'trajectory.addFuture' : 'trajectory.addEvent')
  return (
    <AppModal opened onClose={onClose} title={heading}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <RequiredNote />
          <ErrorAlert error={error && !errors.any ? error : null} />
          {!event ? (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="trajectory-kind-label">
                {t('trajectory.kindLabel')}
              </Text>
              <SegmentedControl
                aria-labelledby="trajectory-kind-label"
                data={[
                  { value: 'event', label: t('trajectory.kind.event') },
                  { value: 'future', label: t('trajectory.kind.future') },
                ]}
                value={kind}
                onChange={(v) => setKind(v as Kind)}
              />
            </Stack>
          ) : null}
          <TextInput
            label={kind === 'future' ? t('trajectory.futureTitle') : t('trajectory.eventTitle')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errorOf('title')}
            maxLength={200}
            data-autofocus
            data-testid="trajectory-title"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="trajectory-precision-label">
              {t('trajectory.precisionLabel')}
            </Text>
            <SegmentedControl
              aria-labelledby="trajectory-precision-label"
              data={DATE_PRECISIONS.map((p) => ({ value: p, label: t(`trajectory.precision.${p}`) }))}
              value={precision}
              onChange={(v) => changePrecision(v as DatePrecision)}
              data-testid="trajectory-precision"
            />
          </Stack>
          {precision === 'day' ? (
            <DateField
              label={t('trajectory.date')}
              required
              value={day}
              onChange={(v) => setDay(v)}
              error={errorOf('date')}
              maw={240}
              data-testid="trajectory-day"
            />
          ) : (
            <Group align="flex-start" grow maw={420}>
              {precision === 'month' ? (
                <Select
                  label={t('trajectory.month')}
                  required
                  data={months.map((name, i) => ({ value: String(i + 1).padStart(2, '0'), label: name }))}
                  value={month}
                  onChange={setMonth}
                  error={errorOf('month')}
                  data-testid="trajectory-month"
                />
              ) : null}
              <TextInput
                label={t('trajectory.year')}
                required
                inputMode="numeric"
                maxLength={4}
                value={year}
                onChange={(e) => setYear(e.currentTarget.value.replace(/\D/g, ''))}
                error={errorOf('year') ?? errorOf('date')}
                data-testid="trajectory-year"
              />
            </Group>
          )}
          {kind === 'event' ? (
            <Select
              label={t('trajectory.phaseLabel')}
              required
              data={PHASES.map((p) => ({ value: p, label: t(`trajectory.phase.${p}`) }))}
              value={phase}
              onChange={(v) => setPhase(v as Phase | null)}
              error={errorOf('phase')}
              data-testid="trajectory-phase"
            />
          ) : null}
          <Select
            label={t('trajectory.domain')}
            data={LIFE_DOMAINS.map((d) => ({ value: d, label: t(`lifeDomains.${d}`) }))}
            value={domain}
            onChange={(v) => setDomain(v as LifeDomain | null)}
            clearable
            error={errorOf('domain')}
            data-testid="trajectory-domain"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="trajectory-valence-label">
              {kind === 'future' ? t('trajectory.valenceFutureLabel') : t('trajectory.valenceLabel')}
            </Text>
            <SegmentedControl
              aria-labelledby="trajectory-valence-label"
              fullWidth
              data={[...VALENCES].reverse().map((v) => ({ value: String(v), label: t(valenceKey(v)) }))}
              value={valence}
              onChange={setValence}
              data-testid="trajectory-valence"
            />
          </Stack>
          {kind === 'future' ? (
            <MultiSelect
              label={t('trajectory.linkedGoals')}
              description={goals.length ? t('trajectory.linkedGoalsHelp') : t('trajectory.noPlanGoals')}
              data={goals.map((g) => ({ value: g.id, label: `${g.title} (${t(`lifeDomains.${g.domain}`)})` }))}
              value={goalIds}
              onChange={setGoalIds}
              disabled={goals.length === 0}
              error={errorOf('goalIds')}
              data-testid="trajectory-goals"
            />
          ) : null}
          <Textarea
            label={t('trajectory.description')}
            description={t('trajectory.descriptionHelp')}
            autosize
            minRows={3}
            maxRows={10}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errorOf('description')}
            maxLength={5000}
            data-testid="trajectory-description"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="trajectory-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  )
}
