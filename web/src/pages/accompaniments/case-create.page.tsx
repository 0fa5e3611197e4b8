import { Alert, Button, Group, Paper, Radio, Select, Stack, Text, Textarea } from '@mantine/core'
import { IconArrowLeft, IconCheck } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { api } from '../../api/client'
import type { AccompanimentKind, CreateAccompanimentBody } from '../../api/types'
import { useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { focusFirstError, useFocusOnError } from '../../components/focus-error'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { NotFoundPage } from '../not-found/not-found.page'
import { PersonPicker } from '../persons/person-picker'
import { isUnavailable, usePerson } from '../persons/use-person'
import { EMPTY_FRAMEWORK, FrameworkFields, frameworkBody, type FrameworkValues } from './framework-fields'
import { KINDS, RELATIONSHIPS, type Relationship } from './vocabulary'
import { useContact } from '../contacts/use-contacts'
import { RequiredNote } from '../../components/required-note'

type ConcernedChoice = 'known' | 'unknown' | 'anonymous'

function toBody(
  personId: string,
  kind: AccompanimentKind,
  relationship: Relationship | null,
  concernedStatus: ConcernedChoice,
  concernedPersonId: string | null,
  teamId: string,
  summary: string,
  f: FrameworkValues,
): CreateAccompanimentBody {
  return {
    kind,
    personId,
    teamId,
    relationship: kind === 'concerned' ? null : relationship,
    concernedStatus: kind === 'concerned' ? 'known' : concernedStatus,
    concernedPersonId: kind !== 'concerned' && concernedStatus === 'known' ? concernedPersonId : null,
    summary: summary.trim() || null,
    framework: frameworkBody(f),
  }
}

/** Open an accompaniment for a person and hand it to a team. */
export function CaseCreatePage() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const personId = params.get('personId') ?? ''
  // Opened from a contact: the case is opened and linked to it in one action (POST /link).
  const contactId = params.get('contactId')
  const contact = useContact(contactId ?? undefined)
  const person = usePerson(personId || undefined)
  const { data: me } = useMe()
  const teams = me?.teams ?? []
  const form = useRef<HTMLFormElement>(null)

  const [kind, setKind] = useState<AccompanimentKind>('concerned')
  const [relationship, setRelationship] = useState<Relationship | null>(null)
  const [concernedStatus, setConcernedStatus] = useState<ConcernedChoice>('unknown')
  const [concernedPersonId, setConcernedPersonId] = useState<string | null>(null)
  const [teamId, setTeamId] = useState<string | null>(teams.length === 1 ? teams[0]!.id : null)
  const [framework, setFramework] = useState<FrameworkValues>(EMPTY_FRAMEWORK)
  const [summary, setSummary] = useState('')
  const [local, setLocal] = useState<FieldIssue[]>([])

  const create = useMutation({
    mutationFn: async (body: CreateAccompanimentBody) => {
      if (!contactId) return api.post('/api/accompaniments', { body })
      const c = contact.data
      if (!c) throw new Error('contact not loaded')
      await api.post('/api/contacts/{id}/link', { path: { id: c.id }, body: { personId: c.personId, newCase: body }, ifMatch: c.version })
      return null
    },
    onSuccess: (res) => {
      if (res === null) void navigate(`/contacts/${contactId}`, { state: { linked: true } })
      else if ('code' in res) void navigate(`/accompaniments/${res.id}`, { state: { created: true } })
    },
  })
  const fields = useFieldErrors(create.error, local)
  useFocusOnError(form, create.error)

  if (!personId || isUnavailable(person.error)) return <NotFoundPage backTo="/persons" backLabel={t('person.backToSearch')} />
  if (person.isPending) return <Loading />
  if (person.isError) return <ErrorAlert error={person.error} />
  const p = person.data
  const name = `${p.firstName} ${p.lastName}`

  if (create.data && !('code' in create.data)) {
    const team = teams.find((x) => x.id === teamId)?.name ?? ''
    return (
      <Stack gap="lg" maw={720}>
        <PageHeader title={t('caseCreate.handedTitle')} />
        <Alert color="green" variant="light" role="status" icon={<IconCheck aria-hidden />}>
          {t('caseCreate.handedBody', { name, team })}
        </Alert>
        <Group>
          <Button component={Link} to={`/persons/${p.id}`} variant="light" leftSection={<IconArrowLeft size={16} aria-hidden />}>
            {t('caseCreate.backToPerson')}
          </Button>
        </Group>
      </Stack>
    )
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = []
    if (kind !== 'concerned' && !relationship) issues.push({ field: 'relationship', code: 'required' })
    if (kind !== 'concerned' && concernedStatus === 'known' && !concernedPersonId)
      issues.push({ field: 'concernedPersonId', code: 'required' })
    if (!teamId) issues.push({ field: 'teamId', code: 'required' })
    if (framework.framework === 'judicial' && !framework.measure) issues.push({ field: 'framework.measure', code: 'required' })
    if (framework.mandateStart && framework.mandateEnd && framework.mandateEnd < framework.mandateStart)
      issues.push({ field: 'framework.mandateEnd', code: 'date_order' })
    setLocal(issues)
    if (issues.length > 0) {
      focusFirstError(form.current)
      return
    }
    create.mutate(toBody(p.id, kind, relationship, concernedStatus, concernedPersonId, teamId!, summary, framework))
  }

  return (
    <Stack gap="lg" maw={720}>
      <Group>
        <Button component={Link} to={`/persons/${p.id}`} variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} px={4}>
          {t('caseCreate.backToPerson')}
        </Button>
      </Group>
      <PageHeader title={t('caseCreate.title')} description={t('caseCreate.intro', { name, code: p.code })} />
      <Paper>
        <form ref={form} onSubmit={submit} noValidate>
          <Stack gap="lg">
            <RequiredNote />
            <div className="live-region" aria-live="assertive">
              <ErrorAlert error={fields.any ? null : create.error} />
            </div>
            <Radio.Group label={t('accompaniment.kindLabel')} value={kind} onChange={(v) => setKind(v as AccompanimentKind)} required>
              <Stack mt="xs" gap="sm">
                {KINDS.map((k) => (
                  <Radio key={k} value={k} label={t(`accompaniment.kind.${k}`)} description={t(`caseCreate.kindHelp.${k}`)} required />
                ))}
              </Stack>
            </Radio.Group>
            {kind !== 'concerned' ? (
              <Stack gap="md">
                <Select
                  label={t('accompaniment.relationshipLabel')}
                  data={RELATIONSHIPS.map((r) => ({ value: r, label: t(`accompaniment.relationship.${r}`) }))}
                  value={relationship}
                  onChange={(v) => setRelationship(v as Relationship | null)}
                  error={fields.of('relationship')}
                  required
                  searchable
                />
                <Radio.Group
                  label={t('accompaniment.concernedStatusLabel')}
                  description={t('caseCreate.concernedHint')}
                  value={concernedStatus}
                  onChange={(v) => setConcernedStatus(v as ConcernedChoice)}
                >
                  <Stack mt="xs" gap="sm">
                    <Radio value="known" label={t('accompaniment.concernedStatus.known')} />
                    <Radio value="unknown" label={t('accompaniment.concernedStatus.unknown')} />
                    <Radio value="anonymous" label={t('accompaniment.concernedStatus.anonymous')} />
                  </Stack>
                </Radio.Group>
                {concernedStatus === 'known' ? (
                  <PersonPicker
                    label={t('caseCreateConcerned.label')}
                    description={t('caseCreateConcerned.hint')}
                    value={concernedPersonId}
                    onChange={setConcernedPersonId}
                    exclude={[p.id]}
                    error={fields.of('concernedPersonId')}
                    required
                  />
                ) : null}
              </Stack>
            ) : null}
            <Select
              label={t('caseCreate.team')}
              description={teams.length ? t('caseCreate.teamHint') : t('caseCreate.noTeam')}
              data={teams.map((x) => ({ value: x.id, label: x.name }))}
              value={teamId}
              onChange={setTeamId}
              error={fields.of('teamId')}
              required
            />
            <FrameworkFields value={framework} onChange={setFramework} error={fields.of} />
            <Textarea
              label={t('accompaniment.summary')}
              description={t('caseCreate.summaryHint')}
              value={summary}
              onChange={(e) => setSummary(e.currentTarget.value)}
              error={fields.of('summary')}
              autosize
              minRows={3}
              maxLength={4000}
            />
            <Text size="sm" c="gray.7">
              {t('caseCreate.whatNext')}
            </Text>
            <Group justify="flex-end">
              <Button component={Link} to={`/persons/${p.id}`} variant="default">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('caseCreate.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  )
}
