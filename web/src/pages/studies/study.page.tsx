import { Alert, Button, Group, List, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router'
import type { StudyView } from '../../../../common/contracts/studies.contracts'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { isLanguage } from '../../i18n'
import { makeFormat } from '../../i18n/formatters'
import { StudyExtracts } from './study-extracts'
import { StudyForm } from './study-form'
import { StudyStatusBadge } from './study-status'

/** One study: the lead's form while a draft, then what was registered and the DPO's decision. */
export function StudyPage() {
  const { t } = useTranslation()
  const { studyId } = useParams()
  const isNew = !studyId || studyId === 'new'
  const [savedVersion, setSavedVersion] = useState<number>()
  const study = useQuery({
    queryKey: ['studies', 'one', studyId],
    queryFn: () => api.get('/api/studies/{studyId}', { path: { studyId: studyId! } }),
    enabled: !isNew,
  })
  if (isNew)
    return (
      <Stack gap="lg">
        <PageHeader title={t('studies.new.title')} description={t('studies.new.intro')} />
        <StudyForm />
      </Stack>
    )
  if (!study.data) return study.error ? <ErrorAlert error={study.error} /> : <Loading />
  return <StudyDetail key={study.data.version} study={study.data} savedVersion={savedVersion} onSaved={setSavedVersion} />
}

function StudyDetail({ study, savedVersion, onSaved }: { study: StudyView; savedVersion?: number; onSaved: (version: number) => void }) {
  const { t, i18n } = useTranslation()
  const { data: me } = useMe()
  const fmt = makeFormat(isLanguage(i18n.language) ? i18n.language : 'fr')
  const editable = study.status === 'draft' && can(me, 'study.manage')
  return (
    <Stack gap="lg">
      <PageHeader title={study.title} description={<StudyStatusBadge status={study.status} />} />
      {editable ? <SubmitPanel study={study} /> : null}
      {study.status === 'submitted' && can(me, 'study.decide') ? <DecisionPanel study={study} /> : null}
      {study.decidedBy ? (
        <Alert
          color={study.status === 'refused' ? 'red' : 'green'}
          variant="light"
          title={t(study.status === 'refused' ? 'studies.decided.refused' : 'studies.decided.approved')}
        >
          <Text size="sm">
            {t('studies.decided.by', { name: study.decidedBy.displayName, date: study.decidedAt ? fmt.date(study.decidedAt) : '' })}
          </Text>
          {study.decisionNote ? <Text size="sm">{study.decisionNote}</Text> : null}
        </Alert>
      ) : null}
      {study.status === 'approved' && can(me, 'study.close') ? <ClosePanel study={study} /> : null}
      {study.closedBy ? (
        <Alert color="gray" variant="light" title={t('studies.close.done')} data-testid="study-closed">
          <Text size="sm">
            {t('studies.close.by', { name: study.closedBy.displayName, date: study.closedAt ? fmt.date(study.closedAt) : '' })}
          </Text>
        </Alert>
      ) : null}
      <StudyExtracts study={study} />
      {editable ? (
        <StudyForm study={study} saved={savedVersion === study.version} onSaved={onSaved} />
      ) : (
        <Paper withBorder p="md" radius="md">
          <Stack gap="md">
            <Field label={t('studies.field.question')} value={study.question} />
            <Field label={t('studies.field.protocol')} value={study.protocol} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field label={t('studies.field.approvingBody')} value={study.approvingBody} />
              <Field label={t('studies.field.approvalReference')} value={study.approvalReference} />
              <Field
                label={t('studies.field.period')}
                value={t('studies.period', { from: fmt.date(study.startsOn), to: fmt.date(study.endsOn) })}
              />
              <Field label={t('studies.field.team')} value={study.teamName} />
              <Field label={t('studies.field.k')} value={String(study.k)} />
            </SimpleGrid>
            <div>
              <Title order={2} size="h4" mb={4}>
                {t('studies.field.variables')}
              </Title>
              <List spacing={4} data-testid="study-variables">
                {study.variables.map((v) => (
                  <List.Item key={v}>
                    <Text size="sm" fw={600} span>
                      {t(`studies.variables.${v}.label`)}
                    </Text>{' '}
                    <Text size="sm" c="gray.7" span>
                      — {t(`studies.variables.${v}.meaning`)}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </div>
            <div>
              <Title order={2} size="h4" mb={4}>
                {t('studies.field.researchers')}
              </Title>
              {study.researchers.length === 0 ? (
                <Text size="sm">{t('studies.noneNamed')}</Text>
              ) : (
                <List spacing={4}>
                  {study.researchers.map((r) => (
                    <List.Item key={r.id}>{r.displayName}</List.Item>
                  ))}
                </List>
              )}
            </div>
            <Text size="sm" c="gray.7">
              {t('studies.registeredBy', { name: study.createdBy.displayName, date: fmt.date(study.createdAt) })}
            </Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  )
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {value}
      </Text>
    </div>
  )
}

function SubmitPanel({ study }: { study: StudyView }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const submit = useMutation({
    mutationFn: () => api.post('/api/studies/{studyId}/submit', { path: { studyId: study.id }, ifMatch: study.version }),
    onSuccess: (s) => {
      queryClient.setQueryData(['studies', 'one', s.id], s)
      void queryClient.invalidateQueries({ queryKey: ['studies'], exact: true })
    },
  })
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Text size="sm">{t('studies.submit.hint')}</Text>
        <ErrorAlert error={submit.error} />
        <Group>
          <Button onClick={() => submit.mutate()} loading={submit.isPending}>
            {t('studies.submit.action')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}

function DecisionPanel({ study }: { study: StudyView }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [note, setNote] = useState('')
  const decide = useMutation({
    mutationFn: (decision: 'approved' | 'refused') =>
      api.post('/api/studies/{studyId}/decision', { path: { studyId: study.id }, ifMatch: study.version, body: { decision, note } }),
    onSuccess: (s) => {
      queryClient.setQueryData(['studies', 'one', s.id], s)
      void queryClient.invalidateQueries({ queryKey: ['studies'], exact: true })
    },
  })
  const errors = useFieldErrors(decide.error, [], 'studies.errors')
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="study-decision">
      <Stack gap="sm">
        <Title order={2} size="h4" id="study-decision">
          {t('studies.decision.title')}
        </Title>
        <Text size="sm">{t('studies.decision.hint')}</Text>
        {decide.error && !errors.any ? <ErrorAlert error={decide.error} /> : null}
        <Textarea
          label={t('studies.decision.note')}
          description={t('studies.decision.noteHint')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
          error={errors.of('note')}
        />
        <Group>
          <Button color="green" onClick={() => decide.mutate('approved')} loading={decide.isPending && decide.variables === 'approved'}>
            {t('studies.decision.approve')}
          </Button>
          <Button
            color="red"
            variant="outline"
            onClick={() => decide.mutate('refused')}
            loading={decide.isPending && decide.variables === 'refused'}
          >
            {t('studies.decision.refuse')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  )
}

/**
 * Closing an approved study: nothing is extractable any more and the extracts' files are deleted
 * at once, so the button asks once more before it acts.
 */
function ClosePanel({ study }: { study: StudyView }) {
  const { t } = useTranslation()
  const queryClient = useQueryClient()
  const [asked, setAsked] = useState(false)
  const close = useMutation({
    mutationFn: () => api.post('/api/studies/{studyId}/close', { path: { studyId: study.id }, ifMatch: study.version }),
    onSuccess: (s) => {
      queryClient.setQueryData(['studies', 'one', s.id], s)
      void queryClient.invalidateQueries({ queryKey: ['studies'], exact: true })
      void queryClient.invalidateQueries({ queryKey: ['studies', 'extracts', s.id] })
    },
  })
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="study-close">
      <Stack gap="sm">
        <Title order={2} size="h4" id="study-close">
          {t('studies.close.title')}
        </Title>
        <Text size="sm">{t('studies.close.hint')}</Text>
        <ErrorAlert error={close.error} />
        <Group>
          {asked ? (
            <>
              <Button color="red" onClick={() => close.mutate()} loading={close.isPending} data-testid="study-close-confirm">
                {t('studies.close.confirm')}
              </Button>
              <Button variant="default" onClick={() => setAsked(false)} disabled={close.isPending}>
                {t('studies.close.cancel')}
              </Button>
            </>
          ) : (
            <Button variant="outline" color="red" onClick={() => setAsked(true)} data-testid="study-close">
              {t('studies.close.action')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  )
}
