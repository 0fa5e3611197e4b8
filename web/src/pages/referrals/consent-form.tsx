import { Alert, Button, Checkbox, FileInput, Group, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { CONSENT_BASES, CONSENT_GIVERS, CONSENT_WAYS, CONTACT_SHAREABLE_FIELDS, SHAREABLE_FIELDS } from '../../../../common/vocabulary'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { isLanguage } from '../../i18n'
import { useLegalBases } from '../exceptions/use-exceptions'
import { type Chosen, ServicePicker } from './service-picker'
import { type Owner, sharedFieldKey, useAttachConsentForm, useRecordConsent } from './use-referrals'
import { DateField } from '../../components/date-field'
import { RequiredNote } from '../../components/required-note'
import { focusFirstError } from '../../components/focus-error'

type Giver = (typeof CONSENT_GIVERS)[number]
type Way = (typeof CONSENT_WAYS)[number]
type Field = (typeof SHAREABLE_FIELDS)[number]
type Basis = (typeof CONSENT_BASES)[number]

/** What the browser offers to pick for a signed form: what the server accepts (CONSENT_FORM_TYPES). */
export const CONSENT_FORM_ACCEPT = 'application/pdf,image/png,image/jpeg'

/** A date `months` from today, as a date input wants it. */
function isoDate(months = 0): string {
  const d = new Date()
  d.setMonth(d.getMonth() + months)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
}

/**
 * Records a consent to share parts of the case with one partner organisation (by default for six
 * months), or another legal basis picked from the DPO's list; a signed form is attached once the
 * consent is recorded. If only the attachment fails, submitting again retries the attachment alone.
 */
export function ConsentForm({ owner, onDone }: { owner: Owner; onDone: () => void }) {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const record = useRecordConsent(owner)
  // A contact keeps no documents: there, a signed paper stays out of Parcours and is not offered.
  const attach = useAttachConsentForm(owner.id)
  const fields: readonly Field[] = owner.kind === 'case' ? SHAREABLE_FIELDS : CONTACT_SHAREABLE_FIELDS
  const ways = owner.kind === 'case' ? CONSENT_WAYS : CONSENT_WAYS.filter((w) => w !== 'signed_form')
  const bases = useLegalBases()
  const [org, setOrg] = useState<Chosen | null>(null)
  const [file, setFile] = useState<File | null>(null)
  const [recorded, setRecorded] = useState<{ id: string; version: number } | null>(null)
  const [d, setD] = useState({
    basis: 'consent' as Basis,
    legalBasisId: null as string | null,
    purpose: '',
    givenBy: 'person' as Giver,
    how: 'oral' as Way,
    givenOn: isoDate(),
    expiresOn: isoDate(6),
    scope: ['summary'] as Field[],
    note: '',
  })
  const [local, setLocal] = useState<FieldIssue[]>([])
  const errors = useFieldErrors(record.error ?? attach.error, local, 'referrals.errors')
  const set = <K extends keyof typeof d>(k: K, v: (typeof d)[K]) => setD((x) => ({ ...x, [k]: v }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const withForm = (id: string, version: number) => {
      if (!file) return onDone()
      attach.mutate({ id, version, file }, { onSuccess: onDone })
    }
    if (recorded) return withForm(recorded.id, recorded.version)
    const missing: FieldIssue[] = []
    if (!org) missing.push({ field: 'organisationId', code: 'required' })
    if (!d.purpose.trim()) missing.push({ field: 'purpose', code: 'required' })
    if (d.basis === 'legal_basis' && !d.legalBasisId) missing.push({ field: 'legalBasisId', code: 'legal_basis_required' })
    setLocal(missing)
    if (missing.length) focusFirstError(e.currentTarget as HTMLElement)
    if (!org || missing.length) return
    const { basis, legalBasisId } = d
    record.mutate(
      {
        ...d,
        organisationId: org.organisationId,
        legalBasisId: basis === 'legal_basis' ? legalBasisId : null,
        note: d.note.trim() || null,
      },
      {
        onSuccess: (view) => {
          setRecorded({ id: view.id, version: view.version })
          withForm(view.id, view.version)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <RequiredNote />
        <ServicePicker
          label={t('referrals.consent.organisation')}
          organisations
          value={org}
          onChange={setOrg}
          error={errors.of('organisationId')}
          testId="consent-organisation"
        />
        <Radio.Group label={t('referrals.consent.basis')} value={d.basis} onChange={(v) => set('basis', v as Basis)}>
          <Group mt={4}>
            {CONSENT_BASES.map((b) => (
              <Radio key={b} value={b} label={t(b === 'consent' ? 'referrals.consent.basisConsent' : 'referrals.consent.basisLegal')} />
            ))}
          </Group>
        </Radio.Group>
        {d.basis === 'legal_basis' ? (
          <Select
            label={t('referrals.consent.legalBasis')}
            required
            searchable
            data={(bases.data?.items ?? []).filter((b) => b.active).map((b) => ({ value: b.id, label: b.label[lang] }))}
            value={d.legalBasisId}
            onChange={(v) => set('legalBasisId', v)}
            error={errors.of('legalBasisId')}
            data-testid="consent-legal-basis"
          />
        ) : null}
        <TextInput
          label={t('referrals.consent.purpose')}
          required
          value={d.purpose}
          onChange={(e) => set('purpose', e.currentTarget.value)}
          error={errors.of('purpose')}
        />
        <Group grow align="flex-start">
          <Select
            label={t('referrals.consent.givenBy')}
            required
            allowDeselect={false}
            data={CONSENT_GIVERS.map((g) => ({ value: g, label: t(`referrals.givers.${g}`) }))}
            value={d.givenBy}
            onChange={(v) => v && set('givenBy', v as Giver)}
          />
          <Select
            label={t('referrals.consent.how')}
            required
            allowDeselect={false}
            data={ways.map((w) => ({ value: w, label: t(`referrals.ways.${w}`) }))}
            value={d.how}
            onChange={(v) => v && set('how', v as Way)}
          />
        </Group>
        {d.how === 'signed_form' ? (
          <FileInput
            label={t('referrals.consent.signedForm')}
            description={t('referrals.consent.signedFormHelp')}
            accept={CONSENT_FORM_ACCEPT}
            clearable
            clearButtonProps={{ 'aria-label': t('referrals.consent.clearForm') }}
            value={file}
            onChange={setFile}
            error={errors.of('file')}
            data-testid="consent-signed-form"
          />
        ) : null}
        <Group grow align="flex-start">
          <DateField
            label={t('referrals.consent.givenOn')}
            required
            value={d.givenOn}
            onChange={(v) => set('givenOn', v)}
            error={errors.of('givenOn')}
          />
          <DateField
            label={t('referrals.consent.expiresOn')}
            required
            value={d.expiresOn}
            onChange={(v) => set('expiresOn', v)}
            error={errors.of('expiresOn')}
          />
        </Group>
        <Checkbox.Group
          label={t('referrals.consent.scope')}
          value={d.scope}
          onChange={(v) => set('scope', v as Field[])}
          error={errors.of('scope')}
        >
          <Stack gap={6} mt={4}>
            {fields.map((f) => (
              <Checkbox key={f} value={f} label={t(sharedFieldKey(owner, f))} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Textarea
          label={t('referrals.consent.note')}
          autosize
          minRows={2}
          value={d.note}
          onChange={(e) => set('note', e.currentTarget.value)}
          error={errors.of('note')}
        />
        {recorded && attach.error ? (
          <Alert color="orange" c="orange.9" role="status">
            {t('referrals.consent.retryUpload')}
          </Alert>
        ) : null}
        <ErrorAlert error={errors.any ? null : (record.error ?? attach.error)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending || attach.isPending}>
            {t('referrals.consent.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
