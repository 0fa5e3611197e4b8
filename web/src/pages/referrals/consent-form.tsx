import { Button, Checkbox, Group, Select, Stack, Textarea, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { CONSENT_GIVERS, CONSENT_WAYS, SHAREABLE_FIELDS } from '../../../../common/contracts/referrals.contracts'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { type Chosen, ServicePicker } from './service-picker'
import { useRecordConsent } from './use-referrals'
import { DateField } from '../../components/date-field'

type Giver = (typeof CONSENT_GIVERS)[number]
type Way = (typeof CONSENT_WAYS)[number]
type Field = (typeof SHAREABLE_FIELDS)[number]

/** A date `months` from today, as a date input wants it. */
function isoDate(months = 0): string {
  const d = new Date()
  d.setMonth(d.getMonth() + months)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
}

/** Records a consent to share parts of the case with one partner organisation (by default for six months). */
export function ConsentForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation()
  const record = useRecordConsent(caseId)
  const [org, setOrg] = useState<Chosen | null>(null)
  const [d, setD] = useState({
    purpose: '',
    givenBy: 'person' as Giver,
    how: 'oral' as Way,
    givenOn: isoDate(),
    expiresOn: isoDate(6),
    scope: ['summary'] as Field[],
    note: '',
  })
  const [local, setLocal] = useState<FieldIssue[]>([])
  const errors = useFieldErrors(record.error, local)
  const set = <K extends keyof typeof d>(k: K, v: (typeof d)[K]) => setD((x) => ({ ...x, [k]: v }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const missing: FieldIssue[] = []
    if (!org) missing.push({ field: 'organisationId', code: 'required' })
    if (!d.purpose.trim()) missing.push({ field: 'purpose', code: 'required' })
    setLocal(missing)
    if (!org || missing.length) return
    record.mutate({ ...d, organisationId: org.organisationId, basis: 'consent', note: d.note.trim() || null }, { onSuccess: onDone })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ServicePicker
          label={t('referrals.consent.organisation')}
          organisations
          value={org}
          onChange={setOrg}
          error={errors.of('organisationId')}
          testId="consent-organisation"
        />
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
            data={CONSENT_WAYS.map((w) => ({ value: w, label: t(`referrals.ways.${w}`) }))}
            value={d.how}
            onChange={(v) => v && set('how', v as Way)}
          />
        </Group>
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
            {SHAREABLE_FIELDS.map((f) => (
              <Checkbox key={f} value={f} label={t(`referrals.fields.${f}`)} />
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
        <ErrorAlert error={errors.any ? null : record.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('referrals.consent.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
