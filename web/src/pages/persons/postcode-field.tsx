import { Autocomplete } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import type { Municipality } from '../../api/types'
import { usePlaceNames } from '../../i18n/places'

const label = (m: Municipality) => `${m.postcode} ${m.locality}`

/** Postcode with the Belgian municipality list: type a postcode or a locality name. */
export function PostcodeField(props: {
  value: string
  municipality: Municipality | null
  onChange: (place: string, municipality: Municipality | null) => void
  error?: string
}) {
  const { t } = useTranslation()
  const places = usePlaceNames()
  const [term] = useDebouncedValue(props.value.trim(), 200)
  const enabled = term.length >= 2 && !(props.municipality && label(props.municipality) === props.value)
  const suggestions = useQuery({
    queryKey: ['postcodes', term],
    queryFn: ({ signal }) => api.get('/api/postcodes', { query: { q: term.slice(0, 60) }, signal }),
    enabled,
    staleTime: 60 * 60_000,
  })
  const items = suggestions.data?.items ?? []
  const unique = [...new Map(items.map((m) => [label(m), m])).values()]

  const m = props.municipality
  const description = m
    ? t('person.municipalityFound', { locality: m.locality, province: places.province(m.province), region: places.region(m.region) })
    : t('person.postcodeHint')

  return (
    <Autocomplete
      label={t('person.postcode')}
      description={description}
      value={props.value}
      data={unique.map(label)}
      filter={({ options }) => options}
      limit={20}
      onChange={(text) => props.onChange(text, unique.find((x) => label(x) === text) ?? null)}
      error={props.error}
      autoComplete="off"
      maxLength={70}
      maw={420}
    />
  )
}
