import { Alert, Anchor, Button, Paper, Stack, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconInfoCircle, IconPlus, IconSearch } from '@tabler/icons-react'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { isBroadNameQuery, SEARCH_CAP, type SearchReason } from '../../../../common/person-search'
import { api } from '../../api/client'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { PageHeader } from '../../components/page-header'
import { PersonResults } from './person-results'
import { SearchReasonField } from './search-reason'

/** The last query and its reason, kept in memory (never in storage) and dropped at sign-out with the cache. */
const SEARCH_KEY = ['ui', 'personSearch'] as const
type Kept = { q: string; reason: SearchReason | null }

/**
 * Find a person by first and last name (spelling variants tolerated) or by person code. A search
 * on one name asks why (ADR 0006) and shows only the persons the caller may open.
 */
export function PersonSearchPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const queryClient = useQueryClient()
  // "Back" from a record returns to the same results.
  const [kept, setKept] = useState<Kept>(() => queryClient.getQueryData<Kept>(SEARCH_KEY) ?? { q: '', reason: null })
  const [debounced] = useDebouncedValue(kept.q.trim(), 300)
  const term = debounced.slice(0, 200)
  const broad = term.length > 0 && isBroadNameQuery(term)
  // The reason question appears once the typing has paused on one name, not between a first and a last name.
  const [settled] = useDebouncedValue(term, 800)
  const askReason = broad && settled === term
  const reason = broad ? kept.reason : null
  const ready = term.length > 0 && (!broad || reason !== null)

  const search = useQuery({
    queryKey: ['persons', 'search', term, reason],
    // POST: the name searched for never appears in a URL or an access log.
    queryFn: ({ signal }) => api.post('/api/persons/search', { body: reason ? { q: term, reason } : { q: term }, signal }),
    enabled: ready,
    placeholderData: keepPreviousData,
  })

  const update = (next: Partial<Kept>) => {
    const value = { ...kept, ...next }
    setKept(value)
    queryClient.setQueryData(SEARCH_KEY, value)
  }

  const result = ready ? search.data : undefined
  const items = result?.items ?? []
  const status = !ready
    ? broad
      ? t('personSearch.reasonNeeded')
      : ''
    : search.isFetching && !search.data
      ? t('common.searching')
      : search.isSuccess
        ? result?.capped
          ? t('personSearch.cappedCount', { n: items.length })
          : t('persons.resultCount', { count: items.length })
        : ''

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('persons.title')}
        description={t('persons.intro')}
        actions={
          can(me, 'person.create') ? (
            <Button component={Link} to="/persons/new" leftSection={<IconPlus size={18} aria-hidden />}>
              {t('persons.new')}
            </Button>
          ) : null
        }
      />
      <Paper role="search" aria-label={t('persons.searchRegion')}>
        <form onSubmit={(e) => e.preventDefault()}>
          <Stack gap="md">
            <TextInput
              data-testid="person-search"
              type="search"
              size="md"
              label={t('persons.searchLabel')}
              description={t('personSearch.hint')}
              placeholder={t('personSearch.placeholder')}
              leftSection={<IconSearch size={18} aria-hidden />}
              value={kept.q}
              onChange={(e) => update({ q: e.currentTarget.value })}
              maxLength={200}
              autoComplete="off"
              spellCheck={false}
            />
            {askReason || (broad && kept.reason) ? <SearchReasonField value={kept.reason} onChange={(r) => update({ reason: r })} /> : null}
          </Stack>
        </form>
        <Text role="status" aria-live="polite" size="sm" c="gray.7" mt={status ? 'sm' : 0}>
          {status}
        </Text>
      </Paper>
      <ErrorAlert error={ready ? search.error : null} />

      {!term ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />} title={t('persons.emptyTitle')}>
          {t('personSearch.empty')}
        </Alert>
      ) : search.isSuccess && result && items.length === 0 ? (
        <Alert variant="light" color="gray" title={t('persons.noResultTitle')}>
          <Stack gap="xs">
            <Text size="sm">{broad ? t('personSearch.noResultBroad', { q: term }) : t('personSearch.noResult', { q: term })}</Text>
            {can(me, 'person.create') && !broad ? (
              <Anchor component={Link} to="/persons/new" size="sm" fw={500}>
                {t('persons.createInstead')}
              </Anchor>
            ) : null}
          </Stack>
        </Alert>
      ) : result && items.length > 0 ? (
        <PersonResults items={items} capped={result.capped} cap={SEARCH_CAP} term={term} broad={broad} />
      ) : null}
    </Stack>
  )
}
