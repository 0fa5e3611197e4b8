import { Alert, Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { STUDY_MAX_K, type StudyInput, type StudyView } from '../../../../common/contracts/studies.contracts'
import { DEFAULT_K, STUDY_VARIABLES, type StudyVariable } from '../../../../common/contracts/study-variables.contracts'
import { api, isApiError } from '../../api/client'
import { useMe } from '../../auth/use-me'
import { DateField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'

type Form = Omit<StudyInput, 'variables'> & { variables: StudyVariable[] }
const FIELDS = [
  'teamId',
  'title',
  'question',
  'protocol',
  'approvingBody',
  'approvalReference',
  'startsOn',
  'endsOn',
  'variables',
  'k',
  'researcherIds',
] as const

function formOf(study: StudyView | undefined, teamId: string): Form {
  return {
    teamId: study?.teamId ?? teamId,
    title: study?.title ?? '',
    question: study?.question ?? '',
    protocol: study?.protocol ?? '',
    approvingBody: study?.approvingBody ?? '',
    approvalReference: study?.approvalReference ?? '',
    startsOn: study?.startsOn ?? '',
    endsOn: study?.endsOn ?? '',
    variables: study?.variables ?? [],
    researcherIds: study?.researchers.map((r) => r.id) ?? [],
    k: study?.k ?? DEFAULT_K,
  }
}

/** The lead's form for a draft study: texts, dates, the catalogue's variables and the researchers. */
/**
 * `saved` and `onSaved` belong to the page: a saved study comes back with its next version, and the
 * page draws its detail afresh for it, which would forget a notice kept here.
 */
export function StudyForm({ study, saved = false, onSaved }: { study?: StudyView; saved?: boolean; onSaved?: (version: number) => void }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const { data: me } = useMe()
  const teams = me?.teams ?? []
  const [form, setForm] = useState<Form>(() => formOf(study, teams[0]?.id ?? ''))
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))
  const researchers = useQuery({ queryKey: ['studies', 'researchers'], queryFn: () => api.get('/api/studies/researchers') })
  const save = useMutation({
    mutationFn: () =>
      study
        ? api.put('/api/studies/{studyId}', { path: { studyId: study.id }, body: form, ifMatch: study.version })
        : api.post('/api/studies', { body: form }),
    onSuccess: (s) => {
      onSaved?.(s.version)
      queryClient.setQueryData(['studies', 'one', s.id], s)
      void queryClient.invalidateQueries({ queryKey: ['studies'], exact: true })
      if (!study) void navigate(`/studies/${s.id}`, { replace: true })
    },
  })
  const errors = useFieldErrors(save.error, [], 'studies.errors')
  const stale = isApiError(save.error, 'version.mismatch')

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        save.mutate()
      }}
      noValidate
    >
      <Stack gap="md" maw={860}>
        <div className="live-region" aria-live="polite">
          {stale ? (
            <Alert color="orange" variant="light" role="alert">
              {t('studies.stale')}
            </Alert>
          ) : save.error && !errors.any ? (
            <ErrorAlert error={save.error} />
          ) : errors.any ? (
            <Alert color="red" variant="light" role="alert">
              {t('studies.fixFields')}
            </Alert>
          ) : saved ? (
            <Alert color="green" variant="light" role="status">
              {t('studies.saved')}
            </Alert>
          ) : null}
        </div>
        {teams.length > 1 ? (
          <Select
            label={t('studies.field.team')}
            value={form.teamId}
            onChange={(v) => v && set('teamId', v)}
            data={teams.map((team) => ({ value: team.id, label: team.name }))}
            allowDeselect={false}
            required
            error={errors.of('teamId')}
            maw={420}
          />
        ) : null}
        <TextInput
          label={t('studies.field.title')}
          value={form.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          maxLength={200}
          required
          error={errors.of('title')}
        />
        <Textarea
          label={t('studies.field.question')}
          value={form.question}
          onChange={(e) => set('question', e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
          required
          error={errors.of('question')}
        />
        <Textarea
          label={t('studies.field.protocol')}
          description={t('studies.field.protocolHint')}
          value={form.protocol}
          onChange={(e) => set('protocol', e.currentTarget.value)}
          maxLength={4000}
          autosize
          minRows={3}
          required
          error={errors.of('protocol')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('studies.field.approvingBody')}
            value={form.approvingBody}
            onChange={(e) => set('approvingBody', e.currentTarget.value)}
            maxLength={200}
            required
            error={errors.of('approvingBody')}
          />
          <TextInput
            label={t('studies.field.approvalReference')}
            value={form.approvalReference}
            onChange={(e) => set('approvalReference', e.currentTarget.value)}
            maxLength={100}
            required
            error={errors.of('approvalReference')}
          />
          <DateField
            label={t('studies.field.startsOn')}
            value={form.startsOn}
            onChange={(v) => set('startsOn', v)}
            data-testid="study-starts-on"
            required
            error={errors.of('startsOn')}
          />
          <DateField
            label={t('studies.field.endsOn')}
            value={form.endsOn}
            onChange={(v) => set('endsOn', v)}
            data-testid="study-ends-on"
            required
            error={errors.of('endsOn')}
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t('studies.field.variables')}
          description={t('studies.field.variablesHint')}
          value={form.variables}
          onChange={(v) => set('variables', v as StudyVariable[])}
          required
          error={errors.of('variables')}
        >
          <Stack gap={8} mt={6}>
            {STUDY_VARIABLES.map((v) => (
              <Checkbox key={v} value={v} label={t(`studies.variables.${v}.label`)} description={t(`studies.variables.${v}.meaning`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <NumberInput
          label={t('studies.field.k')}
          description={t('studies.field.kHint', { min: DEFAULT_K })}
          value={form.k}
          onChange={(v) => set('k', typeof v === 'number' ? v : DEFAULT_K)}
          min={DEFAULT_K}
          max={STUDY_MAX_K}
          allowDecimal={false}
          clampBehavior="strict"
          error={errors.of('k')}
          maw={260}
          data-testid="study-k"
        />
        <Checkbox.Group
          label={t('studies.field.researchers')}
          value={form.researcherIds}
          onChange={(v) => set('researcherIds', v)}
          error={errors.of('researcherIds')}
        >
          {researchers.data && researchers.data.items.length === 0 ? (
            <Text size="sm" c="gray.7" mt={6}>
              {t('studies.noResearchers')}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
              {(researchers.data?.items ?? []).map((r) => (
                <Checkbox key={r.id} value={r.id} label={r.displayName} />
              ))}
            </SimpleGrid>
          )}
        </Checkbox.Group>
        {errors.others(FIELDS).map((m) => (
          <Text key={m} c="red.8" size="sm">
            {m}
          </Text>
        ))}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {study ? t('studies.save') : t('studies.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
