import { Alert } from '@mantine/core'
import { IconLock } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'

/** Shown to those who still read a restricted person or case (the DPO, the case's lead): it says that, never why. */
export function RestrictedBanner({ restricted }: { restricted: boolean }) {
  const { t } = useTranslation()
  if (!restricted) return null
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconLock aria-hidden />}
      title={t('restriction.banner.title')}
      data-testid="restricted-banner"
    >
      {t('restriction.banner.body')}
    </Alert>
  )
}
