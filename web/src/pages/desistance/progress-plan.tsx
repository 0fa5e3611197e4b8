import { Badge, Group, Progress as Bar, RingProgress, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Progress } from '../../../../common/contracts/progress.contracts'
import { LIFE_DOMAINS } from '../../../../common/vocabulary'

/** How far the plan's steps are done, overall and by life domain. */
export function PlanCompletion({ plan }: { plan: Progress['plan'] }) {
  const { t } = useTranslation()
  if (plan.goals === 0) return <Text c="gray.7">{t('progress.noPlan')}</Text>
  const counted = plan.steps - plan.dropped
  const pct = counted > 0 ? Math.round((plan.done / counted) * 100) : 0
  return (
    <Stack gap="sm">
      <Group gap="md" wrap="nowrap">
        <RingProgress
          size={96}
          thickness={10}
          roundCaps
          sections={[{ value: pct, color: 'petrol.6' }]}
          label={
            <Text ta="center" fw={700} size="sm" aria-hidden>
              {pct} %
            </Text>
          }
          aria-hidden
        />
        <Stack gap={2}>
          <Text data-testid="plan-completion">{t('progress.stepsDone', { count: plan.done, total: counted })}</Text>
          <Text size="sm" c="gray.8">
            {t('progress.goalsCount', { count: plan.goals })}
          </Text>
          <Badge variant="light" color={plan.agreement === 'agreed' ? 'petrol' : 'gray'}>
            {t(`plan.agreement.${plan.agreement}`)}
          </Badge>
        </Stack>
      </Group>
      <Stack gap={6}>
        {LIFE_DOMAINS.filter((d) => plan.byDomain[d]?.steps).map((d) => {
          const s = plan.byDomain[d]!
          return (
            <div key={d}>
              <Group justify="space-between" gap="xs">
                <Text size="sm">{t(`lifeDomains.${d}`)}</Text>
                <Text size="sm" c="gray.8">
                  {t('progress.fraction', { done: s.done, total: s.steps })}
                </Text>
              </Group>
              <Bar value={s.steps ? (s.done / s.steps) * 100 : 0} size="sm" color="petrol.6" aria-hidden />
            </div>
          )
        })}
      </Stack>
    </Stack>
  )
}
