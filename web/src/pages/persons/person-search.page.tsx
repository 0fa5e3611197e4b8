import { Alert, Badge, Button, Paper, Stack, Table, Text, TextInput, Anchor } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconInfoCircle, IconPlus, IconSearch } from '@tabler/icons-react'
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { api } from '../../api/client'
import type { PersonSearchResult } from '../../api/types'
import { can, useMe } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { PageHeader } from '../../components/page-header'
import { ScrollTable } from '../../components/scroll-table'

/** The last query, kept in memory (never in storage) and dropped at sign-out with the cache. */
const SEARCH_KEY = ['ui', 'personSearch'] as const

/** Find a person by name (spelling variants tolerated) or by person code. */
export function PersonSearchPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const queryClient = useQueryClient()
  // "Back" from a record returns to the same results.
  const [q, setQ] = useState(() => queryClient.getQueryData<string>(SEARCH_KEY) ?? '')
  const [debounced] = useDebouncedValue(q.trim(), 300)
  const term = debounced.slice(0, 200)

  const search = useQuery({
    queryKey: ['persons', 'search', term],
    // POST: the name searched for never appears in a URL or an access log.
    queryFn: ({ signal }) => api.post<PersonSearchResult>('/api/persons/search', { q: term }, { signal }),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
  })

  const update = (value: string) => {
    setQ(value)
    queryClient.setQueryData(SEARCH_KEY, value)
  }

  const items = term ? (search.data?.items ?? []) : []
  const status = !term
    ? ''
    : search.isFetching && !search.data
      ? t('common.searching')
      : search.isSuccess
        ? t('persons.resultCount', { count: items.length })
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
          <TextInput
            data-testid="person-search"
            type="search"
            size="md"
            label={t('persons.searchLabel')}
            description={t('persons.searchHint')}
            placeholder={t('persons.searchPlaceholder')}
            leftSection={<IconSearch size={18} aria-hidden />}
            value={q}
            onChange={(e) => update(e.currentTarget.value)}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
          />
        </form>
        <Text role="status" aria-live="polite" size="sm" c="gray.7" mt={status ? 'sm' : 0}>
          {status}
        </Text>
      </Paper>
      <ErrorAlert error={search.error} />

      {!term ? (
        <Alert variant="light" color="petrol" icon={<IconInfoCircle aria-hidden />} title={t('persons.emptyTitle')}>
          {t('persons.empty')}
        </Alert>
      ) : search.isSuccess && items.length === 0 ? (
        <Alert variant="light" color="gray" title={t('persons.noResultTitle')}>
          <Stack gap="xs">
            <Text size="sm">{t('persons.noResult', { q: term })}</Text>
            {can(me, 'person.create') ? (
              <Anchor component={Link} to="/persons/new" size="sm" fw={500}>
                {t('persons.createInstead')}
              </Anchor>
            ) : null}
          </Stack>
        </Alert>
      ) : items.length > 0 ? (
        <ScrollTable label={t('persons.tableCaption', { q: term })}>
          <Table data-testid="person-results" striped highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
            <Table.Caption>{t('persons.tableCaption', { q: term })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('persons.name')}</Table.Th>
                <Table.Th scope="col">{t('persons.birthYear')}</Table.Th>
                <Table.Th scope="col">{t('persons.code')}</Table.Th>
                <Table.Th scope="col">{t('persons.municipality')}</Table.Th>
                <Table.Th scope="col">{t('persons.access')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => {
                const name = `${p.lastName.toUpperCase()}, ${p.firstName}`
                return (
                  <Table.Tr key={p.id}>
                    <Table.Th scope="row" fw={500}>
                      {p.readable ? (
                        <Anchor component={Link} to={`/persons/${p.id}`}>
                          {name}
                        </Anchor>
                      ) : (
                        name
                      )}
                    </Table.Th>
                    <Table.Td>{p.birthYear ?? '—'}</Table.Td>
                    <Table.Td className="mono">{p.code}</Table.Td>
                    <Table.Td>{p.municipality ?? '—'}</Table.Td>
                    <Table.Td>
                      {p.readable ? (
                        <Text size="sm">{t('persons.readable')}</Text>
                      ) : (
                        <Badge variant="light" color="gray" radius="sm" c="gray.8">
                          {t('persons.restricted')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
          {items.some((p) => !p.readable) ? (
            <Text size="sm" c="gray.7" p="md">
              {t('persons.restrictedHelp')}
            </Text>
          ) : null}
        </ScrollTable>
      ) : null}
    </Stack>
  )
}
