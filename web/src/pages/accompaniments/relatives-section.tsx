import { Anchor, Badge, Button, Group, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { IconLink, IconPencil, IconUserPlus } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CaseRelativeView } from '../../../../common/contracts/case-relatives.contracts'
import type { AccompanimentView } from '../../api/types'
import { AppModal } from '../../components/app-modal'
import { ErrorAlert } from '../../components/error-alert'
import { useFieldErrors, type FieldIssue } from '../../components/field-errors'
import { Loading } from '../../components/loading'
import { useFormat } from '../../i18n/format'
import { PersonPicker } from '../persons/person-picker'
import { StatusBadge } from './badges'
import { Section } from './case-details'
import { useRelatives, useSaveRelative, type RelativeBody } from './use-relatives'
import {
  CONSENTS,
  FAMILY_RELATIONSHIPS,
  INVOLVEMENTS,
  RELATIONSHIPS,
  type Consent,
  type Involvement,
  type Relationship,
} from './vocabulary'
import { DateField } from '../../components/date-field'
import { RequiredNote } from '../../components/required-note'
import { focusFirstError } from '../../components/focus-error'

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

function RelativeForm({ a, existing, onDone }: { a: AccompanimentView; existing?: CaseRelativeView; onDone: () => void }) {
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

function RelativeItem({ r, onEdit }: { r: CaseRelativeView; onEdit?: () => void }) {
  const { t } = useTranslation()
  const fmt = useFormat()
  return (
    <Stack component="li" gap={4} className="relative-item" data-testid="relative">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={600}>
            {r.name}{' '}
            <Text span c="gray.7" fw={400}>
              · {t(`accompaniment.relationship.${r.relationship}`)}
            </Text>
          </Text>
          <Text size="sm">
            {t(`relatives.involvements.${r.involvement}`)} ·{' '}
            {r.consent === 'given' && r.consentOn
              ? t('relatives.consentGivenOn', { date: fmt.date(r.consentOn) })
              : t(`relatives.consents.${r.consent}`)}
          </Text>
          {r.endedOn ? (
            <Badge variant="outline" color="gray" mt={4}>
              {t('relatives.endedSince', { date: fmt.date(r.endedOn) })}
            </Badge>
          ) : null}
          {r.note ? (
            <Text size="sm" c="gray.8" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {r.note}
            </Text>
          ) : null}
          {r.linkedCases.map((c) => (
            <Group key={c.id} gap={6} mt={4}>
              <IconLink size={16} aria-hidden />
              <Anchor component={Link} to={`/accompaniments/${c.id}`} size="sm" className="mono">
                {t('relatives.ownCase', { code: c.code })}
              </Anchor>
              <StatusBadge status={c.status} />
            </Group>
          ))}
        </div>
        {onEdit ? (
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={onEdit}
            aria-label={t('relatives.edit', { name: r.name })}
          >
            {t('common.edit')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  )
}

/** The relatives involved in the case and the other cases about the same concerned person. */
export function RelativesSection({ a, canWrite }: { a: AccompanimentView; canWrite: boolean }) {
  const { t } = useTranslation()
  const relatives = useRelatives(a.id)
  const [editing, setEditing] = useState<CaseRelativeView | 'new' | null>(null)
  const writable = canWrite && a.status !== 'closed' && a.access !== 'emergency'
  const items = relatives.data?.items ?? []
  const related = relatives.data?.relatedCases ?? []
  return (
    <Section id="case-relatives" title={t('relatives.title')}>
      <Stack gap="md">
        <ErrorAlert error={relatives.error} />
        {relatives.isPending ? (
          <Loading />
        ) : items.length ? (
          <Stack component="ul" gap="md" className="plain-list">
            {items.map((r) => (
              <RelativeItem key={r.id} r={r} onEdit={writable ? () => setEditing(r) : undefined} />
            ))}
          </Stack>
        ) : (
          <Text c="gray.7">{t('relatives.empty')}</Text>
        )}
        {writable ? (
          <Group>
            <Button variant="light" leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setEditing('new')}>
              {t('relatives.add')}
            </Button>
          </Group>
        ) : null}
        {related.length ? (
          <Stack gap={6} component="section" aria-labelledby="related-cases">
            <Text fw={600} id="related-cases">
              {a.kind === 'concerned' ? t('relatives.relatedAboutPerson') : t('relatives.relatedConcerned')}
            </Text>
            <Stack component="ul" gap={4} className="plain-list">
              {related.map((c) => (
                <Group component="li" key={c.id} gap="xs">
                  <Anchor component={Link} to={`/accompaniments/${c.id}`} className="mono">
                    {c.code}
                  </Anchor>
                  <Text size="sm">
                    {t(`accompaniment.kind.${c.kind}`)}
                    {c.relationship ? ` · ${t(`accompaniment.relationship.${c.relationship}`)}` : ''}
                  </Text>
                  <StatusBadge status={c.status} />
                </Group>
              ))}
            </Stack>
          </Stack>
        ) : null}
      </Stack>
      <AppModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('relatives.add') : t('relatives.editTitle')}
      >
        {editing !== null ? (
          <RelativeForm a={a} existing={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
        ) : null}
      </AppModal>
    </Section>
  )
}
