import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { StudyStatus } from '../../../../common/contracts/studies.contracts'

const COLOURS: Record<StudyStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  approved: 'green',
  refused: 'red',
  closed: 'gray',
}

/** A study's state as a badge: the word says it, the colour only repeats it. */
export function StudyStatusBadge({ status }: { status: StudyStatus }) {
  const { t } = useTranslation()
  return (
    <Badge color={COLOURS[status]} variant="light" data-testid="study-status">
      {t(`studies.statuses.${status}`)}
    </Badge>
  )
}
