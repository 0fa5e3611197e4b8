import { Badge, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core'
import { IconCircle, IconCircleCheck, IconCircleMinus, IconProgress } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../i18n/format'
import {
  AGREEMENT_COLOR,
  LIFE_DOMAINS,
  STEP_STATUS_COLOR,
  type Agreement,
  type LifeDomain,
  type PlanGoal,
  type PlanStep,
  type StepStatus,
} from './plan-vocabulary'

const STATUS_ICON: Record<StepStatus, typeof IconCircle> = {
  not_started: IconCircle,
  in_progress: IconProgress,
  done: IconCircleCheck,
  dropped: IconCircleMinus,
}

/** Goals in the order of the life domains, so that every plan reads the same way. */
export function byDomain<G extends { domain: LifeDomain | null }>(goals: G[]): [LifeDomain, G[]][] {
  return LIFE_DOMAINS.map((d) => [d, goals.filter((g) => g.domain === d)] as [LifeDomain, G[]]).filter(([, gs]) => gs.length > 0)
}

export function StepStatusBadge({ status }: { status: StepStatus }) {
  const { t } = useTranslation()
  const Icon = STATUS_ICON[status]
  return (
    <Badge
      variant="light"
      color={STEP_STATUS_COLOR[status]}
      // Light badges take the darkest shade for their text, so that it reads at 4.5:1.
      c={`${STEP_STATUS_COLOR[status]}.9`}
      leftSection={<Icon size={14} aria-hidden />}
      td={status === 'dropped' ? 'line-through' : undefined}
    >
      {t(`plan.status.${status}`)}
    </Badge>
  )
}

export function StepLine({ step }: { step: PlanStep }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
      <Stack gap={0}>
        <Text size="sm" fw={500} c={step.status === 'dropped' ? 'gray.7' : undefined}>
          {step.title}
        </Text>
        <Text size="xs" c="gray.7">
          {step.who === 'partner' ? t('plan.whoPartnerNamed', { name: step.partner ?? '' }) : t(`plan.who.${step.who}`)}
          {step.due ? ` · ${t('plan.dueOn', { date: fmt.date(step.due) })}` : ''}
        </Text>
      </Stack>
      <StepStatusBadge status={step.status} />
    </Group>
  )
}

export function GoalCard({ goal }: { goal: PlanGoal }) {
  const { t } = useTranslation()
  const counted = goal.steps.filter((s) => s.status !== 'dropped')
  const done = counted.filter((s) => s.status === 'done').length
  return (
    <Paper withBorder p="md" radius="md" data-testid="plan-goal">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Title order={5}>{goal.title}</Title>
          {counted.length ? (
            <Text size="xs" c="gray.7">
              {t('plan.stepsDone', { done, total: counted.length })}
            </Text>
          ) : null}
        </Group>
        {goal.why ? (
          <Text size="sm" c="gray.8">
            {goal.why}
          </Text>
        ) : null}
        {counted.length ? <Progress value={(done / counted.length) * 100} size="sm" color="petrol" aria-hidden /> : null}
        {goal.steps.length ? (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {goal.steps.map((s) => (
              <li key={s.id}>
                <StepLine step={s} />
              </li>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="gray.7">
            {t('plan.noSteps')}
          </Text>
        )}
      </Stack>
    </Paper>
  )
}

export function AgreementView({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <Paper withBorder p="md" radius="md" data-testid="plan-agreement">
      <Stack gap="xs">
        <Group gap="sm">
          <Title order={4} size="h5">
            {t('plan.agreementTitle')}
          </Title>
          <Badge variant="light" color={AGREEMENT_COLOR[agreement.status]} c={`${AGREEMENT_COLOR[agreement.status]}.9`}>
            {t(`plan.agreement.${agreement.status}`)}
          </Badge>
          {agreement.on ? (
            <Text size="sm" c="gray.7">
              {t('plan.agreedOn', { date: fmt.date(agreement.on) })}
            </Text>
          ) : null}
        </Group>
        {agreement.words ? (
          <figure className="plan-words">
            <blockquote>{agreement.words}</blockquote>
            <figcaption>{t('plan.wordsCite')}</figcaption>
          </figure>
        ) : null}
      </Stack>
    </Paper>
  )
}

/** A plan, read-only: the current one for readers, or an earlier version from the history. */
export function PlanReadOnly({ goals, agreement, headingOrder = 4 }: { goals: PlanGoal[]; agreement: Agreement; headingOrder?: 4 | 5 }) {
  const { t } = useTranslation()
  return (
    <Stack gap="lg">
      {goals.length === 0 ? <Text c="gray.7">{t('plan.empty')}</Text> : null}
      {byDomain(goals).map(([domain, gs]) => (
        <Stack key={domain} gap="xs">
          <Title order={headingOrder} size="h5" c="petrol.8">
            {t(`lifeDomains.${domain}`)}
          </Title>
          {gs.map((g) => (
            <GoalCard key={g.id} goal={g} />
          ))}
        </Stack>
      ))}
      <AgreementView agreement={agreement} />
    </Stack>
  )
}
