import { Select } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'

/** A partner account belongs to one partner organisation: chosen from the directory, shown only for the partner role. */
export function PartnerOrganisationField({
  value,
  onChange,
  error,
}: {
  value: string | null
  onChange: (id: string | null) => void
  error?: string
}) {
  const { t } = useTranslation()
  const organisations = useQuery({ queryKey: ['partners', 'for-users'], queryFn: () => api.get('/api/partners') })
  return (
    <Select
      label={t('users.partnerOrganisation')}
      description={t('users.partnerOrganisationHint')}
      data={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
      value={value}
      onChange={onChange}
      error={error}
      searchable
      required
    />
  )
}
