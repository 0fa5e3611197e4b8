import { Select } from '@mantine/core'
import { useState } from 'react'
import { api } from '../../api/client'
import { useQuery } from '@tanstack/react-query'

/** A partner's service (or the organisation alone, for a consent), picked through the directory's search. */
export type Chosen = { organisationId: string; serviceId: string | null }

function useDirectory(q: string) {
  const text = q.trim().length >= 2 ? q.trim() : null
  return useQuery({
    queryKey: ['partners', 'search', { q: text }],
    queryFn: ({ signal }) => api.get('/api/partners/search', { query: text ? { q: text } : {}, signal }),
    placeholderData: (previous) => previous,
  })
}

/**
 * A searchable select over the directory: each option is a service ("Organisation — Service"), or
 * with `organisations` each organisation once. Typing two letters or more searches the directory.
 */
export function ServicePicker(props: {
  label: string
  organisations?: boolean
  value: Chosen | null
  onChange: (v: Chosen | null) => void
  error?: string
  testId?: string
  /** An option chosen before the search was typed (it may not be among the first results). */
  preset?: { value: string; label: string }
}) {
  const [search, setSearch] = useState('')
  const directory = useDirectory(search)
  const seen = new Set<string>()
  const options: { value: string; label: string }[] = []
  if (props.preset) {
    seen.add(props.preset.value)
    options.push(props.preset)
  }
  for (const r of directory.data?.items ?? []) {
    const value = props.organisations ? r.organisation.id : `${r.organisation.id}|${r.service.id}`
    if (seen.has(value)) continue
    seen.add(value)
    options.push({ value, label: props.organisations ? r.organisation.name : `${r.organisation.name} — ${r.service.name}` })
  }
  const current = props.value
    ? props.organisations
      ? props.value.organisationId
      : `${props.value.organisationId}|${props.value.serviceId ?? ''}`
    : null
  return (
    <Select
      label={props.label}
      required
      searchable
      data-testid={props.testId}
      data={options}
      value={current && seen.has(current) ? current : null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage="—"
      onChange={(v) => {
        if (!v) return props.onChange(null)
        const [organisationId = '', serviceId = null] = v.split('|')
        props.onChange({ organisationId, serviceId })
      }}
      error={props.error}
    />
  )
}
