import { Select } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/** The team whose figures or log are shown: the indicators, the yearly report and the training log offer the same choice. */
export function TeamSelect({
  teams,
  value,
  onChange,
  label,
}: {
  teams: readonly { id: string; name: string }[]
  value: string | null
  onChange: (teamId: string | null) => void
  label?: string
}) {
  const { t } = useTranslation()
  return (
    <Select
      label={label ?? t('indicators.team')}
      placeholder={t('indicators.chooseTeam')}
      data={teams.map((team) => ({ value: team.id, label: team.name }))}
      value={value}
      onChange={onChange}
      allowDeselect={false}
      // A long list is typed into; a short one is read at a glance.
      searchable={teams.length > 8}
      maw={360}
      comboboxProps={{ withinPortal: false }}
    />
  )
}

/** A calendar year among `years` (newest first). */
export function YearSelect({
  years,
  value,
  onChange,
  label,
  testId,
}: {
  years: readonly number[]
  value: number
  onChange: (year: number) => void
  label: string
  testId: string
}) {
  return (
    <Select
      label={label}
      data={years.map((y) => ({ value: String(y), label: String(y) }))}
      value={String(value)}
      onChange={(v) => v && onChange(Number(v))}
      allowDeselect={false}
      w={140}
      comboboxProps={{ withinPortal: false }}
      data-testid={testId}
    />
  )
}
