import { Anchor, Badge, Group, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ConsentView } from '../../../../common/contracts/referrals.contracts'
import { ConfirmButton } from '../../components/confirm-button'
import { ErrorAlert } from '../../components/error-alert'
import { isLanguage } from '../../i18n'
import { useFormat } from '../../i18n/format'
import { documentUrl } from '../casework/use-casework'
import { useLegalBases } from '../exceptions/use-exceptions'
import { FromContactNote } from './referral-bits'
import { type Owner, sharedFieldKey, useWithdrawConsent } from './use-referrals'

const box = { border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }

/**
 * The consents of a case or a contact: who gave it, how, for what, until when; an active one may be
 * withdrawn (final). A case's list ends with those gathered on the line on contacts later linked to
 * it: shown as recorded there (the caller's fields), and withdrawn there only.
 */
export function ConsentsList({ owner, items, canManage }: { owner: Owner; items: ConsentView[]; canManage: boolean }) {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const fmt = useFormat()
  const withdraw = useWithdrawConsent(owner)
  const bases = useLegalBases()
  const basisLabel = (id: string) => bases.data?.items.find((b) => b.id === id)?.label[lang] ?? '…'
  return (
    <Stack gap="xs">
      <ErrorAlert error={withdraw.error} />
      {items.length === 0 ? <Text c="gray.8">{t('referrals.consent.empty')}</Text> : null}
      {items.map((c) => {
        const fromContact = owner.kind === 'case' && c.contactId !== null
        const itemOwner: Owner = fromContact && c.contactId ? { kind: 'contact', id: c.contactId } : owner
        return (
          <Stack key={c.id} gap={4} p="sm" style={box} data-testid="consent" data-from-contact={fromContact || undefined}>
            <Group gap="xs">
              {c.withdrawnAt ? (
                <Badge color="red" c="red.9" variant="light">
                  {t('referrals.consent.withdrawnOn', { date: fmt.dateTimeShort(c.withdrawnAt) })}
                </Badge>
              ) : c.active ? (
                <Badge color="green" c="green.9" variant="light">
                  {t('referrals.consent.active')}
                </Badge>
              ) : (
                <Badge color="gray" c="gray.9" variant="light">
                  {t('referrals.consent.expired')}
                </Badge>
              )}
              <Text size="sm" fw={600}>
                {c.organisationName}
              </Text>
            </Group>
            {fromContact && c.contactId ? <FromContactNote contactId={c.contactId} what="consentOnCase" /> : null}
            <Text size="sm">{c.purpose}</Text>
            <Text size="sm" c="gray.8">
              {t('referrals.consent.line', {
                who: t(`referrals.givers.${c.givenBy}`),
                how: t(`referrals.ways.${c.how}`),
                on: fmt.date(c.givenOn),
                until: fmt.date(c.expiresOn),
              })}
            </Text>
            {c.basis === 'legal_basis' && c.legalBasisId ? (
              <Text size="sm">
                <strong>{t('referrals.consent.legalBasisPrefix')}</strong> {basisLabel(c.legalBasisId)}
              </Text>
            ) : null}
            {c.documentId && itemOwner.kind === 'case' ? (
              <Anchor size="sm" href={documentUrl(owner.id, c.documentId)} data-testid="consent-form-link">
                {t('referrals.consent.signedFormLink')}
              </Anchor>
            ) : c.how === 'signed_form' ? (
              <Text size="sm" c="orange.9">
                {t('referrals.consent.formMissing')}
              </Text>
            ) : null}
            <Text size="sm">
              <strong>{t('referrals.consent.scopePrefix')}</strong>{' '}
              {c.scope.length ? c.scope.map((f) => t(sharedFieldKey(itemOwner, f))).join(', ') : t('referrals.fields.none')}
            </Text>
            {c.note ? (
              <Text size="sm" className="pre-wrap" c="gray.8">
                {c.note}
              </Text>
            ) : null}
            {canManage && !fromContact && !c.withdrawnAt ? (
              <Group>
                <ConfirmButton
                  size="xs"
                  color="red"
                  variant="light"
                  label={t('referrals.consent.withdraw')}
                  question={t('referrals.consent.withdrawQuestion', { name: c.organisationName })}
                  loading={withdraw.isPending}
                  onConfirm={() => withdraw.mutate({ id: c.id, version: c.version })}
                />
              </Group>
            ) : null}
          </Stack>
        )
      })}
    </Stack>
  )
}
