import { Anchor, Badge, Card, Group, List, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { z } from 'zod'
import type { MatchReason, PartnerSearchResult } from '../../../../common/contracts/partners.contracts'
import { CoverageList } from './partner-coverage'
import { useAreaName, useLanguageName, useNeedLabel } from './use-partners'

type Result = z.infer<typeof PartnerSearchResult>

// Dark text on every tint: the light variants' own text colours fail contrast on yellow.
const CAPACITY_COLOURS = { available: 'green', limited: 'yellow', full: 'red' } as const

/** How full a service is and how long one waits, as a badge and a sentence. */
export function CapacityBadge({ capacity, waitDays }: { capacity: Result['service']['capacity']; waitDays: number | null }) {
  const { t } = useTranslation()
  return (
    <Group gap="xs" wrap="wrap">
      <Badge component="span" variant="light" radius="sm" color={CAPACITY_COLOURS[capacity]} c="dark.8">
        {t(`partners.capacity.${capacity}`)}
      </Badge>
      {waitDays !== null ? (
        <Text span size="sm">
          {waitDays === 0 ? t('partners.noWait') : t('partners.waitDays', { count: waitDays })}
        </Text>
      ) : null}
    </Group>
  )
}

/** Why a result matched, in the reader's language. */
export function useReasonText() {
  const { t } = useTranslation()
  const area = useAreaName()
  const need = useNeedLabel()
  const language = useLanguageName()
  return (r: MatchReason): string => {
    switch (r.kind) {
      case 'coverage':
        return t(`partners.why.coverage.${r.level}`, { name: area(r) })
      case 'need':
        return t('partners.why.need', { need: need(r.code) })
      case 'audience':
        return t('partners.why.audience', { audience: t(`partners.audiences.${r.code}`) })
      case 'language':
        return t('partners.why.language', { language: language(r.code, true) })
      case 'text':
        return t(`partners.why.text.${r.field.replace('.', '_')}`)
    }
  }
}

/** One service found: who offers it, why it matched, how full it is, what it speaks and covers. */
export function PartnerResult({ result }: { result: Result }) {
  const { t } = useTranslation()
  const reason = useReasonText()
  const language = useLanguageName()
  const need = useNeedLabel()
  const { organisation, service } = result
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`result-${service.id}`} data-testid="partner-result">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={0}>
            <Text component="h3" fw={700} size="lg" m={0} id={`result-${service.id}`}>
              {service.name}
            </Text>
            <Anchor component={Link} to={`/partners/${organisation.id}`} fw={500}>
              {organisation.name}
            </Anchor>
          </Stack>
          {result.precision ? (
            <Badge component="span" variant="outline" radius="sm" color="blue" c="blue.9">
              {t(`partners.precision.${result.precision}`)}
            </Badge>
          ) : null}
        </Group>
        <div>
          <Text size="sm" fw={600}>
            {t('partners.why.title')}
          </Text>
          <List size="sm" spacing={2} data-testid="partner-why">
            {result.reasons.map((r, i) => (
              <List.Item key={i}>{reason(r)}</List.Item>
            ))}
          </List>
        </div>
        <CapacityBadge capacity={service.capacity} waitDays={service.waitDays} />
        {service.needs.length ? (
          <Text size="sm">
            <Text span fw={600}>
              {t('partners.colon', { label: t('partners.needs') })}
            </Text>{' '}
            {service.needs.map(need).join(', ')}
          </Text>
        ) : null}
        {service.languages.length ? (
          <Text size="sm">
            <Text span fw={600}>
              {t('partners.colon', { label: t('partners.languages') })}
            </Text>{' '}
            {service.languages.map((l) => language(l)).join(', ')}
          </Text>
        ) : null}
        <CoverageList coverage={service.coverage} />
      </Stack>
    </Card>
  )
}
