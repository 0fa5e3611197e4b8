import { Button, Group, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CaseRelativeView } from '../../../../common/contracts/case-relatives.contracts'
import type { AccompanimentView } from '../../api/types'
import { DateField } from '../../components/date-field'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { focusFirstError } from '../../components/focus-error'
import { RequiredNote } from '../../components/required-note'
import { PersonPicker } from '../persons/person-picker'
import { useSaveRelative, type RelativeBody } from './use-relatives'
import {
  CONSENTS,
  FAMILY_RELATIONSHIPS,
  INVOLVEMENTS,
  RELATIONSHIPS,
  type Consent,
  type Involvement,
  type Relationship,
} from './vocabulary'

/** A relative of the case, added or changed (relatives-section.tsx shows them; this comes with its first opening). */
type Draft = {
  name: string
  relationship: Relationship | null
  personId: string | null
  involvement: Involvement
  consent: Consent
  consentOn: string
  note: string
  endedOn: string
}

const EMPTY: Draft = {
  name: '',
  relationship: null,
  personId: null,
  involvement: 'informed',
  consent: 'not_asked',
  consentOn: '',
  note: '',
  endedOn: '',
}

function draftOf(r: CaseRelativeView): Draft {
  return {
    name: r.name,
    relationship: r.relationship,
    personId: r.personId,
    involvement: r.involvement,
    consent: r.consent,
    consentOn: r.consentOn ?? '',
    note: r.note ?? '',
    endedOn: r.endedOn ?? '',
  }
}

export function RelativeForm({ a, existing, onDone }: { a: AccompanimentView; existing?: CaseRelativeView; onDone: () => void }) {
  const { t } = useTranslation()
  const save = useSaveRelative(a.id)
  const [d, setD] = useState<Draft>(existing ? draftOf(existing) : EMPTY)
  const [local, setLocal] = useState<FieldIssue[]>([])
  const errors = useFieldErrors(save.error, local)
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }))
  // Family and friends first: they are the relatives a worker involves most often.
  const relationshipOptions = [
    ...FAMILY_RELATIONSHIPS,
    ...RELATIONSHIPS.filter((r) => !(FAMILY_RELATIONSHIPS as readonly string[]).includes(r)),
  ]

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const issues: FieldIssue[] = [
      ...(d.name.trim() ? [] : [{ field: 'name', code: 'required' }]),
      ...(d.relationship ? [] : [{ field: 'relationship', code: 'required' }]),
      ...(d.consent === 'given' && !d.consentOn ? [{ field: 'consentOn', code: 'required' }] : []),
    ]
    setLocal(issues)
    if (issues.length) focusFirstError(e.currentTarget as HTMLElement)
    if (issues.length) return
    const body: RelativeBody = {
      name: d.name,
      relationship: d.relationship!,
      personId: d.personId,
      involvement: d.involvement,
      consent: d.consent,
      consentOn: d.consent === 'given' ? d.consentOn : null,
      note: d.note,
      endedOn: d.endedOn || null,
    }
    save.mutate({ body, existing }, { onSuccess: onDone })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <RequiredNote />
        <ErrorAlert error={save.error && !errors.any ? save.error : null} />
        <TextInput
          label={t('relatives.name')}
          description={t('relatives.nameHint')}
          required
          value={d.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.of('name')}
          maxLength={120}
          data-autofocus
        />
        <Select
          label={t('relatives.relationship')}
          required
          data={relationshipOptions.map((r) => ({ value: r, label: t(`accompaniment.relationship.${r}`) }))}
          value={d.relationship}
          onChange={(v) => set('relationship', v as Relationship | null)}
          error={errors.of('relationship')}
          searchable
        />
        <PersonPicker
          label={t('relatives.registered')}
          description={t('relatives.registeredHint')}
          value={d.personId}
          onChange={(id) => set('personId', id)}
          exclude={[a.personId]}
          error={errors.of('personId')}
        />
        <Radio.Group label={t('relatives.involvement')} value={d.involvement} onChange={(v) => set('involvement', v as Involvement)}>
          <Stack gap={6} mt={6}>
            {INVOLVEMENTS.map((i) => (
              <Radio key={i} value={i} label={t(`relatives.involvements.${i}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Group grow align="flex-start">
          <Select
            label={t('relatives.consent')}
            description={t('relatives.consentHint')}
            data={CONSENTS.map((c) => ({ value: c, label: t(`relatives.consents.${c}`) }))}
            value={d.consent}
            onChange={(v) => set('consent', (v as Consent | null) ?? 'not_asked')}
            allowDeselect={false}
          />
          {d.consent === 'given' ? (
            <DateField
              label={t('relatives.consentOn')}
              required
              value={d.consentOn}
              onChange={(v) => set('consentOn', v)}
              error={errors.of('consentOn')}
            />
          ) : null}
        </Group>
        <Textarea
          label={t('relatives.note')}
          value={d.note}
          onChange={(e) => set('note', e.currentTarget.value)}
          error={errors.of('note')}
          autosize
          minRows={2}
          maxLength={2000}
        />
        {existing ? (
          <DateField
            label={t('relatives.endedOn')}
            description={t('relatives.endedOnHint')}
            value={d.endedOn}
            onChange={(v) => set('endedOn', v)}
            error={errors.of('endedOn')}
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
