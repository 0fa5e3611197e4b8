import { Radio, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { SEARCH_REASONS, type SearchReason } from '../../../../common/person-search'

/**
 * Why a one-name search is made (ADR 0006): asked only when the query is broad, sent with it and
 * recorded in the audit log. Radio buttons, so that the three answers are read out and reached
 * with the arrow keys.
 */
export function SearchReasonField({
  value,
  onChange,
  compact = false,
}: {
  value: SearchReason | null
  onChange: (reason: SearchReason) => void
  compact?: boolean
}) {
  const { t } = useTranslation()
  return (
    <Radio.Group
      label={t('personSearch.reasonLabel')}
      description={compact ? undefined : t('personSearch.reasonHint')}
      value={value ?? ''}
      onChange={(v) => onChange(v as SearchReason)}
      data-testid="search-reason"
    >
      <Stack gap={6} mt={6}>
        {SEARCH_REASONS.map((r) => (
          <Radio key={r} value={r} label={t(`personSearch.reasons.${r}`)} />
        ))}
      </Stack>
    </Radio.Group>
  )
}
