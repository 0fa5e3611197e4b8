import { Button, Paper, Stack, Text, Title } from '@mantine/core'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { isAuditAction } from '../../../../common/audit-actions'
import { api } from '../../api/client'
import { ErrorAlert } from '../../components/error-alert'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { Pager } from '../../components/pager'
import { AuditFilters, NO_FILTERS, type AuditFilterValues } from './audit-filters'
import { AuditTable } from './audit-table'
import { AuditVerifyPanel } from './audit-verify-panel'
import { normalisePersonCode } from './audit-vocabulary'
import { OpenBreachesPanel } from '../registers/open-breaches-panel'
import { DpoAlertsPanel } from './dpo-alerts-panel'
import { DpoRequestWarningsPanel } from '../dpo-requests/dpo-request-warnings-panel'

const LIMIT = 50
const MARK = '\u0000'

/**
 * The DPO's view of the hash-chained audit log: the chain's integrity first, then the log and
 * the questions asked of it ("who read this person", "what did this user read").
 */
export function AuditPage() {
  const { t } = useTranslation()
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS)
  const [offset, setOffset] = useState(0)
  const list = useQuery({
    queryKey: ['audit', filters, offset],
    // A POST, so that a person's name asked about is in no URL (nor in the browser's history).
    queryFn: ({ signal }) =>
      api.post('/api/audit/search', {
        body: {
          personCode: filters.personCode || undefined,
          personName: filters.personName || undefined,
          actorId: filters.actorId || undefined,
          kind: filters.kind || undefined,
          action: isAuditAction(filters.action) ? filters.action : undefined,
          from: filters.from || undefined,
          to: filters.to || undefined,
          limit: LIMIT,
          offset,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  })
  // Every look at the staff list is a recorded read: fetched once per visit, not per keystroke.
  const actors = useQuery({
    queryKey: ['audit', 'actors'],
    queryFn: ({ signal }) => api.get('/api/audit/actors', { signal }),
    staleTime: 10 * 60_000,
  })
  const personCode = normalisePersonCode(filters.personCode)
  const matched = list.data?.matchedCodes ?? []
  // The persons asked about, by code: the one typed, or those the name designated.
  const marked = personCode ? [personCode] : filters.personName ? matched : []
  const actorName = actors.data?.items.find((a) => a.id === filters.actorId)?.displayName

  /** What the answer is, in words: which question, about whom, how many entries. */
  const summary = (total: number): ReactNode => {
    const readsOnly = filters.kind === 'read' && !filters.action
    if (readsOnly && marked.length > 0 && !filters.actorId) {
      // The code stays on one line: its hyphens are not places to break it.
      const [before, after] = (
        marked.length === 1
          ? t('audit.whoReadTotal', { count: total, code: MARK })
          : t('auditReadable.whoReadManyTotal', { count: total, codes: MARK })
      ).split(MARK)
      return (
        <>
          {before}
          <Codes codes={marked} />
          {after}
        </>
      )
    }
    if (readsOnly && actorName && !filters.personCode && !filters.personName)
      return t('audit.whatReadTotal', { count: total, name: actorName })
    return t('audit.total', { count: total })
  }

  return (
    <Stack gap="xl">
      <PageHeader
        title={t('audit.title')}
        description={t('audit.intro')}
        actions={
          <Button component={Link} to="/audit/access-review" variant="light" data-testid="access-review-link">
            {t('accessReview.link')}
          </Button>
        }
      />
      <OpenBreachesPanel />
      <DpoRequestWarningsPanel />
      <DpoAlertsPanel />
      <AuditVerifyPanel />
      <Paper component="section" aria-labelledby="audit-log-title">
        <Title order={2} size="h4" id="audit-log-title" mb="md">
          {t('audit.logTitle')}
        </Title>
        <ErrorAlert error={actors.error} />
        <AuditFilters
          initial={filters}
          actors={actors.data?.items ?? []}
          serverError={list.error}
          onApply={(f) => {
            setFilters(f)
            setOffset(0)
          }}
        />
      </Paper>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Loading />
      ) : list.data ? (
        <Stack gap="sm" component="section" aria-labelledby="audit-result-title">
          <Title order={2} size="h4" id="audit-result-title" data-testid="audit-summary">
            {summary(list.data.total)}
          </Title>
          {filters.personName ? (
            <Text role="status" data-testid="audit-name-matched">
              {matched.length === 0 ? t('auditReadable.noPersonNamed') : <NamedCodes count={matched.length} codes={matched} />}
            </Text>
          ) : null}
          {list.data.items.length === 0 ? (
            <Text role="status">{t('audit.none')}</Text>
          ) : (
            <AuditTable items={list.data.items} marked={marked} />
          )}
          <Pager total={list.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />
        </Stack>
      ) : null}
    </Stack>
  )
}

/** Codes in a sentence, each on one line. */
function Codes({ codes }: { codes: string[] }) {
  return (
    <>
      {codes.map((c, i) => (
        <span key={c}>
          {i > 0 ? ', ' : null}
          <span className="mono nowrap">{c}</span>
        </span>
      ))}
    </>
  )
}

/** Which persons the name typed designated, by code: the DPO sees codes, never identities. */
function NamedCodes({ count, codes }: { count: number; codes: string[] }) {
  const { t } = useTranslation()
  const [before, after] = t('auditReadable.matched', { count, codes: MARK }).split(MARK)
  return (
    <>
      {before}
      <Codes codes={codes} />
      {after}
    </>
  )
}
