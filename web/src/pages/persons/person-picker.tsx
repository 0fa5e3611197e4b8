import { Select, Stack } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isBroadNameQuery, type SearchReason } from '../../../../common/person-search'
import { api } from '../../api/client'
import type { PersonSummary } from '../../api/types'
import { matchDetails, matchName } from './person-match'
import { SearchReasonField } from './search-reason'

type Readable = Extract<PersonSummary, { readable: true }>

function describe(p: Readable): string {
  return [`${p.firstName} ${p.lastName}`, p.birthYear ? String(p.birthYear) : null, p.municipality, p.code].filter(Boolean).join(' · ')
}

/**
 * Choose a registered person by typing their first and last name or their person code. The search
 * is the server's tolerant one (misspellings, phonetic forms), so the options are not filtered
 * again. Only persons the caller may open can be chosen; others that match are listed, greyed, as
 * "J. Dupont · 1998 · Liège", so that the caller knows to ask their team lead. A single name asks
 * for a reason first (ADR 0006), below the field.
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
  const [reason, setReason] = useState<SearchReason | null>(null)
  const [chosen, setChosen] = useState<Readable | null>(null)
  // Leaving the field (to answer the reason) would otherwise wipe what was typed.
  const leaving = useRef(false)
  const [q] = useDebouncedValue(search.trim(), 250)
  const broad = q.length >= 2 && isBroadNameQuery(q)
  // The reason question appears once the typing has paused on one name, not between a first and a last name.
  const [settled] = useDebouncedValue(q, 800)
  const ready = q.length >= 2 && (!chosen || describe(chosen) !== q) && (!broad || reason !== null)
  const results = useQuery({
    queryKey: ['persons', 'picker', q, broad ? reason : null],
    queryFn: ({ signal }) => api.post('/api/persons/search', { body: broad && reason ? { q, reason } : { q }, signal }),
    enabled: ready,
  })
  const found = ready ? (results.data?.items ?? []) : []
  const options = found.filter((p): p is Readable => p.readable && !props.exclude?.includes(p.id))
  const others = found.filter((p) => !p.readable)
  const data = [
    ...[...(chosen && !options.some((p) => p.id === chosen.id) ? [chosen] : []), ...options].map((p) => ({
      value: p.id,
      label: describe(p),
    })),
    ...others.map((p, i) => ({
      value: `reduced-${i}`,
      label: `${[matchName(p), matchDetails(p)].filter(Boolean).join(' · ')} — ${t('personSearch.picker.otherTeam')}`,
      disabled: true,
    })),
    ...(ready && results.data?.capped ? [{ value: 'capped', label: t('personSearch.picker.capped'), disabled: true }] : []),
  ]
  const nothing =
    q.length < 2
      ? t('personPicker.typeMore')
      : broad && !reason
        ? t('personSearch.picker.needReason')
        : results.isFetching
          ? t('personPicker.searching')
          : t('personPicker.none')
  return (
    <Stack gap="xs" onBlurCapture={() => (leaving.current = true)} onFocusCapture={() => (leaving.current = false)}>
      <Select
        label={props.label}
        description={props.description}
        placeholder={t('personSearch.picker.placeholder')}
        searchable
        clearable
        required={props.required}
        data={data}
        value={props.value}
        searchValue={search}
        onSearchChange={(value) => {
          if (leaving.current && value === '' && !props.value) return
          setSearch(value)
        }}
        filter={({ options: all }) => all}
        onChange={(id) => {
          setChosen(options.find((p) => p.id === id) ?? (chosen?.id === id ? chosen : null))
          props.onChange(id)
        }}
        nothingFoundMessage={nothing}
        error={props.error}
        data-testid="person-picker"
      />
      {broad && (settled === q || reason) ? <SearchReasonField value={reason} onChange={setReason} compact /> : null}
    </Stack>
  )
}
