import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ExceptionStatus } from '../../../../common/contracts/exceptions.contracts'

// The theme's colours whose light badges keep AA contrast (as the case status badges use them).
const COLOR: Record<ExceptionStatus, string> = { pending: 'orange', validated: 'green', refused: 'red' }

export function ExceptionStatusBadge({ status }: { status: ExceptionStatus }) {
  const { t } = useTranslation()
  return (
    <Badge component="span" color={COLOR[status]} variant="light" radius="sm">
      {t(`exceptions.status.${status}`)}
    </Badge>
  )
}
