import { Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReferralView } from '../../../../common/contracts/referrals.contracts'
import { CONTACT_SHAREABLE_FIELDS, SHAREABLE_FIELDS } from '../../../../common/vocabulary'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { type Chosen, ServicePicker } from './service-picker'
import { ReferralSelectionFields } from './referral-selection-fields'
import { useOrganisation } from '../partners/use-partners'
import { type Owner, sharedFieldKey, useCreateReferral, useUpdateReferral } from './use-referrals'
import { RequiredNote } from '../../components/required-note'
import { focusFirstError } from '../../components/focus-error'

type Field = (typeof SHAREABLE_FIELDS)[number]

/**
 * Drafts a referral to a partner's service, or changes a draft (`editing`, If-Match; its recipient
 * stays): nothing leaves the case (or the contact) until it is sent under a consent. From a
 * contact, what can be shared is the caller's name, how to reach them and the summary.
 */
export function ReferralForm({
  owner,
  onDone,
  editing,
  preset,
}: {
  owner: Owner
  onDone: () => void
  editing?: ReferralView
  /** A service chosen before the form opened (the directory's "refer to this service"). */
  preset?: { organisationId: string; serviceId: string } | null
}) {
  const { t } = useTranslation()
  const createOne = useCreateReferral(owner)
  const updateOne = useUpdateReferral(owner)
  const fields: readonly Field[] = owner.kind === 'case' ? SHAREABLE_FIELDS : CONTACT_SHAREABLE_FIELDS
  const create = editing ? updateOne : createOne
  const [service, setService] = useState<Chosen | null>(
    editing ? { organisationId: editing.organisationId, serviceId: editing.serviceId } : (preset ?? null),
  )
  const presetOrg = useOrganisation(preset && !editing ? preset.organisationId : undefined)
  const presetService = presetOrg.data?.services.find((s) => s.id === preset?.serviceId)
  const presetOption =
    preset && presetOrg.data && presetService
      ? { value: `${preset.organisationId}|${preset.serviceId}`, label: `${presetOrg.data.name} — ${presetService.name}` }
      : undefined
  const [d, setD] = useState({
    reason: editing?.reason ?? '',
    request: editing?.request ?? '',
    summary: editing?.summary ?? '',
    shared: (editing?.shared ?? ['summary']) as Field[],
    documentIds: editing?.documentIds ?? [],
    planGoalIds: editing?.planGoalIds ?? [],
  })
  const [local, setLocal] = useState<FieldIssue[]>([])
  const errors = useFieldErrors(create.error, local, 'referrals.errors')
  const set = <K extends keyof typeof d>(k: K, v: (typeof d)[K]) => setD((x) => ({ ...x, [k]: v }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const missing: FieldIssue[] = []
    if (!service) missing.push({ field: 'organisationId', code: 'required' })
    if (!d.reason.trim()) missing.push({ field: 'reason', code: 'required' })
    setLocal(missing)
    if (missing.length) focusFirstError(e.currentTarget as HTMLElement)
    if (!service || missing.length) return
    const body = {
      organisationId: service.organisationId,
      serviceId: service.serviceId,
      reason: d.reason,
      request: d.request.trim() || null,
      summary: d.summary.trim() || null,
      shared: d.shared,
      // Ticks under a field no longer shared are dropped rather than refused.
      documentIds: d.shared.includes('documents') ? d.documentIds : [],
      planGoalIds: d.shared.includes('plan_goals') ? d.planGoalIds : [],
    }
    if (editing) updateOne.mutate({ id: editing.id, version: editing.version, body }, { onSuccess: onDone })
    else createOne.mutate(body, { onSuccess: onDone })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <RequiredNote />
        {editing ? (
          <Text size="sm" fw={600}>
            {editing.organisationName}
            {editing.serviceName ? ` — ${editing.serviceName}` : ''}
          </Text>
        ) : (
          <ServicePicker
            label={t('referrals.form.service')}
            value={service}
            onChange={setService}
            error={errors.of('organisationId')}
            testId="referral-service"
            preset={presetOption}
          />
        )}
        <Textarea
          label={t('referrals.form.reason')}
          required
          autosize
          minRows={2}
          value={d.reason}
          onChange={(e) => set('reason', e.currentTarget.value)}
          error={errors.of('reason')}
        />
        <Textarea
          label={t('referrals.form.request')}
          autosize
          minRows={2}
          value={d.request}
          onChange={(e) => set('request', e.currentTarget.value)}
          error={errors.of('request')}
        />
        <Textarea
          label={t('referrals.form.summary')}
          description={t('referrals.form.summaryHelp')}
          autosize
          minRows={3}
          value={d.summary}
          onChange={(e) => set('summary', e.currentTarget.value)}
          error={errors.of('summary')}
        />
        <Checkbox.Group
          label={t('referrals.form.shared')}
          description={t('referrals.form.sharedHelp')}
          value={d.shared}
          onChange={(v) => set('shared', v as Field[])}
          error={errors.of('shared')}
        >
          <Stack gap={6} mt={4}>
            {fields.map((f) => (
              <Checkbox key={f} value={f} label={t(sharedFieldKey(owner, f))} />
            ))}
          </Stack>
        </Checkbox.Group>
        {owner.kind === 'case' ? (
          <ReferralSelectionFields
            caseId={owner.id}
            documents={d.shared.includes('documents')}
            goals={d.shared.includes('plan_goals')}
            documentIds={d.documentIds}
            planGoalIds={d.planGoalIds}
            onDocuments={(v) => set('documentIds', v)}
            onGoals={(v) => set('planGoalIds', v)}
            errorOf={errors.of}
          />
        ) : null}
        <ErrorAlert error={errors.any ? null : create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {editing ? t('referrals.form.save') : t('referrals.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
