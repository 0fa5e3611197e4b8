import '../reports/reports.css'
import './progress.css'
import { Badge, Button, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconCircleCheck, IconCircleDashed, IconCircleMinus, IconPrinter, IconProgress } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { LIFE_DOMAINS } from '../../../../common/vocabulary'
import type { PersonSummary } from '../../../../common/contracts/progress.contracts'
import { LANGUAGES, type Language } from '../../../../common/roles'
import { isApiError } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { currentLanguage, isLanguage, loadLanguage, LOCALE_TAGS } from '../../i18n'
import { type Format, makeFormat } from '../../i18n/formatters'
import { NotFoundPage } from '../not-found/not-found.page'
import { spanOf } from './trajectory-vocabulary'
import { usePersonSummary } from './use-progress'

type Step = PersonSummary['goals'][number]['steps'][number]

const STATUS_ICON = { done: IconCircleCheck, in_progress: IconProgress, not_started: IconCircleDashed, dropped: IconCircleMinus } as const

/** The sheet's own language: its labels (`getFixedT`) and its dates, whatever the interface's. */
type Voice = { t: TFunction; fmt: Format; lang: Language }

/**
 * The language the sheet is first offered in: the first of the person's languages that the
 * service writes in (their preferred one comes first), otherwise the interface's.
 */
export function sheetLanguageFor(personLanguages: readonly string[], ui: Language): Language {
  return personLanguages.find(isLanguage) ?? ui
}

/** "≈ 2027", "≈ maart 2027" or "14/03/2027": an approximate date says so, in the sheet's language. */
function futureDate(lang: Language, fmt: Format, e: { date: string; precision: 'year' | 'month' | 'day' }): string {
  if (e.precision === 'year') return `≈ ${e.date}`
  if (e.precision === 'month')
    return `≈ ${new Intl.DateTimeFormat(LOCALE_TAGS[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(spanOf(e.date, 'month')[0])}`
  return fmt.day(e.date)
}

function StepLine({ step, voice: { t, fmt } }: { step: Step; voice: Voice }) {
  const Icon = STATUS_ICON[step.status]
  const who = step.who === 'partner' && step.partner ? step.partner : t(`summary.who.${step.who}`)
  return (
    <List.Item icon={<Icon size={18} aria-hidden />}>
      <Text span fw={500} td={step.status === 'dropped' ? 'line-through' : undefined}>
        {step.title}
      </Text>{' '}
      <Text span c="gray.8" size="sm">
        — {t(`summary.status.${step.status}`)} · {who}
        {step.due ? ` · ${t('summary.due', { date: fmt.day(step.due) })}` : ''}
      </Text>
    </List.Item>
  )
}

function Sheet({ s, voice }: { s: PersonSummary; voice: Voice }) {
  const { t, fmt, lang } = voice
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const domains = s.progress ? LIFE_DOMAINS.filter((d) => s.progress!.first.scores[d] || s.progress!.latest.scores[d]) : []
  const arrow = (a?: number, b?: number) => (a === undefined && b === undefined ? '—' : `${a ?? '—'} → ${b ?? '—'}`)
  return (
    // `lang`: a screen reader reads the sheet with the voice of its language, the rest of the page with the interface's.
    <article className="report-sheet" data-testid="person-summary" aria-labelledby="summary-title" lang={lang}>
      <Title order={1} id="summary-title" ref={heading} tabIndex={-1} size="h2">
        {t('summary.title', { name: s.firstName })}
      </Title>
      <Text c="gray.8" mb="lg">
        {t('summary.intro', { date: fmt.day(s.generatedOn) })}
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
                    <StepLine key={j} step={step} voice={voice} />
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
            ? t('summary.agreedOn', { date: fmt.day(s.agreement.on) })
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
            {t('summary.progressIntro', { from: fmt.day(s.progress.first.takenOn), to: fmt.day(s.progress.latest.takenOn) })}
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
            <Text mt={4}>{t('summary.gained', { names: s.network.supportiveGained.join(', '), date: fmt.day(s.network.since) })}</Text>
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
                  ({futureDate(lang, fmt, g)})
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

/**
 * The summary a worker goes through with the person, on screen or on paper, in the person's
 * language: offered in the first of theirs that the service writes in, and any of the four on
 * request. Only the sheet changes language; the page around it stays in the worker's.
 */
export function PersonSummaryPage() {
  const { t, i18n } = useTranslation()
  const { id = '' } = useParams()
  const summary = usePersonSummary(id)
  const [chosen, setChosen] = useState<Language | null>(null)
  const lang = chosen ?? sheetLanguageFor(summary.data?.languages ?? [], currentLanguage())
  // The language's translations are fetched once, as when the interface switches to it.
  const bundle = useQuery({
    queryKey: ['i18n', 'bundle', lang],
    queryFn: async () => {
      await loadLanguage(lang)
      return lang
    },
    staleTime: Infinity,
  })
  const voice = useMemo<Voice | null>(
    () => (bundle.data === lang ? { t: i18n.getFixedT(lang), fmt: makeFormat(lang), lang } : null),
    [bundle.data, lang, i18n],
  )
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
      {summary.data ? (
        <Select
          className="no-print"
          label={t('summaryLanguage.label')}
          description={summary.data.languages.some(isLanguage) ? t('summaryLanguage.fromPerson') : t('summaryLanguage.fromInterface')}
          data={LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
          value={lang}
          onChange={(v) => (isLanguage(v) ? setChosen(v) : null)}
          allowDeselect={false}
          maw={320}
          data-testid="summary-language"
        />
      ) : null}
      <ErrorAlert error={summary.error ?? bundle.error} />
      {summary.data && voice ? <Sheet s={summary.data} voice={voice} /> : summary.data ? <Loading /> : null}
    </Stack>
  )
}
