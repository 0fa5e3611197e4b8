import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Hint } from './hint'

/** Shown only on a demo instance, so it is loaded only there (app-layout.tsx). */
export function DemoBadge({ size = 'full' }: { size?: 'full' | 'short' | 'tiny' }) {
  const { t } = useTranslation()
  return (
    <Hint label={t('app.demoHint')} width={260} align="start" describes>
      <Badge variant="light" color="orange" radius="sm" tabIndex={0} style={{ flexShrink: 0 }}>
        {t(size === 'tiny' ? 'app.demoTiny' : size === 'short' ? 'app.demoShort' : 'app.demo')}
      </Badge>
    </Hint>
  )
}
