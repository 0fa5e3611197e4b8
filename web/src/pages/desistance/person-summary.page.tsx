import '../reports/reports.css'
import './progress.css'
import { Badge, Button, Group, List, Stack, Table, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconCircleCheck, IconCircleDashed, IconCircleMinus, IconPrinter, IconProgress } from '@tabler/icons-react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { LIFE_DOMAINS } from '../../../../common/vocabulary'
import type { PersonSummary } from '../../../../common/contracts/progress.contracts'
import { isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { NotFoundPage } from '../not-found/not-found.page'
import { useTrajectoryDate } from './trajectory-vocabulary'
import { usePersonSummary } from './use-progress'

type Step = PersonSummary['goals'][number]['steps'][number]

const STATUS_ICON = { done: IconCircleCheck, in_progress: IconProgress, not_started: IconCircleDashed, dropped: IconCircleMinus } as const

function StepLine({ step }: { step: Step }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const Icon = STATUS_ICON[step.status]
  const who = step.who === 'partner' && step.partner ? step.partner : t(`summary.who.${step.who}`)
  return (
    <List.Item icon={<Icon size={18} aria-hidden />}>
      <Text span fw={500} td={step.status === 'dropped' ? 'line-through' : undefined}>
        {step.title}
      </Text>{' '}
      <Text span c="gray.8" size="sm">
        — {t(`summary.status.${step.status}`)} · {who}
        {step.due ? ` · ${t('summary.due', { date: fmt.date(step.due) })}` : ''}
      </Text>
    </List.Item>
  )
}

function Sheet({ s }: { s: PersonSummary }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const when = useTrajectoryDate()
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const domains = s.progress ? LIFE_DOMAINS.filter((d) => s.progress!.first.scores[d] || s.progress!.latest.scores[d]) : []
  const arrow = (a?: number, b?: number) => (a === undefined && b === undefined ? '—' : `${a ?? '—'} → ${b ?? '—'}`)
  return (
    <article className="report-sheet" data-testid="person-summary" aria-labelledby="summary-title">
      <Title order={1} id="summary-title" ref={heading} tabIndex={-1} size="h2">
        {t('summary.title', { name: s.firstName })}
      </Title>
      <Text c="gray.8" mb="lg">
        {t('summary.intro', { date: fmt.date(s.generatedOn) })}
      </Text>

      <Title order={2} size="h3" mt="md" mb="xs">
        {t('summary.goalsTitle')}
      </Title>
      {s.goals.length ? (
        <Stack gap="md">
          {s.goals.map((g, i) => (
            <section key={i} aria-labelledby={`goal-${i}`}>
              <Badge variant="light" mb={4}>
                {t(`lifeDomains.${g.domain}`)}
              </Badge>
              <Title order={3} size="h4" id={`goal-${i}`}>
                {g.title}
              </Title>
              {g.steps.length ? (
                <List spacing={4} mt={4} center>
                  {g.steps.map((step, j) => (
                    <StepLine key={j} step={step} />
                  ))}
                </List>
              ) : null}
            </section>
          ))}
        </Stack>
      ) : (
        <Text>{t('summary.noGoals')}</Text>
      )}
      {/* Without a plan there is nothing to agree to yet: "you have not agreed to this plan" would puzzle the person. */}
      {s.goals.length || s.agreement.status !== 'not_yet' ? (
        <Text mt="md">
          {s.agreement.status === 'agreed' && s.agreement.on
            ? t('summary.agreedOn', { date: fmt.date(s.agreement.on) })
            : t(`summary.agreement.${s.agreement.status}`)}
        </Text>
      ) : null}
      {s.agreement.words ? (
        <figure className="summary-words">
          <blockquote>{s.agreement.words}</blockquote>
          <figcaption>— {t('summary.yourWords')}</figcaption>
        </figure>
      ) : null}

      {s.progress ? (
        <>
          <Title order={2} size="h3" mt="xl" mb="xs">
            {t('summary.progressTitle')}
          </Title>
          <Text mb="xs">
            {t('summary.progressIntro', { from: fmt.date(s.progress.first.takenOn), to: fmt.date(s.progress.latest.takenOn) })}
          </Text>
          <Table withTableBorder verticalSpacing={4} data-testid="summary-progress">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('summary.domain')}</Table.Th>
                <Table.Th>{t('summary.yourView')}</Table.Th>
                <Table.Th>{t('summary.workerView')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {domains.map((d) => (
                <Table.Tr key={d}>
                  <Table.Td>{t(`lifeDomains.${d}`)}</Table.Td>
                  <Table.Td>{arrow(s.progress!.first.scores[d]?.person, s.progress!.latest.scores[d]?.person)}</Table.Td>
                  <Table.Td>{arrow(s.progress!.first.scores[d]?.worker, s.progress!.latest.scores[d]?.worker)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}

      {s.network ? (
        <>
          <Title order={2} size="h3" mt="xl" mb="xs">
            {t('summary.networkTitle')}
          </Title>
          {s.network.supportive.length ? <Text>{t('summary.supportive', { names: s.network.supportive.join(', ') })}</Text> : null}
          {s.network.supportiveGained.length && s.network.since ? (
            <Text mt={4}>{t('summary.gained', { names: s.network.supportiveGained.join(', '), date: fmt.date(s.network.since) })}</Text>
          ) : null}
          {s.network.harmfulLeft > 0 ? <Text mt={4}>{t('summary.left', { count: s.network.harmfulLeft })}</Text> : null}
        </>
      ) : null}

      {s.futureGoals.length ? (
        <>
          <Title order={2} size="h3" mt="xl" mb="xs">
            {t('summary.futureTitle')}
          </Title>
          <List spacing={4}>
            {s.futureGoals.map((g, i) => (
              <List.Item key={i}>
                {g.title}{' '}
                <Text span c="gray.8">
                  ({when(g)})
                </Text>
              </List.Item>
            ))}
          </List>
        </>
      ) : null}
      <Text size="sm" c="gray.7" mt="xl" className="report-footer">
        {t('summary.footer', { code: s.caseCode })}
      </Text>
    </article>
  )
}

/** The summary a worker goes through with the person, on screen or on paper. */
export function PersonSummaryPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const summary = usePersonSummary(id)
  if (summary.isPending) return <Loading />
  if (isApiError(summary.error) && summary.error.status === 404)
    return <NotFoundPage backTo="/accompaniments" backLabel={t('caseload.back')} />
  return (
    <Stack gap="md" maw={820}>
      <Group className="no-print" justify="space-between">
        <Button component={Link} to={`/accompaniments/${id}`} variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} px={4}>
          {t('summary.back')}
        </Button>
        <Button leftSection={<IconPrinter size={18} aria-hidden />} onClick={() => window.print()} disabled={!summary.data}>
          {t('summary.print')}
        </Button>
      </Group>
      <Text className="no-print" size="sm" c="gray.8">
        {t('summary.whatIsLeftOut')}
      </Text>
      <ErrorAlert error={summary.error} />
      {summary.data ? <Sheet s={summary.data} /> : null}
    </Stack>
  )
}
