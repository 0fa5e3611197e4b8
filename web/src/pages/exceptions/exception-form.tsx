import { Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { RECIPIENT_KINDS, type RecipientKind } from '../../../../common/vocabulary'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { isLanguage } from '../../i18n'
import { type ExceptionSubject, useLegalBases, useRecordException } from './use-exceptions'
import { DateTimeField } from '../../components/date-field'
import { RequiredNote } from '../../components/required-note'
import { focusFirstError } from '../../components/focus-error'

/** The local date and time now, as a datetime-local input wants it. */
function localNow(): string {
  const d = new Date()
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

/** Records a confidentiality exception on a case or a contact; it then waits for a lead's validation. */
export function ExceptionForm({ subject, onDone }: { subject: ExceptionSubject; onDone: () => void }) {
  const { t, i18n } = useTranslation()
  const lang = isLanguage(i18n.language) ? i18n.language : 'fr'
  const bases = useLegalBases()
  const record = useRecordException(subject)
  const [d, setD] = useState({
    situation: '',
    legalBasisId: null as string | null,
    recipientKind: null as RecipientKind | null,
    recipientName: '',
    disclosed: '',
    disclosedAt: localNow(),
  })
  const [local, setLocal] = useState<FieldIssue[]>([])
  const errors = useFieldErrors(record.error, local)
  const set = <K extends keyof typeof d>(k: K, v: (typeof d)[K]) => setD((x) => ({ ...x, [k]: v }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const required = (['situation', 'legalBasisId', 'recipientKind', 'recipientName', 'disclosed', 'disclosedAt'] as const).filter(
      (k) => !String(d[k] ?? '').trim(),
    )
    setLocal(required.map((field) => ({ field, code: 'required' })))
    if (required.length) focusFirstError(e.currentTarget as HTMLElement)
    if (required.length || !d.legalBasisId || !d.recipientKind) return
    record.mutate(
      {
        situation: d.situation,
        legalBasisId: d.legalBasisId,
        recipientKind: d.recipientKind,
        recipientName: d.recipientName,
        disclosed: d.disclosed,
        disclosedAt: new Date(d.disclosedAt).toISOString(),
      },
      { onSuccess: onDone },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <RequiredNote />
        <Textarea
          label={t('exceptions.situation')}
          description={t('exceptions.situationHelp')}
          autosize
          minRows={3}
          required
          value={d.situation}
          onChange={(e) => set('situation', e.currentTarget.value)}
          error={errors.of('situation')}
        />
        <Select
          label={t('exceptions.legalBasis')}
          required
          data={(bases.data?.items ?? []).filter((b) => b.active).map((b) => ({ value: b.id, label: b.label[lang] }))}
          value={d.legalBasisId}
          onChange={(v) => set('legalBasisId', v)}
          error={errors.of('legalBasisId')}
        />
        <Select
          label={t('exceptions.recipientKind')}
          required
          data={RECIPIENT_KINDS.map((k) => ({ value: k, label: t(`exceptions.recipients.${k}`) }))}
          value={d.recipientKind}
          onChange={(v) => set('recipientKind', v as RecipientKind | null)}
          error={errors.of('recipientKind')}
        />
        <TextInput
          label={t('exceptions.recipientName')}
          required
          value={d.recipientName}
          onChange={(e) => set('recipientName', e.currentTarget.value)}
          error={errors.of('recipientName')}
        />
        <Textarea
          label={t('exceptions.disclosed')}
          autosize
          minRows={2}
          required
          value={d.disclosed}
          onChange={(e) => set('disclosed', e.currentTarget.value)}
          error={errors.of('disclosed')}
        />
        <DateTimeField
          label={t('exceptions.disclosedAt')}
          required
          value={d.disclosedAt}
          onChange={(v) => set('disclosedAt', v)}
          error={errors.of('disclosedAt')}
        />
        <ErrorAlert error={errors.any ? null : record.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('exceptions.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
