import { Button } from '@mantine/core'
import { IconChartBar } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../auth/use-me'

/** The way to the contact point's statistics, for those who may read them (the leads), from the dashboard and the contacts page. */
export function ContactStatisticsLink() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  if (!can(me, 'contact.statistics')) return null
  return (
    <Button
      component={Link}
      to="/contacts/statistics"
      variant="light"
      leftSection={<IconChartBar size={18} aria-hidden />}
      data-testid="contact-statistics-link"
    >
      {t('contactStatistics.open')}
    </Button>
  )
}
