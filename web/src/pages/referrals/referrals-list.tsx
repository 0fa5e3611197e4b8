import { Button, Group, Select, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConsentView, ReferralView } from '../../../../common/contracts/referrals.contracts'
import { ENDED_STATUSES } from '../../../../common/vocabulary'
import { ConfirmButton } from '../../components/confirm-button'
import { ErrorAlert } from '../../components/error-alert'
import { useFormat } from '../../i18n/format'
import { LazyDialog, prefetchOnReach } from '../../components/lazy-dialog'
import { FeedbackThread, FromContactNote, ReferralStatusBadge } from './referral-bits'
import { loadReferralForm, ReferralForm } from './referral-form.lazy'
import { type Owner, sharedFieldKey, useReferralStep, useServiceFeedback } from './use-referrals'

const box = { border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }

/** Sends a draft under one of the active consents given for its organisation. */
function SendControl({ owner, r, consents }: { owner: Owner; r: ReferralView; consents: ConsentView[] }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  const step = useReferralStep(owner)
  // A case's list also shows the consents its linked contacts gathered on the line: a case's
  // referral goes out under the case's own only (the server refuses any other).
  const holderContact = owner.kind === 'contact' ? owner.id : null
  const usable = consents.filter((c) => c.active && c.organisationId === r.organisationId && c.contactId === holderContact)
  const [picked, setPicked] = useState<string | null>(null)
  // The only usable consent is the one to send under, also when it was recorded after the draft.
  const consentId = picked && usable.some((c) => c.id === picked) ? picked : usable.length === 1 ? (usable[0]?.id ?? null) : null
  if (usable.length === 0) return <Text size="sm">{t('referrals.send.noConsent')}</Text>
  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="xs">
        <Select
          label={t('referrals.send.consent')}
          data={usable.map((c) => ({ value: c.id, label: `${c.purpose} (${t('referrals.until', { date: fmt.date(c.expiresOn) })})` }))}
          value={consentId}
          onChange={setPicked}
          size="xs"
          w={320}
        />
        <Button
          size="xs"
          disabled={!consentId}
          loading={step.isPending}
          onClick={() => consentId && step.mutate({ id: r.id, version: r.version, step: 'send', consentId })}
        >
          {t('referrals.send.send')}
        </Button>
      </Group>
      <ErrorAlert error={step.error} />
    </Stack>
  )
}

function ReferralCard({
  owner: listOwner,
  r,
  consents,
  canManage: mayManage,
}: {
  owner: Owner
  r: ReferralView
  consents: ConsentView[]
  canManage: boolean
}) {
  const { t } = useTranslation()
  const fmt = useFormat()
  // Listed on a case but made on the line from a contact later linked to it: shown as recorded
  // there (the caller's fields), and managed there only.
  const fromContact = listOwner.kind === 'case' && r.contactId !== null
  const owner: Owner = fromContact && r.contactId ? { kind: 'contact', id: r.contactId } : listOwner
  const canManage = mayManage && !fromContact
  const stop = useReferralStep(owner)
  const feedback = useServiceFeedback(owner)
  const ended = ENDED_STATUSES.includes(r.status)
  const [editing, setEditing] = useState(false)
  return (
    <Stack gap={6} p="sm" style={box} data-testid="referral" data-from-contact={fromContact || undefined}>
      <Group gap="xs">
        <ReferralStatusBadge status={r.status} />
        <Text size="sm" fw={600}>
          {r.organisationName}
          {r.serviceName ? ` — ${r.serviceName}` : ''}
        </Text>
        <Text size="sm" c="gray.8" className="mono">
          {r.code}
        </Text>
      </Group>
      {fromContact && r.contactId ? <FromContactNote contactId={r.contactId} what="onCase" /> : null}
      <Text size="sm" className="pre-wrap">
        <strong>{t('referrals.reasonPrefix')}</strong> {r.reason}
      </Text>
      <Text size="sm">
        <strong>{t('referrals.sharedPrefix')}</strong>{' '}
        {r.shared.length ? r.shared.map((f) => t(sharedFieldKey(owner, f))).join(', ') : t('referrals.fields.none')}
      </Text>
      <Text size="sm" c="gray.8">
        {r.sentAt ? t('referrals.sentOn', { date: fmt.dateTimeShort(r.sentAt) }) : t('referrals.notSent')}
        {r.sharedUntil && !r.shreddedAt ? ` · ${t('referrals.until', { date: fmt.date(r.sharedUntil) })}` : ''}
        {r.shreddedAt ? ` · ${t('referrals.shreddedOn', { date: fmt.dateTimeShort(r.shreddedAt) })}` : ''}
      </Text>
      {r.declineReason ? (
        <Text size="sm" className="pre-wrap">
          <strong>{t('referrals.declinedBecause')}</strong>{' '}
          {r.declineReasonCode ? `${t(`referralDecline.reasons.${r.declineReasonCode}`)} — ` : ''}
          {r.declineReason}
        </Text>
      ) : null}
      {r.outcome ? (
        <Text size="sm">
          <strong>{t('referrals.outcomePrefix')}</strong> {t(`referrals.outcome.need.${r.outcome.need}`)} ·{' '}
          {t(`referrals.outcome.person.${r.outcome.person}`)}
        </Text>
      ) : null}
      {canManage && r.status === 'draft' ? <SendControl owner={owner} r={r} consents={consents} /> : null}
      {canManage && r.status === 'draft' ? (
        <Group>
          <Button size="xs" variant="subtle" onClick={() => setEditing(true)} {...prefetchOnReach(loadReferralForm)}>
            {t('referrals.edit')}
          </Button>
        </Group>
      ) : null}
      <LazyDialog opened={editing} onClose={() => setEditing(false)} title={t('referrals.form.editTitle')}>
        {editing ? <ReferralForm owner={owner} editing={r} onDone={() => setEditing(false)} /> : null}
      </LazyDialog>
      {canManage && !ended ? (
        <Group>
          <ConfirmButton
            size="xs"
            color="red"
            variant="subtle"
            label={t('referrals.stop')}
            question={t('referrals.stopQuestion')}
            loading={stop.isPending}
            onConfirm={() => stop.mutate({ id: r.id, version: r.version, step: 'stop' })}
          />
        </Group>
      ) : null}
      <ErrorAlert error={stop.error} />
      {r.status !== 'draft' ? (
        <FeedbackThread
          feedback={r.feedback}
          canWrite={canManage && !ended}
          pending={feedback.isPending}
          error={feedback.error}
          onSend={(note, done) => feedback.mutate({ id: r.id, note }, { onSuccess: done })}
        />
      ) : null}
    </Stack>
  )
}

export function ReferralsList(props: { owner: Owner; items: ReferralView[]; consents: ConsentView[]; canManage: boolean }) {
  const { t } = useTranslation()
  return (
    <Stack gap="xs">
      {props.items.length === 0 ? <Text c="gray.8">{t('referrals.empty')}</Text> : null}
      {props.items.map((r) => (
        <ReferralCard key={r.id} owner={props.owner} r={r} consents={props.consents} canManage={props.canManage} />
      ))}
    </Stack>
  )
}
