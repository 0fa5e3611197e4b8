import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { IconFileCertificate, IconSend } from '@tabler/icons-react'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { Me } from '../../api/types'
import { can } from '../../auth/use-me'
import { ErrorAlert } from '../../components/error-alert'
import { lazyNamed } from '../../components/lazy-page'
import { LazyDialog, prefetchOnReach } from '../../components/lazy-dialog'
import { Loading } from '../../components/loading'
import { Section } from '../accompaniments/case-details'
import { ConsentsList } from './consents-list'
import { ReferralForm, loadReferralForm } from './referral-form.lazy'
import { referredService } from './refer-links'
import { ReferralsList } from './referrals-list'
import { type Owner, useConsents, useReferrals } from './use-referrals'

// The forms come with their first opening (lazy-dialog.tsx): the section is a list first.
const loadConsentForm = () => import('./consent-form')
const ConsentForm = lazyNamed(loadConsentForm, 'ConsentForm')

/**
 * Orientation on a case (issue 11), or on a contact that led to no case: the consents given to
 * share parts of it with partners, and the referrals sent under them. Shown only to whom may read
 * them; writing needs the .manage abilities and an open case (a contact not linked to a case).
 * `quietWhenEmpty`: nothing at all is shown while both lists are empty.
 */
export function OrientationSection({
  owner,
  me,
  open,
  quietWhenEmpty = false,
}: {
  owner: Owner
  me: Me | null | undefined
  open: boolean
  quietWhenEmpty?: boolean
}) {
  const { t } = useTranslation()
  const consents = useConsents(owner)
  const referrals = useReferrals(owner)
  const canConsent = open && can(me, 'consent.manage')
  const canRefer = open && can(me, 'referral.manage')
  // Arriving from the directory or a contact (refer-links.ts): the referral form opens, its service
  // chosen; closing it takes `refer` out of the address, so a reload does not open it again.
  const [params, setParams] = useSearchParams()
  const preset = referredService(params.get('refer'))
  const [modal, setModal] = useState<'consent' | 'referral' | null>(null)
  const shown = modal ?? (canRefer && params.has('refer') ? 'referral' : null)
  const close = () => {
    setModal(null)
    if (params.has('refer'))
      setParams(
        (p) => {
          p.delete('refer')
          return p
        },
        { replace: true },
      )
  }
  if (quietWhenEmpty && (consents.data?.items.length ?? 0) + (referrals.data?.items.length ?? 0) === 0) return null
  return (
    <Section id={`${owner.kind}-orientation`} title={t('referrals.title')}>
      <Stack gap="md">
        {owner.kind === 'contact' && open ? (
          <Text size="sm" c="gray.8">
            {t('referrals.fromContact.help')}
          </Text>
        ) : null}
        <ErrorAlert error={consents.error ?? referrals.error} />
        {consents.isPending || referrals.isPending ? <Loading /> : null}
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('referrals.consent.title')}
          </Title>
          {consents.data ? <ConsentsList owner={owner} items={consents.data.items} canManage={canConsent} /> : null}
          {canConsent ? (
            <Group>
              <Button
                variant="light"
                leftSection={<IconFileCertificate size={18} aria-hidden />}
                onClick={() => setModal('consent')}
                {...prefetchOnReach(loadConsentForm)}
              >
                {t('referrals.consent.recordOne')}
              </Button>
            </Group>
          ) : null}
        </Stack>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('referrals.listTitle')}
          </Title>
          {referrals.data ? (
            <ReferralsList owner={owner} items={referrals.data.items} consents={consents.data?.items ?? []} canManage={canRefer} />
          ) : null}
          {canRefer ? (
            <Group>
              <Button
                variant="light"
                leftSection={<IconSend size={18} aria-hidden />}
                onClick={() => setModal('referral')}
                {...prefetchOnReach(loadReferralForm)}
              >
                {t('referrals.new')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Stack>
      <LazyDialog opened={shown === 'consent'} onClose={close} title={t('referrals.consent.recordTitle')}>
        {shown === 'consent' ? <ConsentForm owner={owner} onDone={close} /> : null}
      </LazyDialog>
      <LazyDialog opened={shown === 'referral'} onClose={close} title={t('referrals.form.title')}>
        {shown === 'referral' ? <ReferralForm owner={owner} onDone={close} preset={preset} /> : null}
      </LazyDialog>
    </Section>
  )
}
