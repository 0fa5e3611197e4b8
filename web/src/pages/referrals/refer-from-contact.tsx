import { Button, Group } from '@mantine/core'
import { IconSend } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { can, useMe } from '../../auth/use-me'
import { OrientationSection } from './orientation-section'
import { referralFormUrl } from './refer-links'

/**
 * Orientation from a contact of the contact point. A contact that led to no case carries its own
 * consents and referrals (the caller's name, how to reach them and the summary can be shared). Once
 * linked to a case, new orientation opens the case's referral form, where the consent registry is;
 * what was recorded on the contact before stays shown here.
 */
export function ReferFromContact({ contactId, accompanimentId }: { contactId: string; accompanimentId: string | null }) {
  const { t } = useTranslation()
  const { data: me } = useMe()
  if (!can(me, 'referral.read')) return null
  const owner = { kind: 'contact', id: contactId } as const
  if (!accompanimentId) return <OrientationSection owner={owner} me={me} open />
  return (
    <>
      {can(me, 'referral.manage') ? (
        <Group gap="sm" data-testid="contact-refer">
          <Button component={Link} to={referralFormUrl(accompanimentId)} variant="light" leftSection={<IconSend size={16} aria-hidden />}>
            {t('referrals.fromContact.action')}
          </Button>
        </Group>
      ) : null}
      <OrientationSection owner={owner} me={me} open={false} quietWhenEmpty />
    </>
  )
}
