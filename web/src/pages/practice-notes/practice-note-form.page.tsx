import { Alert, Button, Checkbox, Chip, Group, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { LIFE_DOMAINS, type LifeDomain } from '../../../../common/contracts/desistance.contracts'
import { PRACTICE_THEMES, type PracticeNoteView, type PracticeTheme } from '../../../../common/contracts/practice-notes.contracts'
import { api, isApiError } from '../../api/client'
import { useMe } from '../../auth/use-me'
import { DateField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'

/** Writing or changing one's practice note. */
export function PracticeNoteFormPage() {
  const { noteId } = useParams()
  const note = useQuery({
    queryKey: ['practice-notes', 'one', noteId],
    queryFn: () => api.get('/api/practice-notes/{noteId}', { path: { noteId: noteId! } }),
    enabled: !!noteId,
  })
  if (noteId && !note.data) return note.error ? <ErrorAlert error={note.error} /> : <Loading />
  return <NoteEditor key={note.data?.version ?? 'new'} note={note.data} />
}

type Form = {
  title: string
  body: string
  themes: PracticeTheme[]
  lifeDomains: LifeDomain[]
  linked: boolean
  teamId: string | null
  from: string
  to: string
}
const FIELDS = ['title', 'body', 'themes', 'lifeDomains', 'evidence'] as const

function formOf(note?: PracticeNoteView): Form {
  return {
    title: note?.title ?? '',
    body: note?.body ?? '',
    themes: note?.themes ?? [],
    lifeDomains: note?.lifeDomains ?? [],
    linked: !!note?.evidence,
    teamId: note?.evidence?.teamId ?? null,
    from: note?.evidence?.from ?? '',
    to: note?.evidence?.to ?? '',
  }
}

function bodyOf(f: Form) {
  return {
    title: f.title,
    body: f.body,
    themes: f.themes,
    lifeDomains: f.lifeDomains,
    evidence: f.linked ? { kind: 'indicators' as const, teamId: f.teamId ?? '', from: f.from, to: f.to } : null,
  }
}

function NoteEditor({ note }: { note?: PracticeNoteView }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const me = useMe().data
  const [form, setForm] = useState<Form>(() => formOf(note))
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }))
  const save = useMutation({
    mutationFn: () =>
      note
        ? api.put('/api/practice-notes/{noteId}', { path: { noteId: note.id }, body: bodyOf(form), ifMatch: note.version })
        : api.post('/api/practice-notes', { body: bodyOf(form) }),
    onSuccess: (n) => {
      queryClient.setQueryData(['practice-notes', 'one', n.id], n)
      void queryClient.invalidateQueries({ queryKey: ['practice-notes'], refetchType: 'none' })
      void navigate(`/practice-notes/${n.id}`, { replace: !note })
    },
  })
  const errors = useFieldErrors(save.error, [], 'practiceNotes.errors')
  const stale = isApiError(save.error, 'version.mismatch')
  // A team no longer one's own keeps its place in the list, so that an older link can be kept as is.
  const teams = [...(me?.teams ?? [])]
  if (form.teamId && !teams.some((x) => x.id === form.teamId)) teams.push({ id: form.teamId, name: t('practiceNotes.evidence.otherTeam') })

  return (
    <Stack gap="lg">
      <PageHeader
        title={note ? t('practiceNotes.form.editTitle') : t('practiceNotes.form.newTitle')}
        description={t('practiceNotes.form.intro')}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault()
          save.mutate()
        }}
        noValidate
      >
        <Stack gap="md" maw={760}>
          <div className="live-region" aria-live="polite">
            {stale ? (
              <Alert color="orange" variant="light" role="alert">
                {t('practiceNotes.form.stale')}
              </Alert>
            ) : save.error && !errors.any ? (
              <ErrorAlert error={save.error} />
            ) : errors.any ? (
              <Alert color="red" variant="light" role="alert">
                {t('practiceNotes.form.fixFields')}
              </Alert>
            ) : null}
          </div>
          <TextInput
            label={t('practiceNotes.fields.title')}
            value={form.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            required
            maxLength={200}
            error={errors.of('title')}
          />
          <Textarea
            label={t('practiceNotes.fields.body')}
            description={t('practiceNotes.noCodesHint')}
            value={form.body}
            onChange={(e) => set('body', e.currentTarget.value)}
            required
            autosize
            minRows={5}
            error={errors.of('body')}
          />
          <Checkbox.Group
            label={t('practiceNotes.fields.themes')}
            value={form.themes}
            onChange={(v) => set('themes', v as PracticeTheme[])}
            required
            error={errors.of('themes')}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={4}>
              {PRACTICE_THEMES.map((c) => (
                <Checkbox key={c} value={c} label={t(`practiceNotes.themes.${c}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="note-domains">
              {t('practiceNotes.fields.lifeDomains')}
            </Text>
            <Chip.Group multiple value={form.lifeDomains} onChange={(v) => set('lifeDomains', v as LifeDomain[])}>
              <Group gap={6} role="group" aria-labelledby="note-domains">
                {LIFE_DOMAINS.map((c) => (
                  <Chip key={c} value={c} size="sm">
                    {t(`lifeDomains.${c}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            {errors.of('lifeDomains') ? (
              <Text c="red.8" size="sm">
                {errors.of('lifeDomains')}
              </Text>
            ) : null}
          </Stack>
          <Stack gap="xs">
            <Switch
              label={t('practiceNotes.evidence.toggle')}
              description={t('practiceNotes.evidence.hint')}
              checked={form.linked}
              onChange={(e) => set('linked', e.currentTarget.checked)}
            />
            {form.linked ? (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select
                  label={t('practiceNotes.evidence.team')}
                  value={form.teamId}
                  onChange={(v) => set('teamId', v)}
                  data={teams.map((x) => ({ value: x.id, label: x.name }))}
                  required
                  error={errors.of('evidence.teamId')}
                />
                <DateField
                  label={t('practiceNotes.evidence.from')}
                  value={form.from}
                  onChange={(v) => set('from', v)}
                  required
                  error={errors.of('evidence.from')}
                />
                <DateField
                  label={t('practiceNotes.evidence.to')}
                  value={form.to}
                  onChange={(v) => set('to', v)}
                  required
                  error={errors.of('evidence.to')}
                />
              </SimpleGrid>
            ) : null}
          </Stack>
          {errors.others(FIELDS).map((m) => (
            <Text key={m} c="red.8" size="sm">
              {m}
            </Text>
          ))}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {note ? t('practiceNotes.form.save') : t('practiceNotes.form.publish')}
            </Button>
            <Button variant="subtle" onClick={() => void navigate(note ? `/practice-notes/${note.id}` : '/practice-notes')}>
              {t('practiceNotes.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  )
}
