import { ActionIcon, Button, Group, Paper, Select, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ConfirmButton } from '../../components/confirm-button'
import type { FieldIssue } from '../../components/field-errors'
import {
  AGREEMENT_STATUSES,
  LIFE_DOMAINS,
  STEP_STATUSES,
  STEP_WHO,
  type AgreementStatus,
  type LifeDomain,
  type PlanView,
  type StepStatus,
  type StepWho,
} from './plan-vocabulary'
import { DateField } from '../../components/date-field'

/** A step or goal being edited: `id` when it exists on the server, `key` for React either way. */
export type DraftStep = {
  key: string
  id?: string
  title: string
  who: StepWho
  partner: string
  due: string
  status: StepStatus
}
export type DraftGoal = { key: string; id?: string; domain: LifeDomain; title: string; why: string; steps: DraftStep[] }
export type Draft = { goals: DraftGoal[]; agreement: { status: AgreementStatus; on: string; words: string } }

let counter = 0
const newKey = () => `new-${++counter}`

const DOMAIN_ORDER = new Map<string, number>(LIFE_DOMAINS.map((d, i) => [d, i]))
/** Goals stay ordered by domain, so that the index sent (and named in errors) is the one on screen. */
const sorted = (goals: DraftGoal[]) => [...goals].sort((a, b) => (DOMAIN_ORDER.get(a.domain) ?? 0) - (DOMAIN_ORDER.get(b.domain) ?? 0))

export function toDraft(plan: PlanView): Draft {
  return {
    goals: sorted(
      plan.goals.map((g) => ({
        key: g.id,
        id: g.id,
        domain: g.domain,
        title: g.title,
        why: g.why ?? '',
        steps: g.steps.map((s) => ({
          key: s.id,
          id: s.id,
          title: s.title,
          who: s.who,
          partner: s.partner ?? '',
          due: s.due ?? '',
          status: s.status,
        })),
      })),
    ),
    agreement: { status: plan.agreement.status, on: plan.agreement.on ?? '', words: plan.agreement.words ?? '' },
  }
}

export function fromDraft(d: Draft) {
  return {
    goals: d.goals.map((g) => ({
      ...(g.id ? { id: g.id } : {}),
      domain: g.domain,
      title: g.title,
      why: g.why || null,
      steps: g.steps.map((s) => ({
        ...(s.id ? { id: s.id } : {}),
        title: s.title,
        who: s.who,
        partner: s.who === 'partner' ? s.partner : null,
        due: s.due || null,
        status: s.status,
      })),
    })),
    agreement: { status: d.agreement.status, on: d.agreement.on || null, words: d.agreement.words || null },
  }
}

/** What the server would refuse, found before sending: the same field names as its errors. */
export function checkDraft(d: Draft): FieldIssue[] {
  const issues: FieldIssue[] = []
  d.goals.forEach((g, gi) => {
    if (!g.title.trim()) issues.push({ field: `goals.${gi}.title`, code: 'required' })
    g.steps.forEach((s, si) => {
      if (!s.title.trim()) issues.push({ field: `goals.${gi}.steps.${si}.title`, code: 'required' })
      if (s.who === 'partner' && !s.partner.trim()) issues.push({ field: `goals.${gi}.steps.${si}.partner`, code: 'required_for_partner' })
    })
  })
  return issues
}

type ErrorOf = (field: string) => string | undefined

export function PlanEditor({ draft, onChange, errorOf }: { draft: Draft; onChange: (d: Draft) => void; errorOf: ErrorOf }) {
  const { t } = useTranslation()
  const domains = LIFE_DOMAINS.map((d) => ({ value: d, label: t(`lifeDomains.${d}`) }))
  const setGoal = (key: string, patch: Partial<DraftGoal>) =>
    onChange({ ...draft, goals: sorted(draft.goals.map((g) => (g.key === key ? { ...g, ...patch } : g))) })
  const setStep = (goal: DraftGoal, key: string, patch: Partial<DraftStep>) =>
    setGoal(goal.key, { steps: goal.steps.map((s) => (s.key === key ? { ...s, ...patch } : s)) })

  return (
    <Stack gap="lg">
      {draft.goals.length === 0 ? <Text c="gray.7">{t('plan.emptyEdit')}</Text> : null}
      {draft.goals.map((g, gi) => {
        const prev = draft.goals[gi - 1]
        const label = g.title.trim() || t('plan.untitledGoal')
        return (
          <Stack key={g.key} gap="xs">
            {prev?.domain !== g.domain ? (
              <Title order={4} size="h5" c="petrol.8" mt={gi ? 'sm' : 0}>
                {t(`lifeDomains.${g.domain}`)}
              </Title>
            ) : null}
            <Paper
              withBorder
              p="md"
              radius="md"
              data-testid="plan-goal-editor"
              role="group"
              aria-label={t('plan.goalGroup', { title: label })}
            >
              <Stack gap="sm">
                <Group grow align="flex-start">
                  <TextInput
                    label={t('plan.goalTitle')}
                    required
                    value={g.title}
                    onChange={(e) => setGoal(g.key, { title: e.currentTarget.value })}
                    error={errorOf(`goals.${gi}.title`)}
                    maxLength={300}
                    data-testid="plan-goal-title"
                  />
                  <Select
                    label={t('plan.domain')}
                    data={domains}
                    value={g.domain}
                    onChange={(v) => v && setGoal(g.key, { domain: v as LifeDomain })}
                    allowDeselect={false}
                    error={errorOf(`goals.${gi}.domain`)}
                  />
                </Group>
                <Textarea
                  label={t('plan.why')}
                  description={t('plan.whyHelp')}
                  autosize
                  minRows={1}
                  maxRows={5}
                  value={g.why}
                  onChange={(e) => setGoal(g.key, { why: e.currentTarget.value })}
                  error={errorOf(`goals.${gi}.why`)}
                  maxLength={2000}
                />
                <Stack
                  gap="xs"
                  component="ol"
                  style={{ listStyle: 'none', padding: 0, margin: 0 }}
                  aria-label={t('plan.stepsOf', { title: label })}
                >
                  {g.steps.map((s, si) => {
                    const path = `goals.${gi}.steps.${si}`
                    const stepLabel = s.title.trim() || t('plan.untitledStep')
                    return (
                      <li key={s.key}>
                        <Paper bg="gray.0" p="sm" radius="sm" data-testid="plan-step-editor">
                          <Stack gap="xs">
                            <Group align="flex-start" gap="sm" wrap="nowrap">
                              <TextInput
                                style={{ flex: '1 1 auto' }}
                                size="sm"
                                label={t('plan.stepTitle')}
                                required
                                value={s.title}
                                onChange={(e) => setStep(g, s.key, { title: e.currentTarget.value })}
                                error={errorOf(`${path}.title`)}
                                maxLength={300}
                                data-testid="plan-step-title"
                              />
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                size="lg"
                                mt={26}
                                aria-label={t('plan.removeStep', { title: stepLabel })}
                                onClick={() => setGoal(g.key, { steps: g.steps.filter((x) => x.key !== s.key) })}
                              >
                                <IconTrash size={18} aria-hidden />
                              </ActionIcon>
                            </Group>
                            <Group align="flex-start" gap="sm" wrap="wrap">
                              <Select
                                style={{ flex: '1 1 9rem' }}
                                size="sm"
                                label={t('plan.whoLabel')}
                                data={STEP_WHO.map((w) => ({ value: w, label: t(`plan.who.${w}`) }))}
                                value={s.who}
                                onChange={(v) => v && setStep(g, s.key, { who: v as StepWho })}
                                allowDeselect={false}
                                data-testid="plan-step-who"
                              />
                              {s.who === 'partner' ? (
                                <TextInput
                                  style={{ flex: '2 1 12rem' }}
                                  size="sm"
                                  label={t('plan.partner')}
                                  required
                                  value={s.partner}
                                  onChange={(e) => setStep(g, s.key, { partner: e.currentTarget.value })}
                                  error={errorOf(`${path}.partner`)}
                                  maxLength={200}
                                  data-testid="plan-step-partner"
                                />
                              ) : null}
                              <DateField
                                style={{ flex: '1 1 9rem' }}
                                size="sm"
                                label={t('plan.due')}
                                value={s.due}
                                onChange={(v) => setStep(g, s.key, { due: v })}
                                error={errorOf(`${path}.due`)}
                                data-testid="plan-step-due"
                              />
                              <Select
                                style={{ flex: '1 1 9rem' }}
                                size="sm"
                                label={t('plan.statusLabel')}
                                data={STEP_STATUSES.map((v) => ({ value: v, label: t(`plan.status.${v}`) }))}
                                value={s.status}
                                onChange={(v) => v && setStep(g, s.key, { status: v as StepStatus })}
                                allowDeselect={false}
                                data-testid="plan-step-status"
                              />
                            </Group>
                          </Stack>
                        </Paper>
                      </li>
                    )
                  })}
                </Stack>
                <Group justify="space-between">
                  <Button
                    variant="light"
                    size="xs"
                    leftSection={<IconPlus size={16} aria-hidden />}
                    onClick={() =>
                      setGoal(g.key, {
                        steps: [...g.steps, { key: newKey(), title: '', who: 'person', partner: '', due: '', status: 'not_started' }],
                      })
                    }
                    aria-label={t('plan.addStepTo', { title: label })}
                    data-testid="plan-add-step"
                  >
                    {t('plan.addStep')}
                  </Button>
                  <ConfirmButton
                    variant="subtle"
                    color="red"
                    size="xs"
                    label={t('plan.removeGoal')}
                    question={t('plan.removeGoalQuestion', { title: label })}
                    onConfirm={() => onChange({ ...draft, goals: draft.goals.filter((x) => x.key !== g.key) })}
                  />
                </Group>
              </Stack>
            </Paper>
          </Stack>
        )
      })}
      <AddGoal
        onAdd={(domain, title) =>
          onChange({ ...draft, goals: sorted([...draft.goals, { key: newKey(), domain, title, why: '', steps: [] }]) })
        }
      />
      <AgreementEditor draft={draft} onChange={onChange} errorOf={errorOf} />
    </Stack>
  )
}

function AddGoal({ onAdd }: { onAdd: (domain: LifeDomain, title: string) => void }) {
  const { t } = useTranslation()
  const [domain, setDomain] = useState<LifeDomain | null>(null)
  const [title, setTitle] = useState('')
  const [tried, setTried] = useState(false)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (!domain || !title.trim()) return
    onAdd(domain, title.trim())
    setTitle('')
    setTried(false)
  }
  return (
    <Paper withBorder p="md" radius="md" style={{ borderStyle: 'dashed' }}>
      <form onSubmit={submit} noValidate aria-label={t('plan.addGoalTitle')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            style={{ flex: '1 1 12rem' }}
            label={t('plan.domain')}
            required
            data={LIFE_DOMAINS.map((d) => ({ value: d, label: t(`lifeDomains.${d}`) }))}
            value={domain}
            onChange={(v) => setDomain(v as LifeDomain | null)}
            error={tried && !domain ? t('validation.required') : undefined}
            data-testid="plan-new-domain"
          />
          <TextInput
            style={{ flex: '2 1 16rem' }}
            label={t('plan.newGoal')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={tried && !title.trim() ? t('validation.required') : undefined}
            maxLength={300}
            data-testid="plan-new-title"
          />
          <Button type="submit" variant="light" leftSection={<IconPlus size={18} aria-hidden />} data-testid="plan-add-goal">
            {t('plan.addGoal')}
          </Button>
        </Group>
      </form>
    </Paper>
  )
}

function AgreementEditor({ draft, onChange, errorOf }: { draft: Draft; onChange: (d: Draft) => void; errorOf: ErrorOf }) {
  const { t } = useTranslation()
  const set = (patch: Partial<Draft['agreement']>) => onChange({ ...draft, agreement: { ...draft.agreement, ...patch } })
  return (
    <Paper withBorder p="md" radius="md" role="group" aria-labelledby="plan-agreement-heading">
      <Stack gap="sm">
        <Title order={4} size="h5" id="plan-agreement-heading">
          {t('plan.agreementTitle')}
        </Title>
        <Text size="sm" c="gray.7">
          {t('plan.agreementHelp')}
        </Text>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="plan-agreement-status">
            {t('plan.agreementStatus')}
          </Text>
          <SegmentedControl
            aria-labelledby="plan-agreement-status"
            data={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`plan.agreement.${s}`) }))}
            value={draft.agreement.status}
            onChange={(v) => set({ status: v as AgreementStatus })}
            data-testid="plan-agreement-status"
          />
        </Stack>
        <DateField
          label={t('plan.agreementOn')}
          value={draft.agreement.on}
          onChange={(v) => set({ on: v })}
          error={errorOf('agreement.on')}
          maw={220}
          data-testid="plan-agreement-on"
        />
        <Textarea
          label={t('plan.words')}
          description={t('plan.wordsHelp')}
          autosize
          minRows={2}
          maxRows={8}
          value={draft.agreement.words}
          onChange={(e) => set({ words: e.currentTarget.value })}
          error={errorOf('agreement.words')}
          maxLength={4000}
          data-testid="plan-agreement-words"
        />
      </Stack>
    </Paper>
  )
}
