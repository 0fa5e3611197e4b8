import { Button, Group, Text } from '@mantine/core'
import { IconSend } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../auth/use-me'
import { referralFormUrl } from './refer-links'

/**
 * A referral started from a contact of the contact point. A contact linked to a case opens that
 * case's referral form: everything then rests on the case's consent registry. A contact without a
 * case cannot be referred from here: the caller is first linked to a case (or one is opened), so
 * that the consent, what is shared and its withdrawal are recorded where the worker follows them
 * (README, "Referrals from the contact point").
 */
export function ReferFromContact({ accompanimentId }: { accompanimentId: string | null }) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  if (!can(me, 'referral.manage')) return null
  return (
    <Group gap="sm" data-testid="contact-refer">
      {accompanimentId ? (
        <Button component={Link} to={referralFormUrl(accompanimentId)} variant="light" leftSection={<IconSend size={16} aria-hidden />}>
          {t('referrals.fromContact.action')}
        </Button>
      ) : (
        <Text size="sm" c="gray.8">
          {t('referrals.fromContact.noCase')}
        </Text>
      )}
    </Group>
  )
}
