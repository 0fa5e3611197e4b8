import { Badge, Tooltip } from '@mantine/core'
import { useTranslation } from 'react-i18next'

/**
 * Shown only on a demo instance, so it is loaded only there (app-layout.tsx): its tooltip brings
 * the floating-ui positioning code, which a real instance's first screen does without.
 */
export function DemoBadge({ short = false }: { short?: boolean }) {
  const { t } = useTranslation()
  return (
    <Tooltip label={t('app.demoHint')} multiline w={260} withArrow withinPortal={false}>
      <Badge variant="light" color="orange" radius="sm" tabIndex={0} style={{ flexShrink: 0 }}>
        {t(short ? 'app.demoShort' : 'app.demo')}
      </Badge>
    </Tooltip>
  )
}
