import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ExceptionStatus } from '../../../../common/contracts/exceptions.contracts'

const COLOR: Record<ExceptionStatus, string> = { pending: 'orange', validated: 'teal', refused: 'red' }

export function ExceptionStatusBadge({ status }: { status: ExceptionStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={COLOR[status]} variant="light" radius="sm" c={`${COLOR[status]}.9`}>
      {t(`exceptions.status.${status}`)}
    </Badge>
  )
}
