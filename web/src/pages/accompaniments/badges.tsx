import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AccompanimentStatus, AccompanimentSummary } from '../../api/types'

const STATUS_COLOR: Record<AccompanimentStatus, string> = {
  intake: 'orange',
  active: 'green',
  suspended: 'gray',
  closing: 'petrol',
  closed: 'gray',
}

export function StatusBadge({ status, size }: { status: AccompanimentStatus; size?: string }) {
  const { t } = useTranslation()
  const color = STATUS_COLOR[status]
  return (
    <Badge component="span" variant="light" radius="sm" size={size} color={color} c={color === 'gray' ? 'gray.8' : undefined}>
      {t(`accompaniment.status.${status}`)}
    </Badge>
  )
}

export function AccessBadge({ access }: { access: AccompanimentSummary['access'] }) {
  const { t } = useTranslation()
  if (access === 'emergency')
    return (
      <Badge component="span" variant="light" radius="sm" color="red">
        {t('accompaniment.access.emergency')}
      </Badge>
    )
  return (
    <Badge component="span" variant="outline" radius="sm" color="gray" c="gray.8">
      {t(`accompaniment.access.${access}`)}
    </Badge>
  )
}
