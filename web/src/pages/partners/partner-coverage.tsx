import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { COVERAGE_LEVELS, type Coverage } from '../../../../common/contracts/partners.contracts'
import { useAreaName } from './use-partners'

/**
 * Where a service works, by level from the widest (the country, regions, provinces) to the most
 * local (municipalities, postcodes): one line per level, so the region or province reads first.
 */
export function CoverageList({ coverage }: { coverage: (Coverage & { name: string })[] }) {
  const { t } = useTranslation()
  const name = useAreaName()
  if (!coverage.length) return null
  return (
    <dl className="partner-coverage" style={{ margin: 0 }} data-testid="partner-coverage">
      {COVERAGE_LEVELS.map((level) => {
        const areas = coverage.filter((c) => c.level === level)
        if (!areas.length) return null
        return (
          <div key={level}>
            <Text component="dt" size="sm" fw={600} display="inline">
              {t(`partners.coverage.${level}`, { count: areas.length })}
            </Text>{' '}
            <Text component="dd" size="sm" display="inline" m={0}>
              {areas.map(name).join(', ')}
            </Text>
          </div>
        )
      })}
    </dl>
  )
}
