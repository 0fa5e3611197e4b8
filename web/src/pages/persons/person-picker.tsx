import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import type { PersonSearchResult, PersonSummary } from '../../api/types'

function describe(p: PersonSummary): string {
  return [`${p.firstName} ${p.lastName}`, p.birthYear ? String(p.birthYear) : null, p.municipality, p.code].filter(Boolean).join(' · ')
}

/**
 * Choose a registered person by typing part of a name or a person code. The search is the
 * server's tolerant one (misspellings, phonetic forms), so the options are not filtered again.
 */
export function PersonPicker(props: {
  label: string
  description?: string
  value: string | null
  onChange: (id: string | null) => void
  error?: string
  exclude?: string[]
  required?: boolean
}) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const [chosen, setChosen] = useState<PersonSummary | null>(null)
  const [q] = useDebouncedValue(search.trim(), 250)
  const results = useQuery({
    queryKey: ['persons', 'picker', q],
    queryFn: ({ signal }) => api.post<PersonSearchResult>('/api/persons/search', { q, limit: 10 }, { signal }),
    enabled: q.length >= 2 && (!chosen || describe(chosen) !== q),
  })
  const options = (results.data?.items ?? []).filter((p) => !props.exclude?.includes(p.id))
  const data = [...(chosen && !options.some((p) => p.id === chosen.id) ? [chosen] : []), ...options].map((p) => ({
    value: p.id,
    label: describe(p),
  }))
  return (
    <Select
      label={props.label}
      description={props.description}
      placeholder={t('personPicker.placeholder')}
      searchable
      clearable
      required={props.required}
      data={data}
      value={props.value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      onChange={(id) => {
        setChosen([...(chosen ? [chosen] : []), ...options].find((p) => p.id === id) ?? null)
        props.onChange(id)
      }}
      nothingFoundMessage={
        q.length < 2 ? t('personPicker.typeMore') : results.isFetching ? t('personPicker.searching') : t('personPicker.none')
      }
      error={props.error}
      data-testid="person-picker"
    />
  )
}
