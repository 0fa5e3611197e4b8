import { Anchor, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import {
  REFERRAL_DECLINE_REASONS,
  REFERRAL_NEED_OUTCOMES,
  REFERRAL_STAY_OUTCOMES,
  type PartnerReferralView,
  type ReferralDeclineReason,
  type ReferralOutcome,
} from '../../../../common/contracts/referrals.contracts'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { PageHeader } from '../../components/page-header'
import { useFormat } from '../../i18n/format'
import { isUnavailable } from '../persons/use-person'
import { FeedbackThread, ReferralStatusBadge } from './referral-bits'
import { usePortalFeedback, usePortalReferral, usePortalStep } from './use-portal'

/** The copy the partner received: the reference, and only the fields that were shared. */
function SharedCopy({ r }: { r: PartnerReferralView }) {
  const { t } = useTranslation()
  const c = r.copy
  const line = (label: string, value: string | number | null | undefined) =>
    value === null || value === undefined ? null : (
      <div>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="sm">{value}</Text>
      </div>
    )
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('portal.copyTitle')}
      </Title>
      <Stack gap={6} data-testid="portal-copy">
        {line(t('portal.code'), c.reference)}
        {c.identity ? line(t('portal.name'), `${c.identity.firstName} ${c.identity.lastName}`) : null}
        {c.identity ? line(t('portal.birthYear'), c.identity.birthYear) : null}
        {c.caller ? line(t('portal.name'), c.caller.name) : null}
        {c.caller ? line(t('portal.reach'), c.caller.reach) : null}
        {c.contactDetails ? line(t('portal.phone'), c.contactDetails.phone) : null}
        {c.contactDetails ? line(t('portal.email'), c.contactDetails.email) : null}
        {c.summary ? (
          <div>
            <Text size="sm" fw={600}>
              {t('referrals.fields.summary')}
            </Text>
            <Text size="sm" className="pre-wrap">
              {c.summary}
            </Text>
          </div>
        ) : null}
        {c.planGoals?.length ? (
          <div>
            <Text size="sm" fw={600}>
              {t('referrals.fields.plan_goals')}
            </Text>
            <ul>
              {c.planGoals.map((g) => (
                <li key={g}>
                  <Text size="sm">{g}</Text>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {c.documents?.length ? (
          <div>
            <Text size="sm" fw={600}>
              {t('referrals.docs.title')}
            </Text>
            <ul data-testid="portal-documents">
              {c.documents.map((d) => (
                <li key={d.id}>
                  {/* Each download is audited by the server; the copy's end makes it 404. */}
                  <Anchor
                    size="sm"
                    href={`/api/partner/referrals/${encodeURIComponent(r.id)}/documents/${encodeURIComponent(d.id)}`}
                    download={d.filename}
                    aria-label={t('referrals.docs.download', { name: d.filename })}
                  >
                    {d.filename}
                  </Anchor>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Stack>
    </Paper>
  )
}

function Steps({ r }: { r: PartnerReferralView }) {
  const { t } = useTranslation()
  const step = usePortalStep(r.id)
  const [modal, setModal] = useState<'decline' | 'complete' | null>(null)
  const [reason, setReason] = useState('')
  const [reasonCode, setReasonCode] = useState<ReferralDeclineReason | null>(null)
  const [outcome, setOutcome] = useState<ReferralOutcome>({ need: 'met', person: 'stayed' })
  const errors = useFieldErrors(step.error, [], 'referrals.errors')
  const navigate = useNavigate()
  const close = () => setModal(null)
  // Declining or completing ends the referral and destroys the copy: back to the list.
  const run = (v: Parameters<typeof step.mutate>[0]) =>
    step.mutate(v, { onSuccess: () => (v.step === 'decline' || v.step === 'complete' ? void navigate('/portal') : close()) })
  return (
    <Stack gap="xs">
      <Group>
        {r.status === 'sent' ? <Button onClick={() => run({ step: 'accept', version: r.version })}>{t('portal.accept')}</Button> : null}
        {r.status === 'accepted' ? (
          <Button variant="light" onClick={() => run({ step: 'progress', version: r.version })}>
            {t('portal.progress')}
          </Button>
        ) : null}
        {r.status === 'sent' ? (
          <Button variant="light" color="red" onClick={() => setModal('decline')}>
            {t('portal.decline')}
          </Button>
        ) : null}
        {r.status === 'accepted' || r.status === 'in_progress' ? (
          <Button variant="light" onClick={() => setModal('complete')}>
            {t('portal.complete')}
          </Button>
        ) : null}
      </Group>
      {modal ? null : <ErrorAlert error={step.error} />}
      <AppModal opened={modal === 'decline'} onClose={close} title={t('portal.declineTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('portal.endNotice')}</Text>
          <Select
            label={t('portal.declineReason')}
            required
            data={REFERRAL_DECLINE_REASONS.map((c) => ({ value: c, label: t(`referralDecline.reasons.${c}`) }))}
            value={reasonCode}
            onChange={(v) => setReasonCode(v as ReferralDeclineReason | null)}
            error={errors.of('reasonCode')}
          />
          <Textarea
            label={t('referralDecline.reasonWords')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.of('reason')}
          />
          <ErrorAlert error={errors.any ? null : step.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={step.isPending} onClick={() => run({ step: 'decline', reason, reasonCode, version: r.version })}>
              {t('portal.decline')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
      <AppModal opened={modal === 'complete'} onClose={close} title={t('portal.completeTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('portal.endNotice')}</Text>
          <Select
            label={t('portal.needOutcome')}
            allowDeselect={false}
            data={REFERRAL_NEED_OUTCOMES.map((n) => ({ value: n, label: t(`referrals.outcome.need.${n}`) }))}
            value={outcome.need}
            onChange={(v) => v && setOutcome((o) => ({ ...o, need: v as ReferralOutcome['need'] }))}
          />
          <Select
            label={t('portal.personOutcome')}
            allowDeselect={false}
            data={REFERRAL_STAY_OUTCOMES.map((n) => ({ value: n, label: t(`referrals.outcome.person.${n}`) }))}
            value={outcome.person}
            onChange={(v) => v && setOutcome((o) => ({ ...o, person: v as ReferralOutcome['person'] }))}
          />
          <ErrorAlert error={step.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button loading={step.isPending} onClick={() => run({ step: 'complete', outcome, version: r.version })}>
              {t('portal.complete')}
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Stack>
  )
}

/**
 * A referral the partner cannot open: ended, its consent withdrawn or expired, or never theirs. The
 * same words for all, so that the page reveals nothing about what exists.
 */
function Gone() {
  const { t } = useTranslation()
  return (
    <Stack maw={640}>
      <PageHeader title={t('notFound.title')} />
      <Paper>
        <Stack gap="md" align="flex-start">
          <Text data-testid="portal-gone">{t('portal.gone')}</Text>
          <Text c="gray.7" size="sm">
            {t('notFound.body')}
          </Text>
          <Button component={Link} to="/portal" variant="light">
            {t('portal.back')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  )
}

/** One referral as the partner's staff see it: the shared copy, its steps (If-Match) and the feedback. */
export function PortalReferralPage() {
  const { t } = useTranslation()
  const fmt = useFormat()
  const { id = '' } = useParams()
  const query = usePortalReferral(id)
  const feedback = usePortalFeedback(id)
  const back = (
    <Group>
      <Button component={Link} to="/portal" variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} px={4}>
        {t('portal.back')}
      </Button>
    </Group>
  )
  if (query.isPending) return <Loading />
  if (isUnavailable(query.error)) return <Gone />
  if (query.isError) return <ErrorAlert error={query.error} />
  const r = query.data
  return (
    <Stack gap="lg" maw={960}>
      {back}
      <PageHeader
        title={t('portal.referralTitle', { code: r.code })}
        description={
          <Group component="span" gap="xs">
            <span>{r.serviceName ?? ''}</span>
            <span>{t('portal.sharedUntil', { date: fmt.date(r.sharedUntil) })}</span>
          </Group>
        }
      />
      <Group>
        <ReferralStatusBadge status={r.status} />
      </Group>
      <Steps r={r} />
      <SharedCopy r={r} />
      <Paper withBorder p="md" radius="md">
        <FeedbackThread
          feedback={r.feedback}
          canWrite
          pending={feedback.isPending}
          error={feedback.error}
          onSend={(note, done) => feedback.mutate(note, { onSuccess: done })}
        />
      </Paper>
    </Stack>
  )
}
